import { loadConfig, loadDotEnv } from '../config.js';
import { validateKnowledgeBase } from '../knowledge/validate-knowledge-base.js';

/**
 * `npm run kb:validate`: checks every knowledge-base file against its schema, the catalog and the
 * sourcing rules (src/knowledge/validate-knowledge-base.ts). Prints one line per problem; exits 1 if any.
 */
loadDotEnv();
const { procedures, departments, problems } = validateKnowledgeBase(loadConfig().KB_DIR);
for (const problem of problems) console.log(`${problem.path}: ${problem.field}: ${problem.message}`);
console.log(
  `${procedures.length} valid procedures, ${departments.length} departments, ${problems.length} problems`,
);
process.exit(problems.length > 0 ? 1 : 0);
