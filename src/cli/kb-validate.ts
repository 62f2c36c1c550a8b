import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadConfig, loadDotEnv } from '../config.js';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base.js';

/**
 * `npm run kb:validate`: checks every knowledge-base file against the schema and the catalog
 * (every catalog slug has a file of the same kind). Prints one line per problem; exits 1 if any.
 */
loadDotEnv();
const directory = loadConfig().KB_DIR;
const { procedures, departments, problems } = loadKnowledgeBase(directory);
const catalog = parseYaml(readFileSync(join(directory, 'catalog.yaml'), 'utf8')) as Array<{
  slug: string;
  kind: string;
}>;
const bySlug = new Map(procedures.map((procedure) => [procedure.slug, procedure]));
for (const entry of catalog) {
  const procedure = bySlug.get(entry.slug);
  if (!procedure)
    problems.push({
      path: join(directory, 'procedures', `${entry.slug}.md`),
      field: '(file)',
      message: 'missing or invalid (catalog slug)',
    });
  else if (procedure.kind !== entry.kind)
    problems.push({ path: procedure.path, field: 'kind', message: `the catalog says ${entry.kind}` });
}
for (const problem of problems) console.log(`${problem.path}: ${problem.field}: ${problem.message}`);
console.log(
  `${procedures.length} valid procedures, ${departments.length} departments, ${problems.length} problems`,
);
process.exit(problems.length > 0 ? 1 : 0);
