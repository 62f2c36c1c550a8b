import cluster from 'node:cluster';
import { runServicePrimary } from './cluster/service-primary.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';

/**
 * Entry point: configuration, the app, listening, and a graceful stop on SIGTERM/SIGINT
 * (stop accepting, let in-flight requests finish, close WebSockets with 1012, close the database).
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (cluster.isPrimary && config.SERVICE_WORKERS > 1) {
    // Each worker runs this file again from the top, as a whole instance (the branch below).
    return runServicePrimary({
      workers: config.SERVICE_WORKERS,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      logLevel: config.LOG_LEVEL,
    });
  }
  // Start-up has one budget of its own: slow is fine (plugins have no timeout), stuck is not.
  const watchdog = setTimeout(() => {
    console.error(
      `ANTONIA failed to start: start-up did not finish within ${config.STARTUP_TIMEOUT_S} s ` +
        '(STARTUP_TIMEOUT_S); the last progress line above shows the step it was in',
    );
    process.exit(1);
  }, config.STARTUP_TIMEOUT_S * 1000);
  // Imported here, not at the top: the primary of several workers (above) never builds the app, and
  // loading fastify, langchain and the rest would cost it ~100 MB of memory it does not use.
  const { buildApp } = await import('./app.js');
  const app = await buildApp(config);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  clearTimeout(watchdog);
}

/** One line, never "undefined": some libraries throw errors without a message, or non-errors. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name || 'unknown error';
  return String(error);
}

main().catch((error: unknown) => {
  // Configuration mistakes are the operator's to fix: one line, no stack trace.
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`ANTONIA failed to start: ${describeError(error)}`);
  }
  process.exit(1);
});
