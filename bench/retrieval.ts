import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configWith } from '../src/config.js';
import { createEmbeddings } from '../src/knowledge/embeddings/create-embeddings.js';
import { parseEvalQuestions, type EvalQuestion } from '../src/knowledge/retrieval/evaluate-retrieval.js';
import { HybridRetriever } from '../src/knowledge/retrieval/hybrid-retriever.js';
import { ingestProcedures } from '../src/knowledge/ingest/ingest-knowledge-base.js';
import { loadKnowledgeBase } from '../src/knowledge/ingest/load-knowledge-base.js';
import type { Procedure } from '../src/knowledge/ingest/procedure-schema.js';
import { loadRetrievalConfig } from '../src/knowledge/retrieval/retrieval-config.js';
import { percentile } from '../src/metrics/percentile.js';
import { fromProjectRoot } from '../src/project-root.js';
import type { Database } from '../src/storage/database.js';
import { migrate } from '../src/storage/migrate.js';
import { PgliteDatabase } from '../src/storage/pglite-database.js';
import { PostgresDatabase } from '../src/storage/postgres-database.js';
import { benchmarkQuestions, syntheticProcedures } from './retrieval-synthetic-base.js';
import { createScratchDatabase } from './support/scratch-postgres.js';

/**
 * `npm run bench:retrieval [-- --procedures 10000 --questions 400 --backend both]`
 *
 * Ingests a synthetic knowledge base of `--procedures` procedures (about ten chunks each; default
 * 10,000 ≈ 100,000 chunks, or BENCH_PROCEDURES) into PostgreSQL + pgvector (HNSW) and into PGlite,
 * then asks a mixed question set one question at a time (as the dialogue does) and prints ingest
 * throughput and query latency p50/p95/p99, plus the same figures for the real knowledge base. Ends with
 * one JSON line per backend. PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
 * postgres), in a scratch database it creates and drops. A benchmark prints figures; it asserts nothing.
 */
const { values } = parseArgs({
  options: {
    procedures: { type: 'string', default: process.env.BENCH_PROCEDURES ?? '10000' },
    questions: { type: 'string', default: '400' },
    backend: { type: 'string', default: 'both' },
  },
});
const procedureCount = Number(values.procedures);
const questionCount = Number(values.questions);
const backends = values.backend === 'both' ? ['postgres', 'pglite'] : [values.backend];

interface Figures {
  backend: string;
  procedures: number;
  chunks: number;
  ingestSeconds: number;
  ingestChunksPerSec: number;
  questions: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  top1: number;
}

const settings = configWith();
const embeddings = await createEmbeddings(settings);
const retrievalConfig = loadRetrievalConfig();
const real = loadKnowledgeBase(fromProjectRoot('knowledge-base')).procedures;
const devQuestions = parseEvalQuestions(
  readFileSync(fromProjectRoot('test', 'fixtures', 'eval-dev.jsonl'), 'utf8'),
);
const synthetic = syntheticProcedures(real, procedureCount);
const mixed = benchmarkQuestions(synthetic, devQuestions, questionCount);

const results: Array<{ scaled: Figures; realBase: Figures }> = [];
for (const backend of backends) {
  const realBase = await withDatabase(backend, 'real', (database) =>
    measure(backend, database, real, devQuestions),
  );
  log(realBase, 'real knowledge base');
  const scaled = await withDatabase(backend, 'scaled', (database) =>
    measure(backend, database, synthetic, mixed, true),
  );
  log(scaled, 'synthetic knowledge base');
  results.push({ scaled, realBase });
}
for (const { scaled, realBase } of results) {
  console.log(
    JSON.stringify({
      backend: scaled.backend,
      chunks: scaled.chunks,
      ingestChunksPerSec: scaled.ingestChunksPerSec,
      p50Ms: scaled.p50Ms,
      p95Ms: scaled.p95Ms,
      p99Ms: scaled.p99Ms,
      procedures: scaled.procedures,
      realBase: {
        chunks: realBase.chunks,
        p50Ms: realBase.p50Ms,
        p95Ms: realBase.p95Ms,
        p99Ms: realBase.p99Ms,
      },
    }),
  );
}

async function measure(
  backend: string,
  database: Database,
  procedures: Procedure[],
  questions: EvalQuestion[],
  synthetic = false,
): Promise<Figures> {
  const started = performance.now();
  const report = await ingestProcedures(database, procedures, { embeddings });
  const ingestSeconds = (performance.now() - started) / 1000;
  const retriever = new HybridRetriever({
    database,
    embeddings: embeddings.embeddings,
    config: retrievalConfig,
  });
  // Warm-up: the first queries of a fresh connection pay for catalog lookups and planning.
  for (const question of questions.slice(0, 20)) await retriever.search(question.q, { lang: question.lang });
  const latencies: number[] = [];
  let right = 0;
  for (const question of questions) {
    const begin = performance.now();
    const result = await retriever.search(question.q, { lang: question.lang });
    latencies.push(performance.now() - begin);
    // In the synthetic base a real question is answered right by any copy of the expected procedure.
    const top = result.procedures[0]?.slug;
    const template = top && synthetic ? top.split('-').slice(0, -2).join('-') : top;
    const expected = (slug: string | undefined) => slug !== undefined && question.expect.includes(slug);
    if (question.expect.length === 0 ? result.declined : expected(top) || expected(template)) right++;
  }
  latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    backend,
    procedures: procedures.length,
    chunks: report.chunksWritten,
    ingestSeconds: round(ingestSeconds),
    ingestChunksPerSec: Math.round(report.chunksWritten / ingestSeconds),
    questions: questions.length,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    top1: round(right / questions.length),
  };
}

function log(figures: Figures, what: string): void {
  console.log(
    `${figures.backend}, ${what}: ${figures.procedures} procedures, ${figures.chunks} chunks; ` +
      `ingest ${figures.ingestSeconds} s (${figures.ingestChunksPerSec} chunks/s); ` +
      `${figures.questions} questions: p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms; ` +
      `top-1 ${figures.top1}`,
  );
}

/** A fresh migrated database of the backend, dropped afterwards. */
async function withDatabase<T>(
  backend: string,
  label: string,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  if (backend === 'pglite') {
    const database = await PgliteDatabase.open();
    try {
      await migrate(database);
      return await work(database);
    } finally {
      await database.close();
    }
  }
  if (backend !== 'postgres') throw new Error(`unknown backend ${backend} (postgres, pglite or both)`);
  const scratch = await createScratchDatabase(label);
  const database = await PostgresDatabase.open({ connectionString: scratch.url, poolMax: 4 });
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
    await scratch.drop();
  }
}
