import type { Lang } from '../../language.js';
import { foldWord } from '../../text/normalize.js';
import { englishStem, hungarianStem } from './snowball-stem.js';
import { boundedMemo } from '../../text/bounded-memo.js';

/**
 * A light suffix stripper for normalised (unaccented, lower-case) words, used to group the inflected
 * forms of a word: "autorizatie", "autorizatia", "autorizatiei", "autorizatiile", "autorizat" → one key.
 *
 * PostgreSQL's Romanian Snowball stemmer expects diacritics; over unaccented text (which is what
 * `ro_unaccent` feeds it, and how many citizens type) it leaves forms of one word apart ("autorizatie"
 * → `autorizat`, "autorizatiei" → `autoriz`). The retriever bridges that gap: a question word is
 * matched to every vocabulary word that shares one of its keys, and those words' lexemes are searched.
 * Over-grouping costs little (a rare extra candidate); under-grouping loses matches.
 *
 * Changing a rule changes the stored vocabulary keys and the hashing vectors: bump INDEX_VERSION
 * (ingest-knowledge-base.ts) and HASHING_MODEL (hashing-embeddings.ts) so indexes are rebuilt.
 */

/** Suffixes stripped once, longest first, keeping a stem of at least `min` letters. */
interface SuffixRule {
  suffixes: string[];
  min: number;
}

/** Space-separated suffixes, longest first (so "ului" is tried before "ul"). */
function byLength(suffixes: string): string[] {
  return suffixes
    .split(/\s+/)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
}

// Romanian: articles and case endings first, then the derivational endings of nouns made from verbs
// ("autorizare", "autorizatie", "autorizat", "declaratie", "casatorie") so those families meet.
const ROMANIAN: SuffixRule[] = [
  {
    suffixes: byLength('urilor iilor ilor elor ului urile iile uri ile ele iei ul ia ie ii ei ea ua a e i u'),
    min: 3,
  },
  {
    // Noun-from-verb endings ("autorizat", "autorizare"), then verb persons ("divortam", "casatorim",
    // "reinnoiesc", "construieste") once pass one has taken a final vowel.
    suffixes: byLength('ator atoar eaz esc ez at it ut ar ir er ic am im em ind and iesc iest est'),
    min: 5,
  },
];

// English: plurals and the common verb and noun endings ("permits", "registering", "registration").
const ENGLISH: SuffixRule[] = [
  { suffixes: byLength('ies es s'), min: 3 },
  { suffixes: byLength('ation ing ed ment'), min: 4 },
  { suffixes: byLength('er al e y'), min: 4 },
];

// Hungarian: the frequent case endings, the accusative and plural, possessives; twice, because they
// stack ("engedelyeket" → "engedelyek" → "engedely"). The adessive ("adohivatalnal", "at the tax
// office") and the first-person possessive's "m" ("automra" → "autom" → "auto") are as frequent in
// citizens' questions as the other cases.
const HUNGARIAN_SUFFIXES = byLength(
  'bol bel rol rel tol tel nak nek nal nel val vel hoz hez ban ben ba be ra re on en an ert kor ig ul kent unk juk ja je ok ek ak at et ot ai ei i k t m a e',
);
const HUNGARIAN: SuffixRule[] = [
  { suffixes: HUNGARIAN_SUFFIXES, min: 3 },
  { suffixes: HUNGARIAN_SUFFIXES, min: 4 },
];

// Hungarian verbs and the nouns made from them: a citizen asks with the verb ("meghosszabbíthatom",
// "befizethetem", "bejelenthetem") where the base names the act ("meghosszabbítás", "befizetés",
// "bejelentés"). Their Snowball stems keep the potential "-hat/-het" and the noun's "-ás/-és", and the
// separable prefix ("meg-", "be-"), which a question may also write apart ("hosszabbíthatom meg").
// Taking the prefix and that last derivational ending off gives both the same root ("hosszabbit").
const HUNGARIAN_VERB_PREFIXES = byLength('meg be ki el fel le at ossze vissza');
// A story tells the event in the past ("megszületett", "költöztünk", "elszállították", "elvesztettem")
// where the base names it with the noun ("születés", "költözés", "elszállítás"): Snowball leaves the
// past-tense "-t/-tt" (after "-ott/-ett/-ött") on the stem, so it is taken off like the noun's ending.
// (The conditional's "-na/-ne", "építenénk", was tried too: it gained nothing on the fit set and made
// "építenénk" meet the building permit's "építeni" as well as the urbanism certificate's own
// "építenénk", so a first sentence with both right fell below the decline bar; left out.)
const HUNGARIAN_VERB_ENDINGS: SuffixRule = {
  suffixes: byLength('hat het asi esi as es an en n otta ette ott ett tt ot et t'),
  min: 5,
};
/** Neither a prefix nor an ending is taken off a root shorter than this: short roots meet by chance. */
const MIN_VERB_ROOT = 5;

