import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationsAreCurrent, readMigrations } from '../storage/migrate.js';

const HealthSchema = z.object({ status: z.literal('ok') });
const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])),
});

/**
 * Extra readiness checks registered by other plugins (e.g. "knowledge base ingested").
 * Each returns true when its part is ready.
 */
export type ReadinessCheck = () => Promise<boolean>;

declare module 'fastify' {
  interface FastifyInstance {
    readinessChecks: Map<string, ReadinessCheck>;
  }
}

/** `/health`: the process is alive. `/ready`: the database answers and every part is ready for traffic. */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  // The migration files do not change while the process runs: read them once, not on every probe.
  const migrations = readMigrations();
  app.get(
    '/health',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database reachable, migrations applied, knowledge base loaded',
        response: { 200: ReadySchema, 503: ReadySchema },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, 'ok' | 'failing'> = {};
      const run = async (name: string, check: ReadinessCheck) => {
        checks[name] = (await check().catch(() => false)) ? 'ok' : 'failing';
      };
      await run('database', async () => (await app.db.query('SELECT 1')).rowCount === 1);
      await run('migrations', () => migrationsAreCurrent(app.db, migrations));
      for (const [name, check] of app.readinessChecks) await run(name, check);
      const ready = Object.values(checks).every((value) => value === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
};

export default healthRoutes;
