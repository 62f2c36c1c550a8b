import { describe, expect, it } from '@jest/globals';
import { composeAnswer } from '../../src/dialogue/answers/compose-answer.js';
import { SECTION_TITLES } from '../../src/dialogue/canned-replies.js';
import { DEFAULT_DIALOGUE_SETTINGS } from '../../src/dialogue/dialogue-settings.js';
import { readFacets } from '../../src/dialogue/facets.js';
import { loadKnowledgeBase } from '../../src/knowledge/ingest/load-knowledge-base.js';
import type { Procedure } from '../../src/knowledge/ingest/procedure-schema.js';
import { LANGS, type Lang } from '../../src/language.js';
import { fromProjectRoot } from '../../src/project-root.js';

/**
 * Plain language (issue 11): what a citizen reads first is short sentences in everyday words. Legal
 * citations belong in the collapsed "Temei legal" section (the procedure's `legalBasis`), and an office
 * acronym is spelled out where it is used.
 */
const knowledge = loadKnowledgeBase(fromProjectRoot('knowledge-base'));

/** Longer sentences are hard to follow on a phone, in a second language or with a screen reader. */
const MAX_SENTENCE_WORDS = 30;

/** What a legal citation looks like in ro, en and hu ("OUG 97/2005", "art. 471", "a 27/2002-es"). */
const LEGAL_CITATION: RegExp[] = [
  /(?<!\p{L})(?:OUG|OG|HG|HCL|HCJ|GEO)\s*(?:nr\.\s*)?\d/u,
  // An act's number/year ("Legea 50/1991", "a 27/2002-es törvény"), not a school year ("2025/2026").
  /(?<![\d/])(?!(?:19|20)\d\d\/)\d{1,4}\/(?:19|20)\d\d(?!\d)/u,
  /(?<!\p{L})(?:Legea|Legii|Law)\s+(?:nr\.\s*|no\.\s*)?\d/u,
  /(?<!\p{L})(?:art\.|article)\s*\d/iu,
  /(?<!\p{L})\d+\.\s*cikk/u,
  /(?<!\p{L})Cod(?:ul|ului)\s+(?:fiscal|civil|administrativ|de procedură)/iu,
  /(?<!\p{L})(?:Fiscal|Civil|Fiscal Procedure|Administrative) Code(?!\p{L})/u,
  /törvénykönyv/iu,
];

/** Office acronyms and how each language spells the office out (Hungarian with its case endings). */
const ACRONYMS: Record<string, Record<Lang, RegExp>> = {
  DITL: {
    ro: /Direcți(?:a|ei) Impozite și Taxe Locale/u,
    en: /Local Taxes Directorate/u,
    hu: /Helyi Adók és Illetékek Igazgatóság/u,
  },
  DASM: {
    ro: /Direcți(?:a|ei) de Asistență Socială și Medicală/u,
    en: /Social and Medical Assistance Directorate/u,
    hu: /Szociális és Egészségügyi Igazgatóság/u,
  },
  SPCRPCIV: {
    ro: /Serviciul(?:ui)? Public Comunitar Regim Permise de Conducere și Înmatriculare a Vehiculelor/u,
    en: /Driving Licen[cs]es? and Vehicle Registration/u,
    hu: /Jogosítvány\S* és Járműnyilvántart|Járműnyilvántartó és Jogosítvány/u,
  },
  DJEP: {
    ro: /Direcți(?:a|ei) Județe(?:ană|ne) de Evidență a Persoanelor/u,
    en: /County Population Records Directorate/u,
    hu: /Megyei Személynyilvántartó Igazgatóság/u,
  },
};