// The definite conjugation ("kiállítják", "átírjuk": Snowball keeps their "j" or "ja") and the causative
// ("meghosszabbíttatni", "kiállíttatom": have it done, "-tat/-tet") sit between the root and the
// endings taken off above: "kiállítják" keyed "allitj" and "meghosszabbíttatni" "hosszabbittat", so
// neither met the noun ("kiállítás", "meghosszabbítás") that names the act, and a question asked with
// them lost its procedure to one that shared a plainer word. Their root is an extra key, next to the
// one above, never instead of it: no two words that met before stop meeting ("szolgáltatás" and
// "szolgáltatni" still meet on "szolgaltat").
const HUNGARIAN_DEFINITE_OR_CAUSATIVE: SuffixRule = {
  suffixes: byLength('tatja tetje tatj tetj tat tet ja je j'),
  min: MIN_VERB_ROOT,
};

/**
 * The roots of a folded Hungarian Snowball stem without its definite "j" / "ja" or causative "-tat/
 * -tet", taken off its verb root or off the stem without its prefix ("hosszabbittat" → "hosszabbit",
 * "kiallittat" → "allit"), other than `verbRoot` itself: empty when there is none.
 */
export function hungarianPlainVerbRoots(snowballStem: string, verbRoot: string): string[] {
  // Only a verb written with its prefix ("ki-állítják", "meg-hosszabbíttatni"): a bare stem ending in
  // "j" is as often another form ("visszakapjam", get back, met the waste tax's refund sentence and
  // named it for a towed car).
  const unprefixed = withoutVerbPrefix(snowballStem);
  if (unprefixed === snowballStem) return [];
  const roots = new Set<string>();
  for (const root of [verbRoot, unprefixed]) {
    const plain = strip(root, HUNGARIAN_DEFINITE_OR_CAUSATIVE);
    if (plain !== root) roots.add(plain);
  }
  roots.delete(verbRoot);
  return [...roots];
}

function withoutVerbPrefix(stem: string): string {
  const prefix = HUNGARIAN_VERB_PREFIXES.find(
    (candidate) => stem.startsWith(candidate) && stem.length - candidate.length >= MIN_VERB_ROOT,
  );
  return prefix ? stem.slice(prefix.length) : stem;
}

/** The verb root of a folded Hungarian Snowball stem (see HUNGARIAN_VERB_PREFIXES). */
export function hungarianVerbRoot(snowballStem: string): string {
  return strip(withoutVerbPrefix(snowballStem), HUNGARIAN_VERB_ENDINGS);
}

const RULES: Record<Lang, SuffixRule[]> = { ro: ROMANIAN, en: ENGLISH, hu: HUNGARIAN };

function strip(word: string, rule: SuffixRule): string {
  for (const suffix of rule.suffixes) {
    if (word.length - suffix.length >= rule.min && word.endsWith(suffix)) {
      return word.slice(0, word.length - suffix.length);
    }
  }
  return word;
}

/** The stem of a normalised word under one language's rules. */
export function lightStem(word: string, lang: Lang): string {
  let stem = word;
  for (const rule of RULES[lang]) stem = strip(stem, rule);
  return stem;
}

/**
 * The keys under which a word is grouped: always its Romanian stem (the base is Romanian first and
 * citizens mix Romanian words into other languages), plus its stem in each other language it was seen
 * in, and for Hungarian and English also its Snowball stem (snowball-stem.ts), which reaches the
 * stacked Hungarian endings and the short English stems the light rules miss. Keys are prefixed by stemmer and language so that, say, an English and a
 * Romanian stem never collide.
 *
 * `word` is lower case, as written or already normalised: the light stems are taken on its
 * normalised form, the Snowball stem on the written form (accents are what Snowball reads), then
 * folded. Pass the written form where there is one (`accentedTokens`), on both the index and the
 * question side, so that both stem the same way.
 */
export function stemKeys(word: string, langs: readonly Lang[]): string[] {
  let key = word;
  for (const lang of langs) key += `\u0000${lang}`;
  // A new array: the caller may change it (as `tokenize`'s).
  return [...rememberedStemKeys(key)];
}

// A turn stems the same question words in several steps (question words, the stated aim, the
// procedure word index, the passage ranking's title and cue checks), and the rules are pure: the keys
// are remembered per word and languages (the key above). The stemmer's rules are constants, so
// nothing invalidates it; bounded, since questions bring words the knowledge base never saw.
const rememberedStemKeys = boundedMemo(
  (key: string): readonly string[] => {
    const [word, ...langs] = key.split('\u0000');
    return Object.freeze(computeStemKeys(word!, langs as Lang[]));
  },
  { maxEntries: 50_000 },
);

function computeStemKeys(word: string, langs: readonly Lang[]): string[] {
  const folded = foldWord(word);
  const keys = new Set([`ro:${lightStem(folded, 'ro')}`]);
  for (const lang of langs) {
    keys.add(`${lang}:${lightStem(folded, lang)}`);
    if (lang === 'hu') {
      const snowballStem = hungarianStem(word);
      keys.add(`hs:${snowballStem}`);
      const verbRoot = hungarianVerbRoot(snowballStem);
      keys.add(`hv:${verbRoot}`);
      for (const root of hungarianPlainVerbRoots(snowballStem, verbRoot)) keys.add(`hv:${root}`);
      // Snowball is not idempotent: it reads a bare word's last letters as an ending ("lakcím" →
      // "lakci", "szomszéd" → "szomsze") while the inflected form stems to the bare word
      // ("lakcímemet" → "lakcim"). The word itself as a Snowball key lets the two meet.
      keys.add(`hs:${folded}`);
    }
    if (lang === 'en') keys.add(`es:${englishStem(word)}`);
  }
  return [...keys];
}
