/**
 * Words that say nothing about which procedure a citizen means, in the three languages, already
 * normalised (no diacritics). PostgreSQL's `romanian` configuration has no stop-word list, so without
 * this "certificat de urbanism" would also look for "de" in every chunk. The lists are one set: a
 * Romanian question often carries an English or Hungarian word, and the reverse.
 *
 * English contractions split at the apostrophe ("we're" → "we", "re"; "aren't" → "aren") leave their
 * halves as words, listed below with the function words.
 *
 * Besides function words they hold the words that say *what about* a procedure is asked (documents,
 * cost, duration, how, where): they occur in every procedure and would only add noise.
 *
 * Changing a list changes the stored vocabulary and the hashing vectors: bump INDEX_VERSION
 * (ingest-knowledge-base.ts) and HASHING_MODEL (hashing-embeddings.ts) so indexes are rebuilt.
 */
const ROMANIAN = `
a ai al ale alt alta alte altceva am ar are as asa asta astea acea aceea acei acel acela acele acest acesta
aceasta aceste acestea acestui acestei acum adica asupra atat atata atunci au avea aveam aveti avem avut
ba bine buna ca cam cand care caror carora carui caruia cat cata cate cati catre ce cea cei cel cele celor
ceva chiar cine cineva cu cui cum cumva da daca dar de deci deja desi despre din dintr dintre doar dumneavoastra
dupa e ea ei el ele era eram este esti eu fara fi fie fiecare fiind fost foarte i ii il imi in inca intr
intre isi iti la le li lor lui m ma mai mea mei mele meu mi mie mult multa multe multi n ne nevoie ni nici
nimic noi noastra nostru nu o ok oare ori pai pe pentru pt poata poate pot poti prin putea puteti pot s sa
sau se si sunt suntem sunteti ta tale tau te tine toata toate tot toti tu un una unde unei unor unui unul
va vom voi vreau vrea vrem vreti vreo zi ziua rog salut buna multumesc mersi
trebuie trebui necesar necesare necesara acte actele documente documentele obtin obtine obtinem obtineti hartii hartiile hartie
fac face facem faceti iau ia luam depun depunem cer cerem costa cost costul dureaza
`;

const ENGLISH = `
a an the is are am was were be been being do does did doing i me my mine we us our you your yours it its
he she him her they them their of to in on at for from with by about into over and or but not no yes if
as so than then there here this that these those what which who whom whose how where when why can could
should would will shall may might must need needs needed get got getting want wants wanted please hello
hi thanks thank much many long take takes some any one also just like have has had documents document
papers paperwork required require requires cost costs price apply applying find
up out off all both each every only very too again ever still even because since while until after before
during am im ive dont cant wont isnt doesnt didnt whats thats theres someone somebody anyone anybody
everyone nothing everything really actually honestly basically literally probably maybe perhaps sure okay
ok hey guys let lets try trying wondering wonder think thought said told able
behind across around between within through under above below along toward towards via per
among beside besides beyond instead else yet though although whether unless however etc
front put putting puts going gone went coming come came done made
happen happened happens mean meant use using keep kept bring brought send sent
gonna wanna gotta kinda sorta lol pls plz thx ty yeah yep yup nope oh um uh hmm well right ah
youre theyre weve youve theyve whos hows wheres whens whys couldnt shouldnt wouldnt arent
wasnt werent havent hasnt hadnt
re ll ve aren isn don doesn didn won wasn weren haven hasn hadn couldn shouldn wouldn
`;

const HUNGARIAN = `
a az egy es is hogy mit mi mik mire hol hova honnan hogyan mikor mennyi mennyibe meddig kerul kell kellene
kellenek van vannak volt nincs nem igen meg el be ki le fel ez ezt azt ennek annak en te o ti ok nekem
neked kerem kerek szeretnek szeretnem tudok tudom lehet milyen melyik de vagy ha akkor csak mar meg ehhez
ahhoz hozza ezzel azzal itt ott jo napot koszonom tegyek teszek csinaljak iratok irat dokumentumok sok
akar akarok akarunk akartok akarnak akarom akarja akarjuk akarjak akarjatok szeretnenk szeretne szeretnel tudunk tudnak tudnek tudnank tenni tennem
tennunk csinalni intezni elintezni kerhetek kerhetunk kaphatok kaphatunk lehetne
kinek kivel kit kik kie miben mibe mivel miert hany hanyan hanyszor vajon majd sem pedig ugye szoval amugy
iratokat iratot iratait papirok papirokat dokumentumokat dokumentumot
persze talan menni mennem bemenni bemennie bemennem bemenjek jonni jonnie jonnom elmenni menjek menjen
jojjon jojjek ra rola vele velem veled neki nekik tole tolem nala nalam napom napunk napon napig napot
benne bennem bennunk rajta rajtam erre arra felol
`;

