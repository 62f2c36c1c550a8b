import type { Lang } from '../../language.js';
import { stemKeys } from '../../knowledge/words/light-stemmer.js';
import { isStopword } from '../../knowledge/words/stopwords.js';
import { accentedTokens } from '../../text/normalize.js';
import { keysOf, type ProcedureWordIndex } from './procedure-word-index.js';

/**
 * "Aim over object": a message can name the same object as the topic (the rubbish, the fine, the tax)
 * and still ask for a different kind of act about it — a complaint, a refund, an extension, a copy, an
 * audience, a public-information request, paying online. The procedure that *owns the object word*
 * (the waste-collection fee) is then the wrong answer; the one whose name states the act (the petition)
 * is right. Which words state an act is a closed class kept as data (`aim.acts` in
 * knowledge-base/conversation.yaml); which procedure an act word points to is read from the knowledge
 * base: the procedures whose titles hold it (ProcedureWordIndex.titledWith), not a table.
 */
export interface StatedAim {
  /** The procedure whose title holds the stated act, and its names most of the message's other words. */
  slug: string;
  /** The act words of the message that the reference procedure's titles and keywords lack. */
  acts: string[];
  /** Its weight (the information it is named with, times its kinship to the reference; turn detail). */
  weight: number;
  /** The runner-up's, when there is one. */
  runnerUp: number;
  /** The best three weighed, for the turn detail. */
  weighed: Array<{ slug: string; weight: number }>;
}

export type AimActs = Partial<Record<Lang, string[]>>;

/**
 * An act stated without its word ("how do I get my money back?" is a refund, "I'd like to speak to the
 * mayor" an audience, "I'm a pensioner, do I have to pay?" an exemption): every group of words must be
 * met by a word of the message (by stem, any language), and the act word it stands for is then read as
 * if it had been said. Closed classes kept as data (`aim.implied` in knowledge-base/conversation.yaml).
 */
export interface ImpliedAct {
  /** The act word it stands for, per language: a word of the act's procedure title. */
  act: Record<Lang, string>;
  /** Word groups, each met by some word of the message ("money" and "back"; "pay" and "retired"). */
  all: AimActs[];
  /**
   * The least share of the topic's titles the act's procedure text must speak of, instead of
   * `minKinship`: relief is asked about the topic's object, so "I'm retired, do I pay?" after the
   * identity card is about the card's fee, not the tax exemptions (which mention the card in passing);
   * an audience has no object of its own (the mayor is met about whatever the topic was).
   */
  minKinship?: number;
}

/** The act words of a message: its words (normalised) whose stems meet an act word's, in any language. */
export function actWords(text: string, lang: Lang, acts: AimActs): string[] {
  const actKeys = actKeysOf(acts);
  const found: string[] = [];
  for (const { word, accented } of accentedTokens(text)) {
    if (word.length < 3 || isStopword(word)) continue;
    const keys = new Set([...stemKeys(accented, [lang]), ...stemKeys(word, [lang])]);
    if ([...keys].some((key) => actKeys.has(key))) found.push(word);
  }
  return [...new Set(found)];
}

/** The act words a message implies without saying them (in the message's language). */
export function impliedActs(text: string, lang: Lang, implied: readonly ImpliedAct[]): string[] {
  return impliedBy(text, lang, implied).map((entry) => entry.act[lang]);
}

/** The implied-act entries whose every word group the message meets. */
function impliedBy(text: string, lang: Lang, implied: readonly ImpliedAct[]): ImpliedAct[] {
  // Every word counts here, stop words too: "talk", "speak", "vorbesc" are everyday verbs a search
  // rightly ignores, but beside "the mayor" they state an audience.
  const said = new Set<string>();
  for (const { word, accented } of accentedTokens(text)) {
    for (const key of [...stemKeys(accented, [lang]), ...stemKeys(word, [lang])]) said.add(key);
  }
  return implied.filter((entry) =>
    entry.all.every((group) => [...groupKeysOf(group)].some((key) => said.has(key))),
  );
}

const groupCache = new WeakMap<AimActs, Set<string>>();

/** The stem keys of a word group's words, each stemmed in its own language, stop words kept. */
function groupKeysOf(group: AimActs): Set<string> {
  let keys = groupCache.get(group);
  if (!keys) {
    const words = Object.entries(group) as Array<[Lang, string[]]>;
    keys = new Set(words.flatMap(([lang, list]) => list.flatMap((word) => stemKeys(word, [lang]))));
    groupCache.set(group, keys);
  }
  return keys;
}