/** Abbreviations a sentence does not end with ("str. Moților", "nr. 5", "e.g. Ana", "stb. A"). */
const ABBREVIATION =
  /(?:^|[\s(])(?:str|nr|bd|bl|sc|ap|et|cam|tel|alin|art|lit|pct|ex|etc|no|dr|prof|ing|jud|mun|com|e\.g|i\.e|f\.n|stb|pl|u|sz|kb|ún|ill)\.$/iu;

/** Sentences: end punctuation, a space and a capital, except after an abbreviation. */
function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  for (const piece of text.trim().split(/(?<=[.!?])\s+(?=[\p{Lu}„“"(])/u)) {
    const previous = sentences.at(-1);
    if (previous !== undefined && ABBREVIATION.test(previous)) {
      sentences[sentences.length - 1] = `${previous} ${piece}`;
    } else sentences.push(piece);
  }
  return sentences;
}

function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((word) => /[\p{L}\d]/u.test(word)).length;
}

function citationsIn(text: string): string[] {
  return LEGAL_CITATION.map((pattern) => pattern.exec(text)?.[0]).filter((hit): hit is string => !!hit);
}

/** Acronyms used in `text` whose office `text` does not spell out. */
function unexplainedAcronyms(text: string, lang: Lang): string[] {
  return Object.entries(ACRONYMS)
    .filter(
      ([acronym, expansion]) =>
        new RegExp(`\\b${acronym}\\b(?!-\\d)`).test(text) && !expansion[lang].test(text),
    )
    .map(([acronym]) => acronym);
}

/** The first answer about a procedure: the lead and the section lines, legal basis apart. */
function firstAnswer(procedure: Procedure, lang: Lang) {
  const answer = composeAnswer(procedure, [], lang, {
    overviewListLines: DEFAULT_DIALOGUE_SETTINGS.overviewListLines,
  });
  const lead = answer.text.split('\n\n')[0];
  const legalTitle = SECTION_TITLES.legalBasis[lang];
  const plain = answer.sections.filter((section) => section.title !== legalTitle);
  const legal = answer.sections.find((section) => section.title === legalTitle);
  return { lines: [...lead.split('\n'), ...plain.flatMap((section) => section.lines)], legal };
}

/** Every field a citizen reads, with where it comes from (keywords, examples and legal basis aside). */
function textFields(procedure: Procedure, lang: Lang): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const add = (name: string, value: { ro: string; en?: string; hu?: string } | undefined) => {
    const text = value?.[lang];
    if (text) fields.push([name, text]);
  };
  const addList = (name: string, value: { ro: string[]; en?: string[]; hu?: string[] }) =>
    (value[lang] ?? []).forEach((text, index) => fields.push([`${name}[${index}]`, text]));
  add('title', procedure.title);
  add('summary', procedure.summary);
  addList('steps', procedure.steps);
  addList('documents', procedure.documents);
  procedure.fees.forEach((fee, index) => {
    add(`fees[${index}].label`, fee.label);
    add(`fees[${index}].dependsOn`, fee.dependsOn);
    add(`fees[${index}].note`, fee.note);
  });
  add('deadline', procedure.deadline);
  add('validity', procedure.validity);
  add('where.office', procedure.where.office);
  add('where.hours', procedure.where.hours);
  add('where.notes', procedure.where.notes);
  if (typeof procedure.where.address === 'object') add('where.address', procedure.where.address);
  add('online', procedure.online?.description);
  add('redirect.institution', procedure.redirect?.institution);
  add('redirect.cityHallRole', procedure.redirect?.cityHallRole);
  return fields;
}

describe('the readability check itself', () => {
  it('finds citations in three languages, and leaves school years and phone numbers alone', () => {
    expect(citationsIn('Conform OUG 97/2005, cererea se depune')).not.toEqual([]);
    expect(citationsIn('Under art. 8 of the ordinance')).not.toEqual([]);
    expect(citationsIn('A 27/2002-es kormányrendelet szerint')).not.toEqual([]);
    expect(citationsIn('Az Adótörvénykönyv szerint')).not.toEqual([]);
    expect(citationsIn('Conform Codului fiscal, taxa')).not.toEqual([]);
    expect(citationsIn('anul școlar 2025/2026; dispecerat 0264/955')).toEqual([]);
  });

  it('counts the words of each sentence, not across an abbreviation', () => {
    expect(sentencesOf('Mergeți la str. Moților nr. 5. Luați buletinul.')).toEqual([
      'Mergeți la str. Moților nr. 5.',
      'Luați buletinul.',
    ]);
    expect(sentencesOf('Nu face programări pentru ele. Prin DASM, e.g. Ana.')).toEqual([
      'Nu face programări pentru ele.',
      'Prin DASM, e.g. Ana.',
    ]);
    // A dash on its own is not a word.
    expect(wordCount('Ghișeele 1–2: cartea – vezi.')).toBe(4);
  });

  it('wants an acronym spelled out in its own language', () => {
    expect(unexplainedAcronyms('Mergeți la DASM.', 'ro')).toEqual(['DASM']);
    expect(unexplainedAcronyms('Direcția de Asistență Socială și Medicală (DASM)', 'ro')).toEqual([]);
    expect(unexplainedAcronyms('Direcția de Asistență Socială și Medicală (DASM)', 'en')).toEqual(['DASM']);
  });
});

describe.each([...LANGS])('the first answer about every procedure, in %s', (lang) => {
  it(`has no sentence over ${MAX_SENTENCE_WORDS} words in its lead and sections`, () => {
    const long: string[] = [];
    for (const procedure of knowledge.procedures) {
      for (const line of firstAnswer(procedure, lang).lines) {
        for (const sentence of sentencesOf(line)) {
          const words = wordCount(sentence);
          if (words > MAX_SENTENCE_WORDS) long.push(`${procedure.slug} (${words} words): ${sentence}`);
        }
      }
    }
    expect(long).toEqual([]);
  });

  it('cites laws only in its legal-basis section', () => {
    const cited: string[] = [];
    for (const procedure of knowledge.procedures) {
      const { lines, legal } = firstAnswer(procedure, lang);
      for (const line of lines) {
        const hits = citationsIn(line);
        if (hits.length > 0) cited.push(`${procedure.slug}: ${hits.join(', ')} in "${line}"`);
      }
      // The acts are not lost: a procedure with a legal basis shows each of them in its first answer.
      if (procedure.legalBasis.length > 0) {
        if (lang === 'ro') expect(legal?.lines).toEqual(procedure.legalBasis);
        else expect(legal?.lines).toHaveLength(procedure.legalBasis.length);
      }
    }
    expect(cited).toEqual([]);
  });

  it('spells out every office acronym it uses', () => {
    const unexplained: string[] = [];
    for (const procedure of knowledge.procedures) {
      const { lines } = firstAnswer(procedure, lang);
      const acronyms = unexplainedAcronyms(lines.join('\n'), lang);
      if (acronyms.length > 0) unexplained.push(`${procedure.slug}: ${acronyms.join(', ')}`);
    }
    expect(unexplained).toEqual([]);
  });
});

/**
 * A follow-up shows one field on its own ("și cât costă?"), so every text field, not only those of a
 * first answer, keeps citations out and spells out an acronym where it first appears.
 */
describe.each([...LANGS])('every text field of every procedure, in %s', (lang) => {
  it('has no legal citation (they are in legalBasis)', () => {
    const cited: string[] = [];
    for (const procedure of knowledge.procedures) {
      for (const [field, text] of textFields(procedure, lang)) {
        const hits = citationsIn(text);
        if (hits.length > 0) cited.push(`${procedure.slug} ${field}: ${hits.join(', ')}`);
      }
    }
    expect(cited).toEqual([]);
  });

  it('spells out an office acronym before using it', () => {
    const unexplained: string[] = [];
    for (const procedure of knowledge.procedures) {
      for (const [field, text] of textFields(procedure, lang)) {
        for (const acronym of Object.keys(ACRONYMS)) {
          const at = text.search(new RegExp(`\\b${acronym}\\b(?!-\\d)`));
          if (at < 0) continue;
          if (!ACRONYMS[acronym][lang].test(text.slice(0, at)))
            unexplained.push(`${procedure.slug} ${field}: ${acronym}`);
        }
      }
    }
    expect(unexplained).toEqual([]);
  });
});

describe('the legal-basis section', () => {
  const idCard = knowledge.procedures.find((procedure) => procedure.slug === 'carte-identitate')!;
  const options = { overviewListLines: DEFAULT_DIALOGUE_SETTINGS.overviewListLines, followUp: true };

  it('is what "pe ce lege?" asks for, in three languages', () => {
    expect(readFacets('pe ce lege se face?').facets).toEqual(['legalBasis']);
    expect(readFacets('on what legal basis?').facets).toEqual(['legalBasis']);
    expect(readFacets('milyen törvény alapján?').facets).toEqual(['legalBasis']);
  });

  it('answers that question alone, and never comes with another facet', () => {
    const asked = composeAnswer(idCard, ['legalBasis'], 'en', options);
    expect(asked.sections.map((section) => section.title)).toEqual([SECTION_TITLES.legalBasis.en]);
    expect(asked.sections[0].lines[0]).toMatch(/^OUG 97\/2005 \(privind /u);
    for (const facet of ['documents', 'fees', 'where', 'deadline', 'validity', 'online', 'steps'] as const) {
      const titles = composeAnswer(idCard, [facet], 'ro', options).sections.map((section) => section.title);
      expect(titles).not.toContain(SECTION_TITLES.legalBasis.ro);
    }
  });
});
