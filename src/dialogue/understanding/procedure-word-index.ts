import { LANGS, type Lang } from '../../language.js';
import { stemKeys } from '../../knowledge/words/light-stemmer.js';
import type { Procedure } from '../../knowledge/ingest/procedure-schema.js';
import type { KnowledgeCatalog } from '../../knowledge/retrieval-contract.js';
import { isStopword } from '../../knowledge/words/stopwords.js';
import { withinOneEdit } from '../../text/edit-distance.js';
import { accentedTokens } from '../../text/normalize.js';
import { boundedMemo } from '../../text/bounded-memo.js';

/**
 * Which procedures contain which words (by light-stem key, in every language), held in memory: the
 * evidence the conversation step weighs ("does this follow-up's wording fit the procedure in focus, or
 * does it name another one?") without a database round trip. A word that appears in many procedures
 * ("plătesc", "depune", "apply") says little about which one is meant; one that appears in a single
 * procedure's names ("pașaport") says a lot — the same inverse document frequency retrieval uses.
 */
export class ProcedureWordIndex {
  private static readonly cache = new WeakMap<readonly Procedure[], ProcedureWordIndex>();

  /**
   * The index of a catalog's procedures, built on first use. Kept by the procedures array, which the
   * catalog replaces on a re-index: the next turn builds the index of the new procedures.
   */
  static of(catalog: KnowledgeCatalog): ProcedureWordIndex {
    const procedures = catalog.procedures();
    let index = ProcedureWordIndex.cache.get(procedures);
    if (!index) {
      index = new ProcedureWordIndex(procedures);
      ProcedureWordIndex.cache.set(procedures, index);
    }
    return index;
  }

  /** Every word of the procedure (all fields, all languages). */
  private readonly text = new Map<string, Set<string>>();
  /** The words that name it: title, keywords, example questions, summary. */
  private readonly names = new Map<string, Set<string>>();
  /** Its titles only. */
  private readonly titles = new Map<string, Set<string>>();
  /** Its titles and keywords: the words that name it on purpose (examples also hold everyday words). */
  private readonly labels = new Map<string, Set<string>>();
  private readonly textFrequency = new Map<string, number>();
  private readonly titleFrequency = new Map<string, number>();
  /**
   * `nearAnyText`'s vocabulary walks, by language, prefix length and word (the key): the walk is the
   * dear part, and its answer depends only on this index, which a re-index replaces. Bounded: citizens
   * bring words the base never saw.
   */
  private readonly nearAny = boundedMemo(
    (key: string) => {
      const [lang, minPrefix, word] = key.split('\u0000');
      return nearKeys(this.textFrequency.keys(), word!, lang as Lang, Number(minPrefix));
    },
    { maxEntries: MAX_REMEMBERED_WORDS },
  );
  readonly total: number;

  constructor(procedures: readonly Procedure[]) {
    this.total = Math.max(procedures.length, 1);
    for (const procedure of procedures) {
      const titles = keysOf(Object.entries(procedure.title) as Array<[Lang, string]>);
      const labels = new Set([
        ...titles,
        ...keysOf(
          procedure.keywords.flatMap((keyword) => LANGS.map((lang): [Lang, string] => [lang, keyword])),
        ),
      ]);
      const names = keysOf([
        ...(Object.entries(procedure.title) as Array<[Lang, string]>),
        ...(Object.entries(procedure.summary) as Array<[Lang, string]>),
        ...procedure.keywords.flatMap((keyword) => LANGS.map((lang): [Lang, string] => [lang, keyword])),
        ...(Object.entries(procedure.examples) as Array<[Lang, string[]]>).flatMap(([lang, list]) =>
          list.map((example): [Lang, string] => [lang, example]),
        ),
      ]);
      const text = new Set([...names, ...keysOf(bodyTexts(procedure))]);
      this.titles.set(procedure.slug, titles);
      this.labels.set(procedure.slug, labels);
      this.names.set(procedure.slug, names);
      this.text.set(procedure.slug, text);
      for (const key of text) this.textFrequency.set(key, (this.textFrequency.get(key) ?? 0) + 1);
      for (const key of titles) this.titleFrequency.set(key, (this.titleFrequency.get(key) ?? 0) + 1);
    }
  }

  /** The procedure's text (any field, any language) contains the word or an inflected form of it. */
  inText(slug: string, word: string, lang: Lang): boolean {
    const keys = this.text.get(slug);
    return !!keys && wordKeys(word, lang).some((key) => keys.has(key));
  }

