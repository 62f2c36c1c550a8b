import type { Message, Section, Suggestion } from '../../protocol/message.js';
import { ContactLinkSchema, dialableNumber, type ContactLink } from '../../protocol/contact-link.js';
import { addressIn, type Procedure } from '../../knowledge/ingest/procedure-schema.js';
import { pick, type Lang } from '../../language.js';
import { FACET_QUICK_REPLIES, REPLIES, SECTION_TITLES } from '../canned-replies.js';
import { facetAction, HANDOFF_REQUEST_ACTION } from '../citizen-action.js';
import type { Facet } from '../facets.js';
import { renderAnswerText } from './render-answer-text.js';

/**
 * An answer built only from a procedure's structured fields: a one-line summary, then the sections the
 * question asks for (all of the main ones for a general question), the sources and the review date.
 * Every fact comes from the knowledge base; the only added words are the canned labels.
 */
export interface ComposedAnswer {
  slug: string;
  summary: string;
  sections: Section[];
  /** Sentences about the answer itself (e.g. "shown in Romanian"), in the citizen's language. */
  notices: string[];
  sources: Message['sources'];
  lastReviewed: string;
  /** What `text` opens with before the sections: the summary shortened, or nothing on a follow-up. */
  lead: string;
  /** The plain-text rendering (channels without sections show this). */
  text: string;
  /**
   * Facets shown, in order ("overview" when the question named none; "passage" when quoted sentences
   * lead, "not_found" when a detail was asked and no sentence answers it).
   */
  shown: Array<Facet | 'overview' | 'redirect' | 'passage' | 'not_found'>;
  /** Quick replies offered with the answer (passage-level answers offer the procedure and a clerk). */
  suggestions?: Suggestion[];
  /** The procedure was already the conversation's focus (ComposeOptions.followUp): no introduction. */
  followUp?: boolean;
}

export interface ComposeOptions {
  /** Lines per list in an overview. */
  overviewListLines: number;
  /**
   * The procedure is already the conversation's focus ("și cât costă?" after an answer about it): the
   * citizen has read what it is, so a facet answer leaves the introduction out and an overview replaces
   * it with one short line.
   */
  followUp?: boolean;
  /**
   * The conversation is under way (an earlier turn answered about another procedure): the citizen is
   * reading a thread, not a landing answer, so an overview of the new procedure leads with less of its
   * summary (UNDER_WAY_LEAD_CHARS) before the next step; the sections stay one tap away.
   */
  underWay?: boolean;
}

// The legal basis comes last: an overview shows it as one more (collapsed) section, for who wants it.
const OVERVIEW: Facet[] = ['documents', 'fees', 'where', 'deadline', 'online', 'legalBasis'];
const LABELS: Record<'phone' | 'email' | 'hours', Record<Lang, string>> = {
  phone: { ro: 'Telefon', en: 'Phone', hu: 'Telefon' },
  email: { ro: 'E-mail', en: 'E-mail', hu: 'E-mail' },
  hours: { ro: 'Program', en: 'Hours', hu: 'Nyitvatartás' },
};

export function composeAnswer(
  procedure: Procedure,
  facets: Facet[],
  lang: Lang,
  options: ComposeOptions,
): ComposedAnswer {
  const composer = new SectionComposer(procedure, lang);
  const overview = facets.length === 0;
  const sections: Section[] = [];
  const shown: ComposedAnswer['shown'] = [];
  if (procedure.kind === 'redirect' && procedure.redirect) {
    sections.push(...composer.redirect());
    shown.push('redirect');
  }
  for (const facet of overview ? OVERVIEW : facets) {
    // A redirect's "where" is the other institution, already shown above.
    if (overview && facet === 'where' && procedure.kind === 'redirect') continue;
    const section = composer.facet(facet, overview ? options.overviewListLines : undefined);
    if (section) {
      sections.push(section);
      shown.push(facet);
      const details = overview ? undefined : composer.details(facet);
      if (details) sections.push(details);
    }
  }
  if (overview) shown.unshift('overview');
  const notices = composer.untranslated && lang !== 'ro' ? [REPLIES.onlyInRomanian[lang]] : [];
  const summary = pick(procedure.summary, lang).text;
  // A first answer leads with what it is and the one thing most people need next; the sections follow
  // (collapsed in the widget).
  // A follow-up answers only the facet asked; a first question naming a facet gets one sentence of what
  // the procedure is, then that facet.
  // An overview of the procedure already in focus (a question about it that names no facet) does not
  // repeat the introduction the citizen has just read: one line says what follows.
  const lead = options.followUp
    ? overview
      ? REPLIES.overviewAgain[lang]
      : ''
    : overview
      ? shortLead(summary, composer.nextStep(), options.underWay ? UNDER_WAY_LEAD_CHARS : LEAD_CHARS)
      : firstSentence(summary);
  const sources = procedure.sources.map((source) => ({ title: source.title, url: source.url }));
  const text = renderAnswerText({
    summary: lead,
    sections,
    notices,
    sources,
    lastReviewed: procedure.lastReviewed,
    lang,
  });
  return {
    slug: procedure.slug,
    summary,
    sections,
    notices,
    sources,
    lastReviewed: procedure.lastReviewed,
    lead,
    text,
    shown,
    suggestions: facetSuggestions(procedure, shown, lang),
    followUp: options.followUp === true,
  };
}

