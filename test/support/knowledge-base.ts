import { loadKnowledgeBase } from '../../src/knowledge/ingest/load-knowledge-base.js';
import type { Procedure } from '../../src/knowledge/ingest/procedure-schema.js';
import type { KnowledgeCatalog } from '../../src/knowledge/retrieval-contract.js';
import { fromProjectRoot } from '../../src/project-root.js';

/** The repository's knowledge base, loaded from its files once per test file (no database). */
export const knowledge = loadKnowledgeBase(fromProjectRoot('knowledge-base'));

/** A procedure of the knowledge base by slug; a missing slug fails the test instead of passing undefined on. */
export function procedure(slug: string): Procedure {
  const found = knowledge.procedures.find((candidate) => candidate.slug === slug);
  if (!found) throw new Error(`no procedure ${slug} in the knowledge base`);
  return found;
}

/** The same knowledge as the catalog the dialogue reads (no database: the files as loaded). */
export const knowledgeCatalog: KnowledgeCatalog = {
  procedure: (slug) => knowledge.procedures.find((candidate) => candidate.slug === slug),
  procedures: () => knowledge.procedures,
  department: (id) => knowledge.departments.find((department) => department.id === id),
  departments: () => knowledge.departments,
};