  /**
   * The procedure's text holds the word, or a word it is likely a misspelling or an inflection of that
   * the light stemmers miss: a stem key one edit away (both at least 4 letters), or one sharing its first
   * `minPrefix` letters ("fizetek" and "fizetés", "gyorsan" and "gyorsabban"). What keeps an
   * aside rule from reading a misspelt follow-up ("pasaprtul") as a word foreign to the topic.
   */
  nearText(slug: string, word: string, lang: Lang, minPrefix: number): boolean {
    const keys = this.text.get(slug);
    return !!keys && (this.inText(slug, word, lang) || nearKeys(keys, word, lang, minPrefix));
  }

  /**
   * Some procedure's text holds the word, a misspelling of it or an inflection the stemmers miss
   * (`nearText` over the whole vocabulary): a word unknown to the knowledge base that is none of these
   * ("edzőterem", "Kaufland", "gym") is foreign to it; "gyorsan" is not ("gyorsabban" is there).
   */
  nearAnyText(word: string, lang: Lang, minPrefix: number): boolean {
    return this.inAnyText(word, lang) || this.nearAny(`${lang}\u0000${minPrefix}\u0000${word}`);
  }

  /** Some procedure's text contains the word (or an inflected form of it). */
  inAnyText(word: string, lang: Lang): boolean {
    return wordKeys(word, lang).some((key) => this.textFrequency.has(key));
  }

  /** The procedure's title, keywords, examples or summary contain the word. */
  inNames(slug: string, word: string, lang: Lang): boolean {
    const keys = this.names.get(slug);
    return !!keys && wordKeys(word, lang).some((key) => keys.has(key));
  }

  /** The procedure's titles or keywords contain the word: it names the procedure, not just occurs there. */
  inLabels(slug: string, word: string, lang: Lang): boolean {
    const keys = this.labels.get(slug);
    return !!keys && wordKeys(word, lang).some((key) => keys.has(key));
  }

  /**
   * The procedures whose titles or keywords hold the most information of these words (idf-weighted),
   * best first, leaving out `except` and the words its labels hold: how a correction that retrieval
   * cannot place finds what it names.
   */
  labelledBy(words: string[], lang: Lang, except?: string): Array<{ slug: string; information: number }> {
    // Each word's keys and idf once, not once per procedure: this walks every procedure's labels.
    const exceptLabels = except === undefined ? undefined : this.labels.get(except);
    const asked = words
      .map((word) => ({ keys: wordKeys(word, lang), idf: this.idf(word, lang) }))
      .filter(({ keys }) => except === undefined || !(exceptLabels && hasAny(exceptLabels, keys)));
    const found: Array<{ slug: string; information: number }> = [];
    for (const [slug, labels] of this.labels) {
      if (slug === except) continue;
      // Added in the words' order, as before: the same sums to the last bit.
      let information = 0;
      for (const word of asked) if (hasAny(labels, word.keys)) information += word.idf;
      if (information > 0) found.push({ slug, information });
    }
    return found.sort((a, b) => b.information - a.information);
  }

  /**
   * How much of `of`'s titles (their stem keys, all languages) `to`'s text holds, 0–1: whether `to`
   * speaks about what `of` is about ("Restituirea … (impozite, taxe, amenzi)" speaks of fines).
   */
  titleShareIn(of: string, to: string): number {
    const titles = this.titles.get(of);
    const text = this.text.get(to);
    if (!titles || !text || titles.size === 0) return 0;
    let held = 0;
    for (const key of titles) if (text.has(key)) held += 1;
    return held / titles.size;
  }

  /**
   * How much of `of`'s titles `to`'s titles hold, by information (idf of each stem key), 0–1: whether
   * `to` is a variant of the same object ("Temporary (provisional) identity card" of "Issuing the
   * identity card"), not a procedure that merely mentions it in its text.
   */
  titleShareInTitles(of: string, to: string): number {
    const titles = this.titles.get(of);
    const other = this.titles.get(to);
    if (!titles || !other) return 0;
    let held = 0;
    let information = 0;
    for (const key of titles) {
      const weight = this.idfOfFrequency(this.textFrequency.get(key) ?? 0);
      information += weight;
      if (other.has(key)) held += weight;
    }
    return information > 0 ? held / information : 0;
  }

  /** The slugs of every indexed procedure. */
  get slugs(): string[] {
    return [...this.labels.keys()];
  }

  /** How much a word tells procedures apart (BM25's idf over whole procedures; unknown words: most). */
  idf(word: string, lang: Lang): number {
    const frequency = Math.max(0, ...wordKeys(word, lang).map((key) => this.textFrequency.get(key) ?? 0));
    return this.idfOfFrequency(frequency);
  }