/**
 * Quick replies for the facets the answer does not show and the procedure has something to say about,
 * then a clerk: the next question is one tap away instead of typed.
 */
export function facetSuggestions(
  procedure: Procedure,
  shown: ComposedAnswer['shown'],
  lang: Lang,
): Suggestion[] {
  const hasData: Partial<Record<Facet, boolean>> = {
    documents: procedure.documents.ro.length > 0,
    fees: procedure.fees.length > 0,
    where: procedure.kind !== 'redirect',
    online: procedure.online !== undefined && procedure.online !== null,
  };
  const facets = (Object.keys(FACET_QUICK_REPLIES) as Facet[]).filter(
    (facet) => hasData[facet] && !shown.includes(facet),
  );
  return [
    ...facets.map((facet) => ({
      label: FACET_QUICK_REPLIES[facet]![lang],
      value: facetAction(procedure.slug, facet),
    })),
    { label: REPLIES.offerClerkLabel[lang], value: HANDOFF_REQUEST_ACTION },
  ];
}

/** The summary's first sentence (the whole summary when it is one sentence). */
export function firstSentence(summary: string): string {
  return sentencesOf(summary)[0] ?? summary;
}

/**
 * A text's sentences: a break is end punctuation, a space and a capital or an opening quote, except after
 * a short abbreviation ("str. Moților", "nr. 5", "art. 471").
 */
