import { describe, expect, it } from '@jest/globals';
import { chunkProcedure, LISTED_FIELD } from '../../src/knowledge/ingest/chunk-procedure.js';
import { parseProcedureFile, type KnowledgeProblem } from '../../src/knowledge/ingest/load-knowledge-base.js';
import { fromProjectRoot } from '../../src/project-root.js';

function projectProcedure(slug: string) {
  const problems: KnowledgeProblem[] = [];
  const path = fromProjectRoot('knowledge-base', 'procedures', `${slug}.md`);
  const procedure = parseProcedureFile(path, path, problems);
  if (!procedure) throw new Error(JSON.stringify(problems));
  return procedure;
}

describe('the chunks of a procedure', () => {
  it('index its steps and documents apart, in every language they are written in', async () => {
    const chunks = await chunkProcedure(projectProcedure('autorizatie-taxi'));
    const listed = chunks.filter((chunk) => chunk.field === LISTED_FIELD);
    expect(new Set(listed.map((chunk) => `${chunk.section}:${chunk.lang}`))).toEqual(
      new Set(['steps:ro', 'steps:en', 'steps:hu', 'documents:ro', 'documents:en', 'documents:hu']),
    );
    // The criminal record is named in the document lists, not in the ranked fields of the body.
    const naming = (chunk: { content: string }) => /cazierul judiciar/i.test(chunk.content);
    expect(
      listed.some((chunk) => chunk.section === 'documents' && chunk.lang === 'ro' && naming(chunk)),
    ).toBe(true);
    expect(listed.some((chunk) => chunk.lang === 'hu' && /erkölcsi bizonyítvány/.test(chunk.content))).toBe(
      true,
    );
    expect(chunks.filter((chunk) => chunk.field !== LISTED_FIELD).some(naming)).toBe(false);
  });

  it('leave out a language a list is not translated into', async () => {
    const procedure = projectProcedure('autorizatie-taxi');
    const chunks = await chunkProcedure({ ...procedure, documents: { ro: procedure.documents.ro } });
    const documents = chunks.filter((chunk) => chunk.field === LISTED_FIELD && chunk.section === 'documents');
    expect(documents.map((chunk) => chunk.lang)).toEqual(['ro']);
  });
});