  /** The largest idf a word can have (one found nowhere): for features on a 0–1 scale. */
  get maxIdf(): number {
    return this.idfOfFrequency(0);
  }

  /** BM25's idf of a stem found in `frequency` of the procedures' texts. */
  private idfOfFrequency(frequency: number): number {
    return Math.log(1 + (this.total - frequency + 0.5) / (frequency + 0.5));
  }

  /** In how many procedures' titles the word appears ("autorizație": many; "pașaport": one). */
  titleFrequencyOf(word: string, lang: Lang): number {
    return Math.max(0, ...wordKeys(word, lang).map((key) => this.titleFrequency.get(key) ?? 0));
  }

  /** The procedures whose titles contain the word. */
  titledWith(word: string, lang: Lang): string[] {
    const keys = wordKeys(word, lang);
    return [...this.titles.entries()]
      .filter(([, titleKeys]) => keys.some((key) => titleKeys.has(key)))
      .map(([slug]) => slug);
  }
}

const MAX_REMEMBERED_WORDS = 20_000;

/** A stem key among `keys` one edit away from the word's, or sharing its first `minPrefix` letters. */
function nearKeys(keys: Iterable<string>, word: string, lang: Lang, minPrefix: number): boolean {
  // Keys are "<language>:<stem>": only stems of the same language are compared, and two keys with the
  // same "<language>:" compare by their letters as their stems do, so the whole vocabulary is walked
  // without splitting each key.
  const own = wordKeys(word, lang);
  const tags = own.map((key) => key.slice(0, key.indexOf(':') + 1));
  for (const key of keys) {
    for (let k = 0; k < own.length; k++) {
      const mine = own[k];
      if (!key.startsWith(tags[k])) continue;
      const tagLength = tags[k].length;
      if (commonPrefix(mine, key) - tagLength >= minPrefix) return true;
      const shorterStem = Math.min(mine.length, key.length) - tagLength;
      if (shorterStem >= 4 && withinOneEdit(mine, key)) return true;
    }
  }
  return false;
}

function hasAny(keys: Set<string>, wanted: string[]): boolean {
  for (const key of wanted) if (keys.has(key)) return true;
  return false;
}

/** How many letters two words share from their start. */
function commonPrefix(a: string, b: string): number {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at += 1;
  return at;
}

/** The stem keys of a message word: its Romanian stem and its stem in the message's language. */
function wordKeys(word: string, lang: Lang): string[] {
  return stemKeys(word, [lang]);
}

/**
 * The stem keys of texts' words (stop words left out), stemmed as written and as normalised: what a
 * message word's keys (`wordKeys`) are looked up in.
 */
export function keysOf(texts: Array<[Lang, string]>): Set<string> {
  const keys = new Set<string>();
  for (const [lang, text] of texts) {
    // Stemmed as written (Snowball Hungarian needs the accents) and as normalised, because the
    // message words this index is asked about arrive normalised (turn-cues.ts): both find them.
    for (const { word, accented } of accentedTokens(text)) {
      if (word.length < 2 || isStopword(word)) continue;
      for (const key of stemKeys(accented, [lang])) keys.add(key);
      if (accented !== word) for (const key of stemKeys(word, [lang])) keys.add(key);
    }
  }
  return keys;
}

/** The procedure's other fields, by language (the body is Romanian). */
function bodyTexts(procedure: Procedure): Array<[Lang, string]> {
  const texts: Array<[Lang, string]> = [['ro', procedure.body]];
  const lists = [procedure.steps, procedure.documents];
  const singles = [
    procedure.deadline,
    procedure.validity,
    procedure.where.hours,
    procedure.where.notes,
    procedure.online?.description,
    procedure.redirect?.cityHallRole,
    ...procedure.fees.flatMap((fee) => [fee.label, fee.dependsOn, fee.note]),
  ];
  for (const list of lists) {
    for (const lang of LANGS) for (const item of list[lang] ?? []) texts.push([lang, item]);
  }
  for (const single of singles) {
    if (!single) continue;
    for (const lang of LANGS) if (single[lang]) texts.push([lang, single[lang]!]);
  }
  // The official (Romanian) names only, as before names were translated: indexing the translations too
  // would change which procedure an English or Hungarian word points to, a retrieval change of its own.
  texts.push(['ro', procedure.where.office.ro]);
  if (procedure.redirect) texts.push(['ro', procedure.redirect.institution.ro]);
  return texts;
}
