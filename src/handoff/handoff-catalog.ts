import { loadKnowledgeBase } from '../knowledge/load-knowledge-base.js';
import type { KnowledgeCatalog } from '../knowledge/retrieval-contract.js';

/** The parts of the knowledge base handoff needs: departments (queues, hours) and procedures (routing, summaries). */
export type HandoffCatalog = KnowledgeCatalog;

/** True when `value` looks like a KnowledgeCatalog (what the knowledge plugin decorates as `app.knowledge`). */
export function isKnowledgeCatalog(value: unknown): value is KnowledgeCatalog {
  const candidate = value as Partial<KnowledgeCatalog> | null | undefined;
  return (
    typeof candidate?.procedure === 'function' &&
    typeof candidate.procedures === 'function' &&
    typeof candidate.department === 'function' &&
    typeof candidate.departments === 'function'
  );
}

/**
 * The fallback when no knowledge plugin is registered (tools, tests of this module alone): the knowledge
 * base directory read once with the shared loader. Invalid files are left out, as the loader does.
 */
export function catalogFromDirectory(directory: string): KnowledgeCatalog {
  const content = loadKnowledgeBase(directory);
  const procedures = new Map(content.procedures.map((procedure) => [procedure.slug, procedure]));
  const departments = new Map(content.departments.map((department) => [department.id, department]));
  return {
    procedure: (slug) => procedures.get(slug),
    procedures: () => [...procedures.values()],
    department: (id) => departments.get(id),
    departments: () => [...departments.values()],
  };
}
