import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fromProjectRoot } from '../../src/project-root.js';

export interface ServiceProcess {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Resolves with the exit code once the process has exited, however it ended. */
  exited: Promise<number | null>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunOptions {
  /** Run as this user and group (tests that need an unprivileged user when the suite runs as root). */
  uid?: number;
  gid?: number;
  /** Written to the process's stdin, which is then closed. */
  stdin?: string;
  /** Prefix the command, e.g. ['taskset', '-c', '0'] to pin it to one CPU. */
  wrapper?: string[];
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry point of the project (through tsx, as the npm scripts do). */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: RunOptions = {},
): RunningProcess {
  let output = '';
  const command = [
    ...(options.wrapper ?? []),
    process.execPath,
    '--import',
    'tsx',
    fromProjectRoot(script),
    ...args,
  ];
  const child = spawn(command[0], command.slice(1), {
    cwd: fromProjectRoot(),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    uid: options.uid,
    gid: options.gid,
  });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Runs `src/server.ts` as a real process (through tsx, as `npm run dev` does) with the given environment. */
export function runService(env: Record<string, string>, options: RunOptions = {}): RunningProcess {
  return runScript('src/server.ts', [], env, options);
}

/** The lines a process printed that are not JSON log records: what an operator reads first. */
export function plainLines(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('{'));
}

/** Starts the service and waits until /ready answers 200 (or fails after `timeoutMs`). */
export async function startService(
  env: Record<string, string>,
  timeoutMs = 60_000,
  options: RunOptions = {},
): Promise<ServiceProcess & { readyAfterMs: number }> {
  const port = await freePort();
  const started = Date.now();
  const { child, output, exited } = runService({ HOST: '127.0.0.1', PORT: String(port), ...env }, options);
  const baseUrl = `http://127.0.0.1:${port}`;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`service exited with ${exitCode}:\n${output()}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`service not ready after ${timeoutMs} ms:\n${output()}`);
    }
    const ready = await fetch(`${baseUrl}/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    baseUrl,
    port,
    output,
    readyAfterMs: Date.now() - started,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    exited,
  };
}