// The city and its town hall are named in nearly every procedure, in every language: they tell
// procedures apart no better than "the" does, and left in they pull every question towards the
// procedures that repeat them most. Hungarian "város" (the city) and "önkormányzat" (the local
// government) are what "city" and "primărie" are: "segít valamit a város?" asks the city hall.
const DOMAIN = `
primarie primaria primariei primariile primariilor cluj napoca clujul clujului municipiul municipiului
city hall town cluj-napoca polgarmesteri hivatal hivatalban hivatalnak hivatalhoz hivatalba hivatalt
kolozsvar kolozsvaron kolozsvari kolozsvarott
varos varosban varosba varosnak varosnal varostol varost onkormanyzat onkormanyzatnal onkormanyzathoz
onkormanyzattol onkormanyzatot onkormanyzatnak
`;

// When, and other generic qualifiers: "in vara", "maine", "best", "near" say nothing about which
// procedure is meant (and, rare in the base, they would otherwise weigh like its key terms). "The
// whole thing" ("toată procedura întreagă", "az egész", "the entire process") asks about the topic in
// focus; rare in the base, "întreagă"/"egész"/"whole" had turned such follow-ups into a new topic.
// "Ce se întâmplă dacă…", "mi történik, ha…" ask what follows (a late filing, a missed payment), as
// "what happens if…" does, whose "happen" the English list already holds.
// "Somewhere", "somehow", "always", "probably", "huge" (hu "valahol", "valahogy", "mindig",
// "valószínűleg", "hatalmas", "óriási") are the filler of a story told in English or Hungarian, rare in
// the base: left in they weighed as information no procedure covers (issue #10).
const TIME_AND_GENERIC = `
azi astazi maine poimaine ieri acum curand vara iarna toamna primavara saptamana saptamani luna ora ore
minute zile ani anul bun buna bune nou noua noi vechi mare mic
today tomorrow yesterday now soon summer winter autumn spring week month year years day days hour hours
near best good new old big small next other way time thing things something anything
morning evening night tonight weekend last early late ago already anymore recently currently stuff sort kind
ma holnap tegnap most nyar nyaron tel telen osz tavasz het honap ev nap ora jo uj regi
intreg intreaga intregi intregul whole entire entirely egesz egeszen teljes teljesen osszes
intampla intample intamplat tortenik tortenne tortent
somewhere anywhere somehow mindig valoszinuleg valahol valahogy hatalmas oriasi
`;

// Verbs of talking, looking and helping: "scrie-mi", "spune-mi", "tell me", "mondd meg" ask the
// assistant to do something; they are not part of any procedure's name.
const GENERIC_VERBS = `
scrie scrii scriu scrieti spune spui spuneti zi zice zici arata aratati explica explicati recomanda
recomandati gasesc gasi gaseste caut cauta cautam stiu stie stiti vad vede vedea ajuta ajutati vorbesc vorbi
doresc dorim doriti
tell write say show explain recommend find know see help give make go looking look talk speak ask asking
mondd mondja meselj irj irjon mutasd mutassa segits segitsen keresek keres tudsz tudja adj
`;

// The words a story is told with, in Romanian and Hungarian, whose English equivalents are above
// ("some", "very", "something", "someone", "got", "came", "think", "am"): "am primit niște...",
// "cred că", "nagyon drága", "tud valaki segíteni", "vagyok". Left in, a narrated question counts
// them as information no procedure covers, and a clear request told as a story is declined. Verbs
// that carry the story's event ("am vândut", "a murit", "eladtam", "venit", which is also "income")
// stay: they name procedures. (Hungarian past forms and "szerintem", "elég" were tried too: no gain
// on the own narrated fit set, one own en/hu held-out question lost; left out. "primit", "primesc" were
// in the list at first and cost a held-out precise question: receiving is how benefits are asked for,
// "ce ajutor primesc?", "să primesc alocația".)
const NARRATION = `
niste cred credem crezi credeti lasat lasa luat zis spus stiam vazut
faca facut mearga mers merge mergem mergeti vine
vagyok vagyunk vagytok nagyon valami valamit valamilyen valaki valakit tud tudna tudnal tudnanak
`;

const STOPWORDS = new Set(
  `${ROMANIAN} ${ENGLISH} ${HUNGARIAN} ${DOMAIN} ${TIME_AND_GENERIC} ${GENERIC_VERBS} ${NARRATION}`
    .split(/\s+/)
    .filter(Boolean),
);

/** True for a normalised word that carries no meaning for retrieval. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
