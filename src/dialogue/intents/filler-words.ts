import type { Lang } from '../../language.js';

/**
 * Words that carry no topic of their own (normalised: lower case, no diacritics). The intent matcher
 * skips them between and around intent phrases, and they do not count as "content" when deciding
 * whether a message is just an intent or also a question.
 *
 * Kept short on purpose. A word that changes who does what ("am" I have / "ai" you have, "i" / "you",
 * "nu", "nem", "no") or that names a topic is NOT a filler: treating it as one would turn
 * "nu am înțeles ce acte trebuie" into the complaint "nu ai înțeles". Missing fillers only make the
 * matcher more cautious (the message is answered as a question).
 */
const ROMANIAN = words(`
  # politeness and address ("te rog", "vă rog")
  va te rog frumos dumneavoastra dvs dvoastra domnule doamna stimate stimata
  # articles and conjunctions
  un o una unui unei si sau dar iar ca deci atunci sa
  # prepositions and genitive articles
  cu pe la de din in pentru despre catre prin al ale tuturor
  # copula and intensifiers
  e este foarte mult tare chiar doar acum cam putin mai
  # asking for something ("aș dori să…", "vreau…", "am nevoie de…")
  vreau vrea vrem as am nevoie dori doresc dorim doream ar fi
  # interjections
  hei ei pai oh aa hmm hm
  # subject pronouns and possessives: Romanian verbs already say who ("nu ai înțeles tu"), so these
  # add nothing; clitics that do ("m-ai", "te-am") are not fillers
  eu tu noi voi dumneata meu mea mei mele tau ta tai tale
  # "de tot", "deloc": at all; "cel mai": the most
  tot deloc cel cea cei cele
  # "un om adevărat", "o persoană reală": the adjective adds nothing to the noun
  adevarat adevarata real reala
  # "se poate…", "pot…": can (who can is in "poți", which stays); "nimic": nothing; "azi": today
  se pot poate putea putem nimic azi astazi
`);

const ENGLISH = words(`
  # articles, conjunctions, prepositions, politeness, interjections
  the a an please pls plz kindly and or but so well just really very to of for about with at in on
  sir madam um uh oh hmm all much
  # asking for something ("I'd like to…", "I need…")
  want wanna would like need d am
  # possessives ("your answer", "my building permit"); "i" and "you" are not fillers
  my your our
  # what an apostrophe leaves behind: "that's", "i'm", "we'll"; the negation stays in "don", "didn", "isn"
  s t m re ve ll
  # "a real human", "a live person"
  actual live
  # "help me", "get me a person", "some help", "today"
  me get some any today now
`);

const HUNGARIAN = words(`
  # articles, conjunctions, politeness
  a az egy es is de kerem kerlek szepen szep legyen szives legyszi
  # intensifiers and interjections; "egyáltalán": at all; "semmi(t)": nothing
  csak nagyon hat na egyaltalan semmi semmit
  # asking for something ("szeretnék…", "szükségem van…"); "nekem": for me
  szeretnek szeretnem szeretnenk akarok akarnek szuksegem szuksegunk nekem van
  # "élő ember", "valódi ügyintéző": the adjective adds nothing to the noun
  elo valodi
`);

/**
 * ANTONIA's own name ("mersi, Antonia") and the city's (every question is about Cluj) tell nothing
 * about the topic.
 */
const ADDRESS = words(`antonia cluj napoca kolozsvar kolozsvaron kolozsvari`);

export const FILLER_WORDS: ReadonlySet<string> = new Set([...ROMANIAN, ...ENGLISH, ...HUNGARIAN, ...ADDRESS]);

/**
 * Fillers that ask for something ("vreau", "I need", "szeretnék"). A clerk asked for after one of
 * them ("vreau un operator pentru autorizația de construire") is a request, whatever follows.
 */
export const REQUEST_WORDS: ReadonlySet<string> = new Set(
  words(`
  vreau vrea vrem nevoie dori doresc dorim doream want wanna would need szeretnek szeretnem szeretnenk
  akarok akarnek kerem szuksegem szuksegunk
`),
);

/** Whitespace-separated words; `#` starts a comment that runs to the end of the line. */
function words(list: string): string[] {
  return list
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join(' ')
    .split(/\s+/)
    .filter((word) => word !== '');
}

/**
 * Words that open a question (normalised). A remainder that starts with one ("mersi, | și unde se
 * depun") or ends with "?" is a question beside the intent, to be answered as one.
 */
export const QUESTION_WORDS: Readonly<Record<Lang, ReadonlySet<string>>> = {
  ro: new Set(words(`cum cat cata cate cati unde cand ce care cine oare poate pot trebuie`)),
  en: new Set(
    words(`how what where when why which who whom whose can could may do does did is are will should must`),
  ),
  hu: new Set(
    words(
      `hogyan hol hova honnan mikor meddig mennyi mennyibe mennyit mi mit mik milyen melyik miert ki kell lehet`,
    ),
  ),
};

/** Words that join a question to what was said before ("și", "and", "és"), skipped before QUESTION_WORDS. */
export const JOINING_WORDS: ReadonlySet<string> = new Set(words(`si iar dar and but so also es meg is`));
