import { loadConfig, loadDotEnv } from '../config.js';
import { validateKnowledgeBase } from '../knowledge/ingest/validate-knowledge-base.js';

/**
 * `npm run kb:validate`: checks every knowledge-base file against its schema, the catalog and the
 * sourcing rules and the en/hu coverage (src/knowledge/ingest/validate-knowledge-base.ts). Prints one line per
 * problem and per warning; exits 1 if there is any problem (warnings alone do not fail).
 */
loadDotEnv();
const { procedures, departments, problems, warnings } = validateKnowledgeBase(loadConfig().KB_DIR);
for (const warning of warnings) console.log(`warning: ${warning.path}: ${warning.field}: ${warning.message}`);
for (const problem of problems) console.log(`${problem.path}: ${problem.field}: ${problem.message}`);
console.log(
  `${procedures.length} valid procedures, ${departments.length} departments, ${problems.length} problems, ${warnings.length} warnings`,
);
process.exit(problems.length > 0 ? 1 : 0);
