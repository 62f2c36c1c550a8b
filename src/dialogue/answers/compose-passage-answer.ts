import type { Section, Suggestion } from '../../protocol/message.js';
import type { PassageRanking, ScoredPassage } from '../../knowledge/passages/rank-passages.js';
import type { Department } from '../../knowledge/ingest/department-schema.js';
import type { Procedure } from '../../knowledge/ingest/procedure-schema.js';
import { pick, type Lang } from '../../language.js';
import { REPLIES, SECTION_TITLES } from '../canned-replies.js';
import { HANDOFF_REQUEST_ACTION } from '../citizen-action.js';
import type { Facet } from '../facets.js';
import type { ComposedAnswer } from './compose-answer.js';
import { renderAnswerText } from './render-answer-text.js';

type Text = Record<Lang, string>;

const PASSAGE_TEXT = {
  lead: {
    ro: (title: string) => `Iată ce scrie în fișa procedurii „${title}”:`,
    en: (title: string) => `Here is what the file on “${title}” says:`,
    hu: (title: string) => `Ezt írja a(z) „${title}” eljárás leírása:`,
  },
  notFoundFollowUp: {
    ro: 'Fișa procedurii nu răspunde precis la această întrebare; un funcționar vă poate răspunde.',
    en: 'The procedure file does not answer this precisely; a clerk can.',
    hu: 'Az eljárás leírása erre nem ad pontos választ; egy ügyintéző tud válaszolni.',
  } as Text,
  quoted: { ro: 'Din fișa procedurii', en: 'From the procedure file', hu: 'Az eljárás leírásából' } as Text,
  section: {
    ro: (name: string) => `(secțiunea „${name}”)`,
    en: (name: string) => `(section “${name}”)`,
    hu: (name: string) => `(„${name}” rész)`,
  },
  // A sentence the file states only in Romanian, quoted as written in an English or Hungarian reply.
  sectionInRomanian: {
    ro: (name: string) => `(secțiunea „${name}”)`,
    en: (name: string) => `(section “${name}”; the file states this in Romanian)`,
    hu: (name: string) => `(„${name}” rész; a leírás ezt csak románul közli)`,
  },
  // A body sentence quoted in the citizen's language (passages.yaml `translations`), followed by the
  // file's own Romanian words: the rendering is ours, the Romanian text is the one the file states.
  sectionTranslated: {
    ro: (name: string) => `(secțiunea „${name}”)`,
    en: (name: string, original: string) => `(section “${name}”; the file's Romanian text: „${original}”)`,
    hu: (name: string, original: string) => `(„${name}” rész; a leírás román szövege: „${original}”)`,
  },
  notFound: {
    ro: (title: string) =>
      `În fișa procedurii „${title}” nu găsesc un răspuns precis la această întrebare. Un funcționar vă poate răspunde; mai jos este ce știu despre procedură.`,
    en: (title: string) =>
      `I cannot find a precise answer to this question in the file on “${title}”. A clerk can answer it; below is what I know about the procedure.`,
    hu: (title: string) =>
      `A(z) „${title}” eljárás leírásában nem találok pontos választ erre a kérdésre. Egy ügyintéző válaszolhat; alább az olvasható, amit az eljárásról tudok.`,
  },
  // The office the question named, when the file does not answer for it: its own contact, from
  // departments.yaml, and its hours only when they are sourced there.
  officeContact: {
    ro: (name: string) => `Contact: ${name}`,
    en: (name: string) => `Contact: ${name}`,
    hu: (name: string) => `Elérhetőség: ${name}`,
  },
  officeAddress: { ro: 'Adresa', en: 'Address', hu: 'Cím' } as Text,
  officeHours: { ro: 'Program', en: 'Opening hours', hu: 'Nyitvatartás' } as Text,
  officeNoHours: {
    ro: 'Programul acestui birou nu apare în sursele mele verificate; confirmați-l la telefon.',
    en: "This office's opening hours are not in my verified sources; please confirm them by phone.",
    hu: 'Ennek az irodának a nyitvatartása nem szerepel az ellenőrzött forrásaimban; kérjük, érdeklődjön telefonon.',
  } as Text,
  officePhone: { ro: 'Telefon', en: 'Phone', hu: 'Telefon' } as Text,
  officeEmail: { ro: 'E-mail', en: 'E-mail', hu: 'E-mail' } as Text,
  overview: {
    ro: 'Toate informațiile despre procedură',
    en: 'Everything about this procedure',
    hu: 'Minden az eljárásról',
  } as Text,
};

