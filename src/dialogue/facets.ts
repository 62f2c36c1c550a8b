import { z } from 'zod';
import { boundedMemo } from '../text/bounded-memo.js';
import { tokenize } from '../text/normalize.js';

/**
 * The parts of a procedure a citizen can ask about on their own ("și cât costă?"). A question that names
 * facets gets those sections only; a question without one gets the overview.
 */
export const FACETS = [
  'documents',
  'fees',
  'where',
  'deadline',
  'validity',
  'online',
  'steps',
  'legalBasis',
] as const;
export const FacetSchema = z.enum(FACETS);
export type Facet = z.infer<typeof FacetSchema>;

/**
 * Phrases (normalised: lower case, no diacritics) that name a facet, in ro/en/hu. Whole words only;
 * several words are matched as a phrase. Kept narrow on purpose: a word that is also a topic
 * ("electronic" in "buletin electronic") must not be here.
 */
// prettier-ignore
const FACET_PHRASES: Record<Facet, string[]> = {
  documents: [
    // ro
    'acte', 'actele', 'documente', 'documentele', 'dosar', 'dosarul', 'hartii', 'hartiile',
    'ce trebuie sa duc', 'ce imi trebuie', 'ce am nevoie', 'de ce am nevoie', 'ce sa aduc', 'ce aduc',
    'acte necesare',
    // en
    'documents', 'document', 'papers', 'paperwork', 'what do i need', 'what should i bring', 'bring',
    'requirements', 'required',
    // hu
    'iratok', 'iratokat', 'irat', 'dokumentumok', 'dokumentumokat', 'papirok', 'papirokat', 'mit vigyek',
    'mi kell', 'milyen iratok', 'milyen iratokat', 'mire van szukseg',
  ],
  fees: [
    // ro
    'cat costa', 'costa', 'cost', 'costul', 'costuri', 'pret', 'pretul', 'taxa', 'taxe', 'taxele', 'taxa e',
    'tarif', 'tariful', 'tarife', 'cat platesc', 'platesc', 'cat se plateste', 'bani', 'cat e taxa',
    'contravaloare', 'contravaloarea', 'gratuit', 'gratis',
    // "a plăti" conjugated: "se plătește?", "trebuie să plătim ceva?" ask the cost as much as "cât costă?".
    'se plateste', 'plateste', 'platim', 'platiti', 'platesti', 'de platit', 'achit', 'achitam',
    // en
    'how much', 'costs', 'fee', 'fees', 'price', 'charge', 'charges', 'pay', 'free', 'discount',
    'paid', 'paying', 'to pay', 'for free', 'anything to pay',
    // hu
    'mennyibe kerul', 'mennyibe', 'kerul', 'dij', 'dija', 'dijat', 'ara', 'illetek', 'illeteke', 'fizetni',
    'fizetek', 'koltseg', 'koltsege', 'ingyenes', 'mennyit kell fizetni',
    'mennyit fizetek', 'fizetnunk', 'fizetni kell', 'kell fizetni', 'fizetos', 'fizetni kell erte',
  ],
  where: [
    // ro
    'unde', 'adresa', 'adresa e', 'ghiseu', 'ghiseul', 'la ce ghiseu', 'depun', 'depune', 'depunem', 'depuneti',
    'depunerea', 'unde depun', 'unde merg',
    'program', 'programul', 'orar', 'orarul', 'telefon', 'email', 'e mail',
    // en
    'where', 'address', 'office', 'opening hours', 'hours', 'submit', 'apply', 'phone', 'desk',
    // hu
    'hol', 'hova', 'hova menjek', 'cim', 'cime', 'cimen', 'ugyfelfogadas', 'nyitvatartas', 'beadni',
    'adjam be', 'telefonszam', 'ablak',
  ],
  deadline: [
    // ro
    'cat dureaza', 'dureaza', 'termen', 'termenul', 'in cat timp', 'cand e gata', 'cand este gata',
    'cate zile', 'cat timp', 'cat asteapta', 'cat astept', 'pana cand', 'pana la ce data', 'in ce termen',
    'in cate zile', 'cat de repede', 'cand primesc', 'cand il primesc', 'cand o primesc', 'cand pot sa il iau',
    'cand pot sa o iau', 'cu cat timp inainte', 'cat timp inainte', 'cate zile am', 'cat timp am', 'pe loc',
    'in aceeasi zi', 'cat mai dureaza', 'cat se asteapta',
    // en
    'how long', 'deadline', 'processing time', 'how many days', 'when will it be ready', 'until when',
    'by when', 'how fast', 'how soon', 'when do i get', 'when will i get', 'when can i get', 'how far in advance',
    'in advance', 'same day', 'how quickly', 'how many days do i have', 'how much time', 'how long until',
    'how long does', 'how long do', 'how long will', 'turnaround', 'wait time', 'waiting time',
    // hu
    'mennyi ideig', 'meddig tart', 'meddig', 'hatarido', 'hatarideje', 'hany nap', 'mennyi ido', 'mikorra',
    'hany napon belul', 'mikor kapom', 'mennyi ideje', 'mikor kapom meg', 'hany napom', 'mennyi idom',
    'mennyivel elotte', 'mennyi ido alatt', 'hany nap alatt', 'mikorra lesz kesz', 'mikorig', 'meg aznap',
    'azonnal', 'mennyit kell varni', 'meddig kell varni',
    // a last day asked for by its date (issue #10)
    'time limit', 'by what date', 'pana pe ce data', 'data limita', 'ultima zi', 'last day', 'utolso nap',
    'utolso napja',
  ],
  validity: [
    'valabil', 'valabila', 'valabilitate', 'valabilitatea', 'cat e valabil', 'valid', 'validity', 'expire',
    'expires', 'ervenyes', 'ervenyessege', 'meddig ervenyes',
  ],
  online: [
    'online', 'on line', 'pe internet', 'de acasa', 'pe net', 'internet', 'website', 'from home',
    'interneten', 'otthonrol', 'neten',
    // ro: from a phone or by e-mail is also "without coming to the desk"
    'de pe telefon', 'din telefon', 'de pe internet', 'prin email', 'pe email', 'pe mail', 'prin e mail',
    'ghiseul virtual', 'ghiseul ro',
    // en
    'from my phone', 'by email', 'by e mail', 'via email', 'over the internet', 'on the website', 'web',
    // hu
    'telefonrol', 'telefonomrol', 'emailben', 'e mailben', 'elektronikusan', 'internetrol', 'weboldalon',
    // from a mobile or the city's site, said without "online" (issue #10: "pot să o fac de pe mobil?" was
    // read as furniture, "mobilier", of bulky waste)
    'de pe mobil', 'pe mobil', 'din mobil', 'de pe site', 'pe site', 'pe site ul', 'on my mobile',
    'from my mobile', 'on my phone', 'mobilrol', 'mobilomrol', 'mobilon', 'telefonon',
  ],
  steps: [
    'pasi', 'pasii', 'etape', 'etapele', 'procedura', 'procedure', 'steps', 'process', 'lepesek', 'lepeseit',
    'menete', 'eljaras',
  ],
  // "Pe ce lege?": the acts the procedure rests on. Phrases only: "lege" or "law" alone is often a topic.
  legalBasis: [
    // ro
    'pe ce lege', 'ce lege', 'care lege', 'temei legal', 'temeiul legal', 'baza legala',
    'legislatie', 'legislatia',
    // en
    'legal basis', 'which law', 'what law', 'legislation',
    // hu
    'jogalap', 'jogalapja', 'milyen torveny', 'melyik torveny', 'jogszabaly', 'jogszabalyok',
  ],
};