/**
 * The procedure the message's stated act points to, other than `reference` (the topic in focus). Only
 * act words `reference`'s own titles/keywords lack count (an act the topic already is — contesting or
 * paying a fine — is not a new aim). Each procedure whose title holds such an act word is weighed by the
 * information (idf) of the message it is named with — the act words in its title, the other words
 * anywhere in its names — times
 * (1 + the share of `reference`'s titles its text speaks of): the act is asked *about the same object*,
 * so the petition (whose text speaks of uncollected rubbish) beats the noise complaint, and paying taxes
 * online beats the identity card for "card". The best is returned when it weighs at least `lead` times
 * the runner-up.
 */
export function statedAim(input: StatedAimInput): StatedAim | undefined {
  const found = weighAims(input);
  const [best, second] = found?.weighed ?? [];
  if (!found || !best || best.weight < input.minWeight) return undefined;
  if (second && best.weight < input.lead * second.weight) return undefined;
  return {
    slug: best.slug,
    acts: found.acts,
    weight: round(best.weight),
    runnerUp: round(second?.weight ?? 0),
    weighed: found.weighed.slice(0, 3).map(({ slug, weight }) => ({ slug, weight: round(weight) })),
  };
}

export interface StatedAimInput {
  text: string;
  content: string[];
  lang: Lang;
  acts: AimActs;
  index: ProcedureWordIndex;
  /** The topic in focus. */
  reference: string;
  lead: number;
  /** The least weight an aim needs ("online" alone, in every procedure's text, is a facet). */
  minWeight: number;
  /** The least share of the reference's titles the aim's text must speak of. */
  minKinship: number;
  /** Acts stated without their word (none when absent). */
  implied?: readonly ImpliedAct[];
}

/** The act words and every procedure their titles hold, weighed (best first); undefined: no act. */
function weighAims(
  input: StatedAimInput,
): { acts: string[]; weighed: Array<{ slug: string; weight: number }> } | undefined {
  const { index, lang, reference } = input;
  const spoken = actWords(input.text, lang, input.acts);
  // Implied acts the message does not also say in words: those are asked about the topic at their own bar.
  const implied = impliedBy(input.text, lang, input.implied ?? []).filter(
    ({ act }) => !spoken.includes(act[lang]),
  );
  const acts = [...new Set([...spoken, ...implied.map(({ act }) => act[lang])])].filter(
    (word) => !index.inLabels(reference, word, lang),
  );
  const kinshipBar = (slug: string) => {
    const own = implied
      .filter(({ act }) => index.titledWith(act[lang], lang).includes(slug))
      .flatMap((entry) => (entry.minKinship === undefined ? [] : [entry.minKinship]));
    return own.length > 0 ? Math.max(...own) : input.minKinship;
  };
  if (acts.length === 0) return undefined;
  const others = input.content.filter((word) => !acts.includes(word));
  // A procedure states the act in its title ("Restituirea…", "Prelungirea…", "Plata … online"); a keyword
  // is not enough: "online", "programare", "igényelni" are facets every procedure's keywords may hold.
  const titles = new Map(acts.map((act) => [act, new Set(index.titledWith(act, lang))]));
  const titled = (act: string) => titles.get(act)!;
  const weighed = index.slugs
    .filter((slug) => slug !== reference && acts.some((act) => titled(act).has(slug)))
    .map((slug) => {
      const named =
        acts.filter((act) => titled(act).has(slug)).reduce((sum, act) => sum + index.idf(act, lang), 0) +
        others
          .filter((word) => index.inNames(slug, word, lang))
          .reduce((sum, word) => sum + index.idf(word, lang), 0);
      const kinship = index.titleShareIn(reference, slug);
      return { slug, weight: named * (1 + kinship), kinship };
    })
    // Asked about the same object: a procedure whose text never speaks of the topic is another subject.
    .filter(({ slug, kinship }) => kinship >= kinshipBar(slug))
    .sort((a, b) => b.weight - a.weight || a.slug.localeCompare(b.slug));
  return { acts, weighed };
}

const cache = new WeakMap<AimActs, Set<string>>();

/** The stem keys of every act word, in every language (once per loaded model). */
function actKeysOf(acts: AimActs): Set<string> {
  let keys = cache.get(acts);
  if (!keys) {
    const phrases = Object.entries(acts) as Array<[Lang, string[]]>;
    keys = keysOf(phrases.flatMap(([lang, words]) => words.map((phrase): [Lang, string] => [lang, phrase])));
    cache.set(acts, keys);
  }
  return keys;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
