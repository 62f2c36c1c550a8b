import { describe, expect, it } from '@jest/globals';
import { chunkProcedure, listedText } from '../../src/knowledge/ingest/chunk-procedure.js';
import { parseProcedureFile, type KnowledgeProblem } from '../../src/knowledge/ingest/load-knowledge-base.js';
import { fromProjectRoot } from '../../src/project-root.js';

function projectProcedure(slug: string) {
  const problems: KnowledgeProblem[] = [];
  const path = fromProjectRoot('knowledge-base', 'procedures', `${slug}.md`);
  const procedure = parseProcedureFile(path, path, problems);
  if (!procedure) throw new Error(JSON.stringify(problems));
  return procedure;
}

describe('the steps and documents lists of a procedure', () => {
  it('are kept apart from the chunks, in every language they are written in', async () => {
    const procedure = projectProcedure('autorizatie-taxi');
    const listed = listedText(procedure);
    // The criminal record is named in the document lists, not in the ranked fields of the body.
    expect(listed).toContain('cazierul judiciar');
    expect(listed).toContain('erkolcsi bizonyitvanya');
    expect(listed).toContain('criminal record');
    const chunks = await chunkProcedure(procedure);
    expect(chunks.some((chunk) => /cazierul judiciar/i.test(chunk.content))).toBe(false);
  });

  it('leave out a language a list is not translated into', () => {
    const procedure = projectProcedure('autorizatie-taxi');
    const listed = listedText({
      ...procedure,
      documents: { ro: procedure.documents.ro },
      steps: { ro: procedure.steps.ro },
    });
    expect(listed).toContain('cazierul judiciar');
    expect(listed).not.toContain('erkolcsi');
  });
});
