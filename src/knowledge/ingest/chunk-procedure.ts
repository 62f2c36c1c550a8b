import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { LANGS, type Lang } from '../../language.js';
import { normalizeText } from '../../text/normalize.js';
import type { Procedure } from './procedure-schema.js';

/** What a chunk is; ranking weights are per field (knowledge-base/retrieval.yaml). */
export const CHUNK_FIELDS = ['title', 'summary', 'keywords', 'example', 'body'] as const;
export type ChunkField = (typeof CHUNK_FIELDS)[number];

const LISTS = ['steps', 'documents'] as const;

export interface ProcedureChunk {
  field: ChunkField;
  /** Where it came from: the body's `##` heading, or the structured field's name. */
  section: string;
  lang: Lang;
  content: string;
}

// A body section longer than this is split (sections are 150–450 words in all, most are short).
const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: 700,
  chunkOverlap: 80,
  separators: ['\n\n', '\n', '. ', ' ', ''],
});

/**
 * Splits a procedure into retrievable chunks. Besides the Markdown body (Romanian, one or more chunks
 * per `##` section), the structured fields are indexed on their own — titles and summaries in each
 * language, the keywords, every example question — because that is where the English and Hungarian
 * words and the citizens' own phrasings are. A question is compared with each of them separately.
 */
export async function chunkProcedure(procedure: Procedure): Promise<ProcedureChunk[]> {
  const chunks: ProcedureChunk[] = [];
  for (const lang of LANGS) {
    chunks.push({ field: 'title', section: 'title', lang, content: procedure.title[lang] });
    chunks.push({ field: 'summary', section: 'summary', lang, content: procedure.summary[lang] });
  }
  chunks.push({ field: 'keywords', section: 'keywords', lang: 'ro', content: procedure.keywords.join('; ') });
  for (const lang of LANGS) {
    for (const example of procedure.examples[lang]) {
      chunks.push({ field: 'example', section: 'examples', lang, content: example });
    }
  }
  for (const section of bodySections(procedure.body)) {
    for (const piece of await splitter.splitText(section.text)) {
      chunks.push({ field: 'body', section: section.heading, lang: 'ro', content: piece });
    }
  }
  return dedupe(chunks);
}

/**
 * The steps and documents lists of a procedure in every language, normalised: indexed apart from the
 * chunks, as the lexemes they contain (knowledge_listed, migration 007), so the ranking, confidence
 * and vocabulary stay what the naming fields and the body make them. Only the subject rule reads them
 * (rank-procedures.ts, isSubjectOf): "pentru licența de taxi îmi trebuie cazierul judiciar" names a
 * document the taxi licence lists, and nothing but its list says so. The English and Hungarian lists
 * name the documents with the words an English or Hungarian question uses.
 */
export function listedText(procedure: Procedure): string {
  return LISTS.flatMap((list) => LANGS.flatMap((lang) => procedure[list][lang] ?? []))
    .map(normalizeText)
    .join('\n');
}

/** The body split at `##` headings; text before the first heading is the introduction. */
export function bodySections(body: string): Array<{ heading: string; text: string }> {
  const sections: Array<{ heading: string; text: string }> = [];
  let heading = 'Introducere';
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join('\n').trim();
    if (text) sections.push({ heading, text });
    lines = [];
  };
  for (const line of body.split(/\r?\n/)) {
    const match = /^#{1,3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) {
      flush();
      heading = match[1];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

// The same text twice (an English title equal to the Romanian one) would only count double.
function dedupe(chunks: ProcedureChunk[]): ProcedureChunk[] {
  const seen = new Set<string>();
  return chunks.filter((chunk) => {
    const key = normalizeText(chunk.content);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
