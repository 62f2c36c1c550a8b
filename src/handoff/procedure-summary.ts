import type { Section } from '../protocol/message.js';
import { addressIn, type Procedure } from '../knowledge/ingest/procedure-schema.js';
import { pick, type Lang } from '../language.js';

/** A procedure as a clerk inserts it into a reply: structured, and as plain text ready to send. */
export interface ProcedureSummary {
  slug: string;
  title: string;
  summary: string;
  sections: Section[];
  sources: Array<{ title: string; url: string }>;
  text: string;
}

const HEADINGS: Record<
  Lang,
  {
    steps: string;
    documents: string;
    fees: string;
    where: string;
    online: string;
    source: string;
    unknownFee: string;
  }
> = {
  ro: {
    steps: 'Pași',
    documents: 'Documente necesare',
    fees: 'Taxe',
    where: 'Unde',
    online: 'Online',
    source: 'Sursa',
    unknownFee: 'suma: de verificat',
  },
  en: {
    steps: 'Steps',
    documents: 'Documents needed',
    fees: 'Fees',
    where: 'Where',
    online: 'Online',
    source: 'Source',
    unknownFee: 'amount: to be checked',
  },
  hu: {
    steps: 'Lépések',
    documents: 'Szükséges iratok',
    fees: 'Díjak',
    where: 'Hol',
    online: 'Online',
    source: 'Forrás',
    unknownFee: 'összeg: ellenőrizendő',
  },
};

/** Only what the knowledge base states (never a figure it does not have), in `lang` or else Romanian. */
export function summarizeProcedure(procedure: Procedure, lang: Lang): ProcedureSummary {
  const headings = HEADINGS[lang];
  const sections: Section[] = [];
  const steps = pick(procedure.steps, lang).text;
  if (steps.length > 0) sections.push({ title: headings.steps, lines: steps });
  const documents = pick(procedure.documents, lang).text;
  if (documents.length > 0) sections.push({ title: headings.documents, lines: documents });
  if (procedure.fees.length > 0) {
    sections.push({
      title: headings.fees,
      lines: procedure.fees.map((fee) => {
        const label = pick(fee.label, lang).text;
        const amount = fee.amount === null ? headings.unknownFee : `${fee.amount} ${fee.currency}`;
        const note = fee.note ? ` (${pick(fee.note, lang).text})` : '';
        return `${label}: ${amount}${note}`;
      }),
    });
  }
  const where = [
    procedure.where.office[lang],
    procedure.where.address && addressIn(procedure.where.address, lang),
    procedure.where.hours ? pick(procedure.where.hours, lang).text : undefined,
    procedure.where.phone,
    procedure.where.email,
  ].filter((line): line is string => Boolean(line));
  sections.push({ title: headings.where, lines: where });
  if (procedure.online?.available) {
    sections.push({
      title: headings.online,
      lines: [pick(procedure.online.description, lang).text, procedure.online.url].filter(
        (line): line is string => Boolean(line),
      ),
    });
  }
  const title = procedure.title[lang];
  const summary = procedure.summary[lang];
  const main = procedure.sources[0];
  const text = [
    title,
    summary,
    ...sections.map((section) =>
      [`${section.title}:`, ...section.lines.map((line) => `- ${line}`)].join('\n'),
    ),
    main ? `${headings.source}: ${main.url}` : '',
  ]
    .filter((part) => part.length > 0)
    .join('\n\n');
  return { slug: procedure.slug, title, summary, sections, sources: procedure.sources, text };
}