/**
 * Turns a composed facet/overview answer into a passage-level one when the question asked a detail.
 * - A passage answers with confidence: the reply leads with the quoted sentence(s), each cited with the
 *   part of the procedure file it comes from, then the facet sections the question named, if any.
 * - The question carries a detail cue but no sentence answers it: the reply says so, keeps only the
 *   facet sections asked (what is known), and offers a clerk — never an unrelated sentence.
 * - Otherwise the composed answer stands.
 * Both offer the whole procedure and a clerk as quick replies. When the question named an office by its
 * name and no sentence of the file answers for it, the not-found reply also gives that office's contact
 * (`officeContacts`, from departments.yaml), never another office's hours.
 */
export function composePassageAnswer(
  composed: ComposedAnswer,
  procedure: Procedure,
  ranking: PassageRanking,
  lang: Lang,
  facets: Facet[],
  officeContacts: readonly Department[] = [],
): ComposedAnswer {
  // A named office the file has no sentence for: the facet sections would show another office's hours
  // as the answer ("Registratură și casierie: …" for the civil-status desk).
  const officeUnanswered = ranking.offices.length > 0 && ranking.answer.length === 0;
  // "Până la ce oră e deschis?" asks the opening hours: the "where" section the question named answers it.
  // Unless the sentence that answers best stands elsewhere in the file: "until when were the old cards
  // valid?" is answered by a date in the body, not by the validity field the facet shows.
  if (
    !officeUnanswered &&
    ranking.cues.length > 0 &&
    ranking.cues.every((cue) => coveredByFacets(cue.fields, facets, procedure)) &&
    ranking.answer.every((scored) => shownByFacets(scored, facets))
  ) {
    return composed;
  }
  const facetsAsked = facets.length > 0;
  // "Cât durează?": the common question word asks what the facet it came with answers. Unless a sentence
  // the facet sections do not show answers it: "free" in "what pension limit for the free bus pass?"
  // names the cost facet, and the limit stands in the body; it is quoted before the facet's sections.
  if (
    !officeUnanswered &&
    facetsAsked &&
    ranking.cues.length > 0 &&
    ranking.cues.every((cue) => cue.weak) &&
    ranking.answer.every((scored) => shownByFacets(scored, facets))
  ) {
    return composed;
  }
  const title = pick(procedure.title, lang).text;
  // A redirect's first sections say who handles it and what the City Hall does: they stay.
  const redirect = composed.shown.includes('redirect') ? composed.sections.slice(0, 2) : [];
  // A sentence chosen for common question words only ("cât?", "when?") or for the question's words
  // alone may be the wrong one: the answer it would have had follows it.
  const tentative = ranking.cues.every((cue) => cue.weak);
  const asked = tentative || facetsAsked ? composed.sections : redirect;
  const suggestions: Suggestion[] = [
    { label: PASSAGE_TEXT.overview[lang], value: `procedure:${procedure.slug}` },
    { label: REPLIES.offerClerkLabel[lang], value: HANDOFF_REQUEST_ACTION },
  ];
  // On a follow-up the citizen already knows which procedure this is: the quote and the sections speak
  // for themselves, without naming it again.
  const followUp = composed.followUp === true;
  if (ranking.answer.length > 0) {
    const quoted: Section = {
      title: PASSAGE_TEXT.quoted[lang],
      lines: ranking.answer.map((scored) => `„${scored.passage.text}” ${citation(scored, lang)}`),
    };
    const quotedTexts = ranking.answer.map((scored) => scored.passage.text);
    return rebuilt(
      composed,
      followUp ? '' : PASSAGE_TEXT.lead[lang](title),
      [quoted, ...withoutQuoted(withoutTitles(asked, quoted), quotedTexts)],
      lang,
      {
        shown: ['passage', ...(tentative ? composed.shown : shownBesides(composed, facetsAsked))],
        suggestions,
      },
    );
  }
  // A plain question, or one whose only cues are common question words ("cât?", "when?"): when no
  // sentence answers it, the facet or overview answer is still the best reply.
  if (tentative && !officeUnanswered) return composed;
  const notFound = followUp ? PASSAGE_TEXT.notFoundFollowUp[lang] : PASSAGE_TEXT.notFound[lang](title);
  const contacts = officeUnanswered
    ? officeContacts.map((department) => contactSection(department, lang))
    : [];
  return rebuilt(composed, notFound, [...contacts, ...asked], lang, {
    shown: ['not_found', ...shownBesides(composed, facetsAsked)],
    suggestions: [...suggestions].reverse(),
  });
}

/**
 * Whether the facet sections the question named answer its cue: they name every field of the cue and
 * the file fills them in. A facet the file leaves empty ("Valabilitate: nu am această informație")
 * answers nothing; a sentence elsewhere in the file may.
 */
