import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GENERAL_DEPARTMENT_ID } from './department-schema.js';
import { checkLanguageCoverage } from './language-coverage.js';
import {
  loadKnowledgeBase,
  type KnowledgeBaseContent,
  type KnowledgeProblem,
} from './load-knowledge-base.js';
import { loadOfficialDomains, OfficialDomains, OFFICIAL_SOURCES_FILE } from './official-sources.js';
import type { Procedure } from './procedure-schema.js';

const CatalogSchema = z.array(
  z.object({ slug: z.string().min(1), kind: z.enum(['procedure', 'redirect']) }).passthrough(),
);

export interface ValidatedKnowledgeBase extends KnowledgeBaseContent {
  /** Worth a look, not wrong (e.g. a translated list shorter than the Romanian one). */
  warnings: KnowledgeProblem[];
}

/**
 * Everything `npm run kb:validate` checks: the files against their schemas and each other (the loader),
 * the catalog (every slug has a file of the same kind), the sourcing rules of
 * docs/knowledge-base-guide.md that need more than one file to check, and that English and Hungarian
 * answers never fall back to Romanian text (src/knowledge/ingest/language-coverage.ts).
 */
export function validateKnowledgeBase(directory: string): ValidatedKnowledgeBase {
  const content = loadKnowledgeBase(directory);
  checkCatalog(directory, content.procedures, content.problems);
  checkSourcing(content.procedures, loadOfficialDomains(directory, content.problems), content.problems);
  const languages = checkLanguageCoverage(content.procedures);
  content.problems.push(...languages.fallbacks);
  return { ...content, warnings: languages.warnings };
}

/**
 * - the first source of every procedure is an official page (the guide: "the first is the main official page");
 * - a redirect's `url` sends the citizen to an official page;
 * - a redirect is handled by the general queue, since no City Hall department owns it.
 */
export function checkSourcing(
  procedures: Procedure[],
  official: OfficialDomains,
  problems: KnowledgeProblem[],
): void {
  for (const procedure of procedures) {
    const first = procedure.sources[0];
    if (first && !official.covers(first.url)) {
      problems.push({
        path: procedure.path,
        field: 'sources.0.url',
        message: `the first source must be an official page (a domain in ${OFFICIAL_SOURCES_FILE}), not ${describeHost(first.url)}`,
      });
    }
    if (procedure.redirect?.url !== undefined && !official.covers(procedure.redirect.url)) {
      problems.push({
        path: procedure.path,
        field: 'redirect.url',
        message: `a redirect must point to an official page (a domain in ${OFFICIAL_SOURCES_FILE}), not ${describeHost(procedure.redirect.url)}`,
      });
    }
    if (procedure.kind === 'redirect' && procedure.department !== GENERAL_DEPARTMENT_ID) {
      problems.push({
        path: procedure.path,
        field: 'department',
        message: `a redirect is handled by the general queue: department must be "${GENERAL_DEPARTMENT_ID}"`,
      });
    }
  }
}

function describeHost(url: string): string {
  const host = OfficialDomains.host(url);
  return host ? `"${host}"` : 'a URL that is not http(s)';
}

function checkCatalog(directory: string, procedures: Procedure[], problems: KnowledgeProblem[]): void {
  const path = join(directory, 'catalog.yaml');
  const shownPath = relative(process.cwd(), path);
  if (!existsSync(path)) {
    problems.push({ path: shownPath, field: '(file)', message: 'catalog.yaml is missing' });
    return;
  }
  let catalog: z.infer<typeof CatalogSchema>;
  try {
    const result = CatalogSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push({
          path: shownPath,
          field: issue.path.map(String).join('.') || '(root)',
          message: issue.message,
        });
      return;
    }
    catalog = result.data;
  } catch (error) {
    problems.push({
      path: shownPath,
      field: '(file)',
      message: `invalid YAML: ${(error as Error).message.split('\n')[0]}`,
    });
    return;
  }
  const bySlug = new Map(procedures.map((procedure) => [procedure.slug, procedure]));
  for (const entry of catalog) {
    const procedure = bySlug.get(entry.slug);
    if (!procedure)
      problems.push({
        path: relative(process.cwd(), join(directory, 'procedures', `${entry.slug}.md`)),
        field: '(file)',
        message: 'missing or invalid (catalog slug)',
      });
    else if (procedure.kind !== entry.kind)
      problems.push({ path: procedure.path, field: 'kind', message: `the catalog says ${entry.kind}` });
  }
}
