import type { Queryable } from '../storage/database.js';
import type { Department } from './ingest/department-schema.js';
import type { Procedure } from './ingest/procedure-schema.js';
import type { KnowledgeCatalog } from './retrieval-contract.js';

/**
 * The procedures exactly as indexed (read back from knowledge_procedures, so a slug the retriever
 * returns is always one the catalog knows, even when its file has since become invalid) and the
 * departments from departments.yaml. Held in memory: a few hundred kilobytes for the whole base.
 */
export class IndexedKnowledgeCatalog implements KnowledgeCatalog {
  private list: readonly Procedure[];

  private constructor(
    private bySlug: Map<string, Procedure>,
    private readonly byDepartment: Map<string, Department>,
  ) {
    this.list = Object.freeze([...bySlug.values()]);
  }

  static async load(database: Queryable, departments: Department[]): Promise<IndexedKnowledgeCatalog> {
    return new IndexedKnowledgeCatalog(
      await readProcedures(database),
      new Map(departments.map((department) => [department.id, department])),
    );
  }

  /**
   * Reads the indexed procedures again (after a re-index, docs/adr/0006-knowledge-cache.md) and returns
   * the function that puts them in place, so the knowledge cache can switch them together with the
   * vocabulary and the chunks. The map and the list are replaced together (no await between): a turn
   * sees the old procedures or the new ones, never a mixture.
   */
  async prepareReload(database: Queryable): Promise<() => void> {
    const bySlug = await readProcedures(database);
    const list = Object.freeze([...bySlug.values()]);
    return () => {
      this.bySlug = bySlug;
      this.list = list;
    };
  }

  procedure(slug: string): Procedure | undefined {
    return this.bySlug.get(slug);
  }

  procedures(): readonly Procedure[] {
    return this.list;
  }

  department(id: string): Department | undefined {
    return this.byDepartment.get(id);
  }

  departments(): Department[] {
    return [...this.byDepartment.values()];
  }
}

async function readProcedures(database: Queryable): Promise<Map<string, Procedure>> {
  const { rows } = await database.query<{ document: Procedure }>(
    'SELECT document FROM knowledge_procedures ORDER BY slug',
  );
  return new Map(rows.map((row) => [row.document.slug, row.document]));
}