/**
 * Words that carry no topic of their own in a follow-up ("și", "please", "vă rog", "de", "kérem"):
 * when only these and facet phrases remain, the message is about the procedure in focus.
 */
// prettier-ignore
const FILLER_WORDS = new Set(
  [
    // ro
    'si', 'dar', 'iar', 'ok', 'bine', 'deci', 'atunci', 'acum', 'apoi', 'ce', 'cat', 'cate', 'cati', 'cum',
    'care', 'cand', 'e', 'este', 'sunt', 'ar', 'fi', 'va', 'vor', 'o', 'un', 'una', 'unei', 'unui', 'de',
    'la', 'in', 'pe', 'cu', 'pt', 'pentru', 'din', 'despre', 'asta', 'aceasta', 'acesta', 'ea', 'el', 'lui',
    'ei', 'ii', 'il', 'o', 'mi', 'imi', 'ma', 'eu', 'noi', 'voi', 'dvs', 'dumneavoastra', 'rog', 'va rog',
    'multumesc', 'trebuie', 'trebui', 'pot', 'poate', 'putem', 'se', 'sa', 'nevoie', 'am', 'ai', 'are',
    'avem', 'aveti', 'face', 'fac', 'faci', 'facut', 'mai', 'tot', 'toate', 'chiar', 'doar', 'nu', 'da',
    'oare', 'hmm', 'unde', 'cine', 'acolo', 'aici', 'ala', 'aia', 'ei', 'le', 'lor', 'sau', 'ori', 'nici',
    'exact', 'aproximativ', 'cam', 'mult', 'putin', 'ceva', 'nimic',
    // Asides of a spoken correction or request ("stai", "mă interesează") that name nothing.
    'stai', 'intereseaza', 'wait', 'hold', 'erdekel', 'varjon',
    // Verbs of receiving and sending, and "rá" (onto it), that carry no topic in a follow-up.
    'primesc', 'primi', 'send', 'sent', 'ra', 'kuldeni',
    // Verbs of coming and bringing, and pronouns for people: "does she have to come too?" asks about the
    // procedure in focus; left as content words they matched rare name parts ("Com'ON").
    'vina', 'vin', 'vine', 'veni', 'aduc', 'aduca', 'come', 'comes', 'coming', 'go', 'bring', 'must', 'still',
    'she', 'he', 'they', 'her', 'him', 'them', 'jonni', 'jon', 'jojjon', 'jojjek', 'hozni', 'hozzak',
    // Generic words for "the application" that point back at the procedure in focus, not to a new topic.
    'cerere', 'cererea', 'cererii', 'dosar', 'dosarul', 'dosarului', 'formular', 'formularul', 'actul',
    // en
    'and', 'but', 'so', 'then', 'what', 'whats', 'about', 'how', 'much', 'many', 'is', 'it', 'its', 'are',
    'the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'at', 'do', 'does', 'did', 'i', 'me', 'my', 'we', 'you',
    'can', 'could', 'should', 'would', 'will', 'need', 'there', 'this', 'that', 'please', 'thanks', 'also',
    'any', 'be', 'with', 'from', 'have', 'has', 'get', 'where', 'which', 'when', 'long', 'or', 'by', 'done',
    'possible', 'take', 'takes', 'need', 'needed', 'it s', 'one', 'there', 'too', 'again', 'now',
    'application', 'request', 'form', 'file',
    // hu
    'es', 'de', 'meg', 'is', 'mi', 'mit', 'mennyi', 'hogy', 'hogyan', 'az', 'a', 'egy', 'ez', 'ezt', 'azt',
    'van', 'kell', 'lehet', 'kerem', 'koszonom', 'nekem', 'en', 'on', 'ont', 'szerint', 'vagy', 'akkor',
    'mar', 'csak', 'mikor', 'hol', 'nem', 'igen', 'itt', 'ott', 'mennyit', 'tudom', 'tudok', 'kapok', 'kb',
    'korulbelul', 'kellenek', 'kellene', 'kelleni', 'szukseges', 'szuksegesek', 'ehhez', 'hozza', 'azt',
    'ezt', 'pedig', 'most', 'erte', 'valamit', 'valami', 'kerelem', 'kerelmet', 'kerelmemet', 'kerveny', 'kervenyt', 'urlap', 'urlapot',
  ].flatMap((word) => word.split(' ')),
);

