import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../config.js';
import { createEmbeddings } from '../knowledge/embeddings/create-embeddings.js';
import { ingestKnowledgeBase } from '../knowledge/ingest/ingest-knowledge-base.js';
import { migrate } from '../storage/migrate.js';
import { openDatabase } from '../storage/open-database.js';

/**
 * `npm run kb:ingest [-- --json]`: validates KB_DIR and brings the configured database's index in
 * step with it (DATABASE_URL, or the embedded database in DATA_DIR). Invalid files are listed with
 * their path and field and skipped; the others are ingested; the exit code is then 1.
 * Unchanged files cost nothing; deleted files are removed from the index; a new embeddings provider,
 * model or dimension re-embeds everything. One transaction: an error leaves the index as it was.
 */
const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
loadDotEnv();
const config = loadConfig();
// A folder locked by a running service, or unwritable, is refused here in one line (exit code 2).
const database = await openDatabase(config).catch((error: unknown) => {
  console.error(`kb:ingest failed, nothing was changed: ${(error as Error).message}`);
  process.exit(2);
});
let exitCode = 0;
try {
  await migrate(database);
  const embeddings = await createEmbeddings(config);
  const report = await ingestKnowledgeBase(database, config.KB_DIR, { embeddings });
  for (const problem of report.problems) {
    console.error(`${problem.path}: ${problem.field}: ${problem.message}`);
  }
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    const list = (slugs: string[]) => (slugs.length > 0 ? `: ${slugs.join(', ')}` : '');
    console.log(
      [
        `added      ${report.added.length}${list(report.added)}`,
        `updated    ${report.updated.length}${report.reembedded && report.updated.length > 0 ? ' (re-embedded)' : list(report.updated)}`,
        `removed    ${report.removed.length}${list(report.removed)}`,
        `unchanged  ${report.unchanged}`,
        `kept       ${report.kept.length}${list(report.kept)}${report.kept.length > 0 ? ' (invalid file, previous version kept)' : ''}`,
        `chunks     ${report.chunksWritten} written, ${report.dimensions} dimensions (${embeddings.provider}/${embeddings.model})`,
        `took       ${Math.round(report.tookMs)} ms`,
        `problems   ${report.problems.length}`,
      ].join('\n'),
    );
  }
  exitCode = report.problems.length > 0 ? 1 : 0;
} catch (error) {
  console.error(`kb:ingest failed, nothing was changed: ${(error as Error).message}`);
  exitCode = 2;
} finally {
  await database.close();
}
process.exit(exitCode);