function coveredByFacets(fields: string[], facets: Facet[], procedure: Procedure): boolean {
  return (
    fields.length > 0 &&
    fields.every((field) => (facets as string[]).includes(field) && filledIn(procedure, field))
  );
}

/** Whether a passage is a field the facet sections asked already show (a body sentence is not). */
function shownByFacets(scored: ScoredPassage, facets: Facet[]): boolean {
  const from = scored.passage.from;
  return 'field' in from && (facets as string[]).includes(from.field);
}

function filledIn(procedure: Procedure, field: string): boolean {
  switch (field) {
    case 'deadline':
    case 'validity':
    case 'online':
      return procedure[field] !== undefined;
    case 'fees':
      return procedure.fees.length > 0;
    case 'documents':
    case 'steps':
      return procedure[field].ro.length > 0;
    default:
      // "where": every file says where to go.
      return true;
  }
}

/** A department's contact as departments.yaml states it; its hours only when sourced there. */
function contactSection(department: Department, lang: Lang): Section {
  const lines: string[] = [];
  if (department.address) lines.push(`${PASSAGE_TEXT.officeAddress[lang]}: ${department.address}`);
  lines.push(
    department.hours
      ? `${PASSAGE_TEXT.officeHours[lang]}: ${pick(department.hours, lang).text}`
      : PASSAGE_TEXT.officeNoHours[lang],
  );
  if (department.phone) lines.push(`${PASSAGE_TEXT.officePhone[lang]}: ${department.phone}`);
  if (department.email) lines.push(`${PASSAGE_TEXT.officeEmail[lang]}: ${department.email}`);
  return { title: PASSAGE_TEXT.officeContact[lang](department.name[lang]), lines };
}

function shownBesides(composed: ComposedAnswer, facetsAsked: boolean): ComposedAnswer['shown'] {
  return composed.shown.filter((part) => part === 'redirect' || (facetsAsked && part !== 'overview'));
}

function citation(scored: ScoredPassage, lang: Lang): string {
  const from = scored.passage.from;
  const name = 'field' in from ? SECTION_TITLES[from.field][lang] : from.heading;
  const original = scored.passage.original;
  if (original !== undefined) return PASSAGE_TEXT.sectionTranslated[lang](name, original);
  const inRomanian = scored.passage.lang !== lang;
  return (inRomanian ? PASSAGE_TEXT.sectionInRomanian : PASSAGE_TEXT.section)[lang](name);
}

function withoutTitles(sections: Section[], quoted: Section): Section[] {
  return sections.filter((section) => section.title !== quoted.title);
}

/**
 * The sections without what the quote already says word for word: a line that is the quoted sentence
 * (an "Online" section whose description is the quote) goes, and a quoted sentence inside a longer line
 * (a deadline of three sentences, one of them quoted) is taken out of it, the line's other sentences kept.
 * A section left with nothing is dropped. What remains — the facet's other facts and its links — still
 * answers the facet asked, and nothing is read twice.
 */
function withoutQuoted(sections: Section[], quotedTexts: string[]): Section[] {
  const quoted = quotedTexts.map((text) => text.trim()).filter((text) => text.length > 0);
  return sections
    .map((section) => ({
      ...section,
      lines: section.lines.map((line) => withoutSentences(line, quoted)).filter((line) => line.length > 0),
    }))
    .filter((section) => section.lines.length + (section.links?.length ?? 0) > 0);
}

/** A line without the given sentences, where each stands as a whole sentence in it. */
function withoutSentences(line: string, sentences: string[]): string {
  let rest = line.trim();
  for (const sentence of sentences) {
    const at = rest.indexOf(sentence);
    if (at < 0) continue;
    const before = rest.slice(0, at);
    const after = rest.slice(at + sentence.length);
    // Only a whole sentence: it starts the line or follows a space, and ends the line or a space follows.
    if ((before && !/\s$/u.test(before)) || (after && !/^\s/u.test(after))) continue;
    rest = `${before.trim()} ${after.trim()}`.trim();
  }
  return rest;
}

function rebuilt(
  composed: ComposedAnswer,
  summary: string,
  sections: Section[],
  lang: Lang,
  extra: Pick<ComposedAnswer, 'shown' | 'suggestions'>,
): ComposedAnswer {
  const text = renderAnswerText({
    summary,
    sections,
    notices: composed.notices,
    sources: composed.sources,
    lastReviewed: composed.lastReviewed,
    lang,
  });
  return { ...composed, summary, lead: summary, sections, text, ...extra };
}
