import { loadKnowledgeBase } from '../knowledge/ingest/load-knowledge-base.js';
import type { KnowledgeCatalog } from '../knowledge/retrieval-contract.js';

/** The parts of the knowledge base handoff needs: departments (queues, hours) and procedures (routing, summaries). */
export type HandoffCatalog = KnowledgeCatalog;

/**
 * For tools that run without the app (clerk:add, bench:handoff): the knowledge base directory read once
 * with the shared loader. Invalid files are left out, as the loader does. The app uses `app.knowledge`.
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