function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  for (const piece of text.trim().split(/(?<=[.!?])\s+(?=[\p{Lu}„“"])/u)) {
    const previous = sentences.at(-1);
    if (previous !== undefined && /(?:^|\s)\p{L}{1,3}\.$/u.test(previous)) {
      sentences[sentences.length - 1] = `${previous} ${piece}`;
    } else sentences.push(piece);
  }
  return sentences;
}

/** Under this many characters, the summary and the next step are shown whole. */
const LEAD_CHARS = 420;
/**
 * The lead of an overview once the conversation is under way: the first sentence and the next step fit
 * in most cases, so a topic switch reads like the next message of a thread, not a landing page.
 */
const UNDER_WAY_LEAD_CHARS = 260;

/**
 * The summary and the next step, within about `limit` characters: when both do not fit, the summary
 * keeps its leading sentences that do (at least the first one) — the next step is what the citizen acts
 * on.
 */
export function shortLead(summary: string, nextStep: string | undefined, limit = LEAD_CHARS): string {
  if (!nextStep) return summary;
  if (summary.length + nextStep.length + 1 <= limit) return `${summary}\n${nextStep}`;
  const sentences = sentencesOf(summary);
  let kept = sentences[0] ?? summary;
  for (const sentence of sentences.slice(1)) {
    if (kept.length + sentence.length + nextStep.length + 2 > limit) break;
    kept = `${kept} ${sentence}`;
  }
  return `${kept}\n${nextStep}`;
}

/** Builds one section at a time and remembers whether any field had to be shown in Romanian. */
class SectionComposer {
  untranslated = false;

  constructor(
    private readonly procedure: Procedure,
    private readonly lang: Lang,
  ) {}

  facet(facet: Facet, listLines?: number): Section | undefined {
    const title = SECTION_TITLES[facet][this.lang];
    const content = this.content(facet, listLines);
    if (content === undefined) return undefined;
    return { title, ...content };
  }

  /**
   * A facet's secondary details, folded under its section when the facet is asked: the office's notes
   * (which counter, which other offices, past arrangements) come after where, when and how to reach it;
   * a known amount's caveat comes after the amount, once, named by its fee. Still one tap away, and in
   * full in the plain text.
   */
  details(facet: Facet): Section | undefined {
    const lines: string[] = [];
    if (facet === 'where' && this.procedure.where.notes) lines.push(this.text(this.procedure.where.notes));
    if (facet === 'fees') {
      for (const fee of this.procedure.fees) {
        if (fee.amount !== null && fee.note) lines.push(`${this.text(fee.label)}: ${this.text(fee.note)}`);
      }
    }
    if (lines.length === 0) return undefined;
    return { title: REPLIES.moreDetails[this.lang], lines, collapsed: true };
  }

  /** "First step: …" (the procedure's first step), else "Where to go: <office>"; none for a redirect. */
  nextStep(): string | undefined {
    if (this.procedure.kind === 'redirect') return undefined;
    const first = this.list(this.procedure.steps)[0];
    if (first) return `${REPLIES.firstStep[this.lang]}: ${first}`;
    const office = this.procedure.where.office[this.lang];
    return office ? `${REPLIES.whereToGo[this.lang]}: ${office}` : undefined;
  }

  redirect(): Section[] {
    const redirect = this.procedure.redirect!;
    const who = withLinks(
      [redirect.institution[this.lang], redirect.address && addressIn(redirect.address, this.lang)].filter(
        (line): line is string => !!line,
      ),
      [redirect.url && webLink(redirect.url)],
    );
    return [
      { title: SECTION_TITLES.redirect[this.lang], ...who },
      { title: SECTION_TITLES.cityHallRole[this.lang], lines: [this.text(redirect.cityHallRole)] },
    ];
  }

  /**
   * The lines and contact links of a facet; undefined when an overview should leave it out (no data,
   * nothing to say).
   */
  private content(facet: Facet, listLines?: number): Pick<Section, 'lines' | 'links'> | undefined {
    const lines = this.lines(facet, listLines);
    if (lines === undefined) return undefined;
    return withLinks(lines, this.links(facet));
  }

  /** The contacts a facet ends with: where's phone and e-mail, online's address. */
  private links(facet: Facet): Array<ContactLink | string | undefined> {
    if (facet === 'where') {
      const { phone, email } = this.procedure.where;
      return [
        phone && phoneLink(`${LABELS.phone[this.lang]}: ${phone}`, phone),
        email &&
          contactLink({ kind: 'mailto', label: `${LABELS.email[this.lang]}: ${email}`, target: email }),
      ];
    }
    if (facet === 'online') {
      const online = this.procedure.online;
      return [online?.url ? webLink(online.url) : undefined];
    }
    return [];
  }

  /** The text lines of a facet (contacts apart, see links). */
  private lines(facet: Facet, listLines?: number): string[] | undefined {
    const overview = listLines !== undefined;
    const procedure = this.procedure;
    switch (facet) {
      case 'documents': {
        const documents = this.list(procedure.documents);
        if (documents.length === 0) return overview ? undefined : [REPLIES.noDataForFacet[this.lang]];
        return this.capped(documents, listLines, REPLIES.askForDocuments[this.lang]);
      }
      case 'steps': {
        const steps = this.list(procedure.steps).map((line, index) => `${index + 1}. ${line}`);
        if (steps.length === 0) return overview ? undefined : [REPLIES.noDataForFacet[this.lang]];
        return this.capped(steps, listLines, REPLIES.askForSteps[this.lang]);
      }
      case 'fees': {
        if (procedure.fees.length === 0) return overview ? undefined : [REPLIES.noFeesRecorded[this.lang]];
        return procedure.fees.flatMap((fee) => {
          const label = this.text(fee.label);
          const dependsOn = fee.dependsOn
            ? ` (${REPLIES.feeDependsOn[this.lang](this.text(fee.dependsOn))})`
            : '';
          // An unknown amount is told by its note, on the line under the label: the note is what is known
          // (a past or national figure, a proposal) and where to confirm it — the knowledge base requires
          // one for every unknown amount, and each says the figure is not confirmed. A canned "amount not
          // confirmed" before it would repeat that caveat on every tariff line and push the figure last.
          // Two lines, not one: the label with what the amount depends on is a heading, and joined to the
          // note it made one sentence of 30–50 words.
          if (fee.amount === null) return [`${label}${dependsOn}:`, this.text(fee.note!)];
          const amount = REPLIES.feeAmount[this.lang](formatAmount(fee.amount, this.lang));
          // A known amount's note (a caveat) is folded under the section (details), not repeated here.
          return [`${label}: ${amount}${dependsOn}`];
        });
      }
      case 'where': {
        const where = procedure.where;
        const lines = [where.office[this.lang]];
        if (where.address) lines.push(addressIn(where.address, this.lang));
        if (where.hours) lines.push(`${LABELS.hours[this.lang]}: ${this.text(where.hours)}`);
        return lines;
      }
      case 'deadline':
        if (!procedure.deadline) return overview ? undefined : [REPLIES.noDataForFacet[this.lang]];
        return [this.text(procedure.deadline)];
      case 'validity':
        if (!procedure.validity) return overview ? undefined : [REPLIES.noDataForFacet[this.lang]];
        return [this.text(procedure.validity)];
      case 'legalBasis':
        return legalBasisLines(procedure, overview, this.lang);
      case 'online': {
        const online = procedure.online;
        if (!online) return overview ? undefined : [REPLIES.noDataForFacet[this.lang]];
        const lines = [
          online.available ? REPLIES.onlineAvailable[this.lang] : REPLIES.onlineNotAvailable[this.lang],
        ];
        lines.push(this.text(online.description));
        return lines;
      }
    }
  }

  private capped(lines: string[], limit: number | undefined, ask: string): string[] {
    if (limit === undefined || lines.length <= limit) return lines;
    return [...lines.slice(0, limit), REPLIES.moreItems[this.lang](lines.length - limit, ask)];
  }

  private text(value: { ro: string; en?: string; hu?: string }): string {
    const picked = pick(value, this.lang);
    if (!picked.translated) this.untranslated = true;
    return picked.text;
  }

  private list(value: { ro: string[]; en?: string[]; hu?: string[] }): string[] {
    const picked = pick(value, this.lang);
    if (!picked.translated && picked.text.length > 0) this.untranslated = true;
    return picked.text;
  }
}

/**
 * The acts a procedure rests on, for the "Temei legal" section. Citations live only here, never in the
 * text fields (test/knowledge/readability.test.ts): a first answer shows this section collapsed at its end,
 * and a question "pe ce lege?" gets it alone; a follow-up about another facet never repeats it. The acts
 * keep their official Romanian titles in every language; an overview without any leaves the section out.
 */
function legalBasisLines(procedure: Procedure, overview: boolean, lang: Lang): string[] | undefined {
  if (procedure.legalBasis.length > 0) return procedure.legalBasis.map((act) => actIn(act, lang));
  return overview ? undefined : [REPLIES.noDataForFacet[lang]];
}

/** "OUG 97/2005", "Legea 227/2015 (Codul fiscal)", "HCL Cluj-Napoca 121/2010": the citation an act starts with. */
const ACT_CITATION =
  /^((?:OUG|OG|HG|HCL|HCJ|Legea|Ordinul|Decretul)(?: Cluj(?:-Napoca)?)?\s*(?:nr\.\s*)?\d+\/\d{4}(?:\s*\([^)]*\))?)[\s,;:–-]*(.*)$/u;

/**
 * An act as a citizen writing in `lang` reads it: the Romanian title is the act's official name, so an
 * English or Hungarian answer shows the citation first and the title in parentheses, like an office name.
 */
function actIn(act: string, lang: Lang): string {
  if (lang === 'ro') return act;
  const match = ACT_CITATION.exec(act);
  if (!match) return `${REPLIES.romanianTitle[lang]} (${act})`;
  return match[2] ? `${match[1]} (${match[2]})` : match[1];
}

function formatAmount(amount: number, lang: Lang): string {
  const text = Number.isInteger(amount) ? String(amount) : amount.toFixed(2).replace(/0$/, '');
  return lang === 'en' ? text : text.replace('.', ',');
}

/**
 * A contact as a link when its target has the shape the wire schema requires; otherwise its label, kept
 * as a text line (nothing is lost, and a message never carries a link a client would reject).
 */
function contactLink(link: ContactLink): ContactLink | string {
  const checked = ContactLinkSchema.safeParse(link);
  return checked.success ? checked.data : link.label;
}

/** "Telefon: 0264 596 030, interior 5000" dialling the number it starts with. */
function phoneLink(label: string, phone: string): ContactLink | string {
  const target = dialableNumber(phone);
  return target ? contactLink({ kind: 'tel', label, target }) : label;
}

/** A web address shown as itself. */
function webLink(url: string): ContactLink | string {
  return contactLink({ kind: 'url', label: url, target: url });
}

/** Lines and links as a section's content; a contact that could not be a link stays a line. */
function withLinks(
  lines: string[],
  contacts: Array<ContactLink | string | undefined | null | ''>,
): Pick<Section, 'lines' | 'links'> {
  const links: ContactLink[] = [];
  const textLines = [...lines];
  for (const contact of contacts) {
    if (!contact) continue;
    if (typeof contact === 'string') textLines.push(contact);
    else links.push(contact);
  }
  return links.length > 0 ? { lines: textLines, links } : { lines: textLines };
}