interface PhraseMatcher {
  facet: Facet;
  tokens: string[];
}

// Longest phrases first, so "cat costa" is taken before "costa" and its words are not left over as a topic.
const MATCHERS: PhraseMatcher[] = (Object.entries(FACET_PHRASES) as Array<[Facet, string[]]>)
  .flatMap(([facet, phrases]) => phrases.map((phrase) => ({ facet, tokens: phrase.split(' ') })))
  .sort((a, b) => b.tokens.length - a.tokens.length);

export interface FacetReading {
  /** The facets named, in the order the citizen named them. */
  facets: Facet[];
  /** The words left when facet phrases and filler words are removed: the topic, if any. */
  topic: string[];
}

/** Finds the facets a message asks about and what else it talks about. */
export function readFacets(text: string): FacetReading {
  const reading = memoisedReading(text);
  // Copies: a caller may change its arrays; the memoised reading must stay as it was.
  return { facets: [...reading.facets], topic: [...reading.topic] };
}

/**
 * A turn reads the same message in several steps (understanding, follow-up resolution, composing):
 * the reading is memoised, so every step gets the same answer for the cost of one.
 */
const memoisedReading = boundedMemo((text: string): FacetReading => {
  const tokens = tokenize(text);
  const present = new Set(tokens);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const found: Array<{ facet: Facet; at: number }> = [];
  for (const matcher of MATCHERS) {
    // Most phrases cannot match at all: their first word is not in the message.
    if (!present.has(matcher.tokens[0]!)) continue;
    const span = matcher.tokens.length;
    for (let start = 0; start + span <= tokens.length; start += 1) {
      if (!matcher.tokens.every((token, offset) => tokens[start + offset] === token)) continue;
      if (taken.some((isTaken, index) => isTaken && index >= start && index < start + span)) continue;
      for (let index = start; index < start + span; index += 1) taken[index] = true;
      found.push({ facet: matcher.facet, at: start });
    }
  }
  const facets = [...new Set(found.sort((a, b) => a.at - b.at).map((entry) => entry.facet))];
  const topic = tokens.filter(
    (token, index) => !taken[index] && !FILLER_WORDS.has(token) && !/^\d+$/.test(token),
  );
  return { facets, topic };
});

/** A word that names nothing by itself ("pentru", "the", "kérem"). */
export function isFillerWord(word: string): boolean {
  return FILLER_WORDS.has(word);
}
