import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  askedPart,
  findDetailCues,
  withoutDetailCues,
  wordMatches,
} from '../../../src/knowledge/passages/detail-cues.js';
import { loadPassageConfig, passageConfig } from '../../../src/knowledge/passages/passage-config.js';
import { sentences } from '../../../src/knowledge/passages/procedure-passages.js';
import { leadsInToList, rankPassages } from '../../../src/knowledge/passages/rank-passages.js';
import type { Lang } from '../../../src/language.js';
import { procedure } from '../../support/knowledge-base.js';

const config = passageConfig();
const quoted = (question: string, lang: Lang, slug: string) =>
  rankPassages(question, lang, procedure(slug), config).answer.map((scored) => scored.passage.text);

describe('detail cues', () => {
  it.each([
    ['ro', 'În câte exemplare se depune dosarul?', 'copies'],
    ['ro', 'extrasul cât de recent trebuie să fie?', 'recency'],
    ['ro', 'poate veni fratele meu în locul meu?', 'behalf'],
    ['en', 'Can I send it by post?', 'post'],
    ['en', 'I live abroad, what now?', 'abroad'],
    ['hu', 'Hány példányban kell beadni?', 'copies'],
    ['hu', 'Meddig érvényes az igazolás?', 'validity'],
    ['ro', 'Pe câți ani se eliberează atestatul?', 'validity'],
    ['en', 'Which desk do I go to?', 'counter'],
    ['hu', 'Melyik terembe menjek?', 'counter'],
    ['ro', 'Pot semnala asta și noaptea?', 'allHours'],
    ['en', 'What colours must the sign have?', 'format'],
    ['hu', 'Hány százalékos a kedvezmény?', 'percent'],
    ['ro', 'Ce formular completez?', 'form'],
    ['en', 'How many times can it be extended?', 'renewals'],
    ['ro', 'Ce se întâmplă dacă nu plătesc până la termen?', 'late'],
    ['ro', 'Până când depun cererea?', 'byDate'],
    ['ro', 'Pot trimite pozele pe mail?', 'email'],
    ['ro', 'Câte locuri primesc cel mult?', 'limit'],
    ['en', 'How many spaces at most?', 'limit'],
    ['hu', 'Eredetiben vagy másolatban kell vinni?', 'copies'],
    ['en', 'Do I need the original or a photocopy?', 'copies'],
    ['hu', 'Legfeljebb hány hónapos lehet a kivonat?', 'recency'],
    ['en', 'Can it be older than 30 days?', 'recency'],
    ['hu', 'Mennyi ideig használhatom?', 'validity'],
    ['en', 'Can my mum submit it instead of me?', 'behalf'],
    ['en', 'Can I post it?', 'post'],
    ['hu', 'Mi van, ha nem fizetek időben?', 'late'],
    ['hu', 'Mennyi a késedelmi pótlék?', 'late'],
    ['en', 'What happens if I miss the deadline?', 'late'],
    ['hu', 'Hánykor nyitnak?', 'hours'],
    ['en', 'Does it cost anything?', 'free'],
  ] as const)('finds the cue of a %s question: %s', (_lang, question, cue) => {
    expect(findDetailCues(question, config).map((found) => found.name)).toContain(cue);
  });

  it('takes "câți ani" for an age only when it asks how old a person must be', () => {
    const names = (question: string) => findDetailCues(question, config).map((found) => found.name);
    expect(names('Pe câți ani se dă autorizația?')).not.toContain('age');
    expect(names('De la câți ani pot vota?')).toContain('age');
  });

  it('answers "for how long?" with a duration, not with an opening-hours line that starts on Monday ("luni")', () => {
    const answer = quoted(
      'Pe cât timp se prelungește autorizația de construire?',
      'ro',
      'prelungire-autorizatie-construire',
    );
    expect(answer[0]).toMatch(/24 de luni/);
    expect(answer.join(' ')).not.toMatch(/luni–miercuri/);
  });

  it('reads a percent sign as a word that answers "what percentage"', () => {
    const ranking = rankPassages(
      'Ce reducere la impozit am cu handicap grav?',
      'ro',
      procedure('scutiri-facilitati-fiscale'),
      config,
    );
    expect(ranking.cues.map((cue) => cue.name)).toEqual(['percent']);
    expect(ranking.answer[0]?.passage.text).toMatch(/50%/);
  });

  it('reads a short Hungarian phrase word with its case endings, in Hungarian only', () => {
    expect(wordMatches('napig', 'nap', 'hu')).toBe(true);
    expect(wordMatches('evre', 'ev', 'hu')).toBe(true);
    expect(wordMatches('orakor', 'ora', 'hu')).toBe(true);
    // Not another word that merely starts the same ("éves" is "aged", not "year"), nor Romanian forms.
    expect(wordMatches('eves', 'ev', 'hu')).toBe(false);
    expect(wordMatches('napig', 'nap', 'ro')).toBe(false);
    expect(wordMatches('cere', 'ce', 'ro')).toBe(false);
    expect(wordMatches('catre', 'cat')).toBe(false);
  });

  it('does not read a relative named alone or "in person" as asking for someone else to apply', () => {
    const names = (question: string) => findDetailCues(question, config).map((found) => found.name);
    expect(names('My mum is 75, can she get a free bus pass?')).not.toContain('behalf');
    expect(names('Can I pay the building tax in person at the city hall?')).not.toContain('behalf');
  });

  it('finds none in a plain question', () => {
    expect(findDetailCues('Cum îmi fac buletinul?', config)).toEqual([]);
    expect(findDetailCues('How do I register a newborn?', config)).toEqual([]);
  });

  it('drops the cue words from a question, keeping the words that name the procedure', () => {
    expect(withoutDetailCues('Hány példányban kell beadni az építési engedélyt?', config)).toBe(
      'kell beadni az epitesi engedelyt',
    );
    expect(withoutDetailCues('Cum îmi fac buletinul?', config)).toBeUndefined();
  });

  it('keeps a quantity the citizen states, which the file writes its condition in', () => {
    // "14 éves" is a stated-years cue, and the identity card's file says "első igazolvány 14 évesen".
    expect(findDetailCues('A fiam lesz 14 éves, mit kell intézni a személyijével?', config, 'hu')).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'statedYears' })]),
    );
    expect(withoutDetailCues('A fiam lesz 14 éves, mit kell intézni a személyijével?', config)).toContain(
      '14 eves',
    );
  });
});

describe('sentences of a procedure file', () => {
  it('splits at sentence ends but not after "nr." or "str.", and drops list markers and emphasis', () => {
    expect(
      sentences('- **Adresa:** str. Moților nr. 7, etaj 1. Program: luni–vineri.\n1. Al doilea pas.'),
    ).toEqual(['Adresa: str. Moților nr. 7, etaj 1.', 'Program: luni–vineri.', 'Al doilea pas.']);
  });
});

describe('rankPassages', () => {
  it('quotes the sentence stating a limit when the question asks for one, not the first figure of the fees', () => {
    expect(
      quoted(
        'Câte locuri de parcare de reședință se pot da cel mult pentru o familie?',
        'ro',
        'abonament-parcare-rezidentiala',
      ).join(' '),
    ).toMatch(/cel mult două pe locuință/);
  });

  it('quotes the sentence that holds the detail, in Romanian, English and Hungarian', () => {
    expect(
      quoted(
        'În câte exemplare depun dosarul pentru autorizația de construire?',
        'ro',
        'autorizatie-construire',
      ).join(' '),
    ).toMatch(/2 exemplare/);
    expect(
      quoted('How long is a criminal record certificate valid?', 'en', 'cazier-judiciar').join(' '),
    ).toMatch(/6 (months|luni)/);
    expect(quoted('Meddig érvényes a házasság előtti orvosi igazolás?', 'hu', 'casatorie').join(' ')).toMatch(
      /14 nap/,
    );
  });

  it('answers "how early before expiry?" with when to apply, not with how long the card lasts', () => {
    for (const [lang, question] of [
      ['en', 'My ID expires in March, how early can I apply for the new one?'],
      ['hu', 'Hány nappal a lejárat előtt kell beadni a kérést a személyihez?'],
      ['ro', 'Cu cât timp înainte de expirare îmi pot face buletin nou?'],
    ] as const) {
      const answer = quoted(question, lang, 'carte-identitate');
      expect(answer[0]).toMatch(/180/);
    }
    // The expiry named inside the wider phrase is not a validity question.
    const names = findDetailCues('Hány nappal a lejárat előtt kell beadni?', config, 'hu').map(
      (found) => found.name,
    );
    expect(names).toContain('advance');
    expect(names).not.toContain('validity');
  });

  it('does not let a Hungarian postposition ("után") choose a sentence that merely repeats it', () => {
    const answer = quoted(
      'Az adóigazolás a kiállítás után mennyi ideig használható?',
      'hu',
      'certificat-atestare-fiscala',
    );
    expect(answer[0]).toMatch(/30 naptári napig/);
  });

  it('lets the sentence with the rare words of the question win over generic ones of the same cue', () => {
    // Many sentences of the ID-card file name a number of days; only one is about the land-register extract.
    const ranking = rankPassages(
      'extrasul de carte funciară pentru domiciliu cât de recent trebuie să fie?',
      'ro',
      procedure('carte-identitate'),
      config,
    );
    expect(ranking.answer[0].passage.text).toMatch(/carte funciar.*30 de zile/);
    const generic = ranking.ranked.find(
      (scored) => scored.answersCue && !/funciar/.test(scored.passage.text),
    );
    expect(generic!.score).toBeLessThan(ranking.answer[0].score);
  });

  it('quotes nothing when no sentence answers the cue, even if other words of the question match', () => {
    // The ID-card file says nothing about sending the application by post.
    for (const [lang, question] of [
      ['ro', 'Pot trimite cererea pentru buletin prin poștă?'],
      ['en', 'Can I send the ID card application by post?'],
      ['hu', 'Elküldhetem postán a személyi igénylését?'],
    ] as const) {
      const ranking = rankPassages(question, lang, procedure('carte-identitate'), config);
      expect(ranking.cues.map((cue) => cue.name)).toContain('post');
      expect(ranking.answer).toEqual([]);
    }
  });

  it('cites where each quoted sentence stands in the file', () => {
    const [best] = rankPassages(
      'Cât e valabil certificatul de atestare fiscală?',
      'ro',
      procedure('certificat-atestare-fiscala'),
      config,
    ).answer;
    expect(best.passage.text).toMatch(/30 de zile/);
    expect('field' in best.passage.from ? best.passage.from.field : best.passage.from.heading).toBeTruthy();
  });
});

describe('passages.yaml', () => {
  it('rejects a wrong value with the path of the field', () => {
    const directory = mkdtempSync(join(tmpdir(), 'passages-'));
    const path = join(directory, 'passages.yaml');
    writeFileSync(path, 'minScore: 2\nmaxSentences: 2\nsecondSentenceShare: 0.8\ncues: {}\n');
    expect(() => loadPassageConfig(path)).toThrow(/minScore/);
  });
});

describe('common question words and plain questions', () => {
  it('answers "how many / how much" with a sentence that states a figure and holds the question\'s words', () => {
    const ranking = rankPassages(
      'Câte persoane sunt primite într-o zi de audiențe?',
      'ro',
      procedure('audienta'),
      config,
    );
    expect(ranking.cues.map((cue) => cue.name)).toEqual(['amount']);
    expect(ranking.answer[0]?.passage.text).toMatch(/cel mult 5 persoane/);
    // A question whose only words are a common question word's ("câte sunt?") quotes nothing: any figure
    // would do.
    expect(rankPassages('Câte sunt?', 'ro', procedure('audienta'), config).answer).toEqual([]);
  });

  it('finds the length of a meeting in minutes, although "minute" is a stop word for retrieval', () => {
    for (const question of ['Câte minute am la audiență?', 'How long does an audience last?']) {
      const ranking = rankPassages(
        question,
        question.startsWith('How') ? 'en' : 'ro',
        procedure('audienta'),
        config,
      );
      expect(ranking.cues.map((cue) => cue.name)).toContain('duration');
      expect(ranking.answer[0]?.passage.text).toMatch(/15 minut/);
    }
  });

  it('lets a specific cue decide over the common question word that came with it', () => {
    const ranking = rankPassages(
      'Hány példányban kell beadni?',
      'hu',
      procedure('autorizatie-construire'),
      config,
    );
    expect(ranking.cues.map((cue) => cue.name)).toEqual(['copies']);
  });

  it('quotes a sentence for a question without a cue only when it holds several of its words', () => {
    expect(
      quoted(
        'Am vândut mașina cu contractul ITL-054. Îmi mai trebuie certificat de atestare fiscală?',
        'ro',
        'radiere-auto-fiscal',
      )[0],
    ).toMatch(/nu aveți nevoie de certificat de atestare fiscală/);
    // One shared word is not enough.
    expect(quoted('unde depun?', 'ro', 'radiere-auto-fiscal')).toEqual([]);
  });

  it('a figure written as a word answers "how many"', () => {
    const words =
      findDetailCues('Hány tanú kell?', config).find((cue) => cue.name === 'amount')?.answer ?? [];
    expect(words).toContainEqual(['ket']);
  });
});

describe('a story told before the question', () => {
  it('is left out of what is asked only when the message also asks something', () => {
    expect(askedPart('Am buletinul expirat. Unde îl schimb?')).toBe('Unde îl schimb?');
    expect(askedPart('Am buletinul expirat, unde îl schimb?')).toBe('Am buletinul expirat, unde îl schimb?');
    expect(askedPart('Unde? Și cât costă?')).toBe('Unde? Și cât costă?');
    expect(askedPart('Buletinul mi-a expirat.')).toBe('Buletinul mi-a expirat.');
  });

  it('does not turn a word of the story ("a expirat") into the detail asked when the question asks one', () => {
    const cues = (question: string) =>
      rankPassages(question, 'ro', procedure('carte-identitate'), config).cues.map((cue) => cue.name);
    const asked = cues('Cartea mea de identitate a expirat ieri. În câte exemplare se depune cererea?');
    expect(asked).toContain('copies');
    expect(asked).not.toContain('validity');
    // Without the story, "a expirat" is asked about: here as a second detail, when the title does not
    // name it (the identity card's title names the expiry, so its "a expirat" is the procedure's case).
    const passport = rankPassages(
      'Pașaportul care a expirat, în câte exemplare se depune cererea?',
      'ro',
      procedure('pasaport'),
      config,
    ).cues.map((cue) => cue.name);
    expect(passport).toContain('validity');
    expect(cues('Cartea de identitate care a expirat, în câte exemplare se depune cererea?')).toEqual([
      'copies',
    ]);
  });

  it("keeps the story's cue when the question carries none: it is the case asked about", () => {
    const ranking = rankPassages(
      'Fiica mea s-a născut în străinătate. Ce act mai trebuie?',
      'ro',
      procedure('alocatie-stat-copii'),
      config,
    );
    expect(ranking.cues.map((cue) => cue.name)).toContain('abroad');
  });
});

describe('case cues and cues named by the title', () => {
  it('finds the case asked in English or Hungarian in the Romanian body, by the case cue’s answer phrases', () => {
    expect(
      quoted(
        'I live alone. What is the maximum monthly income to get the heating allowance?',
        'en',
        'ajutor-incalzire',
      ).join(' '),
    ).toMatch(/2,053 lei for a person living alone/);
    expect(
      quoted(
        'Milyen havi jövedelemig kaphat élelmiszerjegyet egy egyedül élő nyugdíjas?',
        'hu',
        'tichete-sociale-alimente',
      ).join(' '),
    ).toMatch(/2\.600 lejes .*egyedül élő/);
    expect(
      quoted(
        'Súlyos fogyatékossággal hány százalék kedvezmény jár a saját lakás adójából?',
        'hu',
        'scutiri-facilitati-fiscale',
      ).join(' '),
    ).toMatch(/súlyos fogyatékosságnál 50%/);
  });

  it('never asks a detail with a case cue alone, and leaves it out of a Romanian question', () => {
    const alone = rankPassages(
      'I live alone, how do I apply for heating aid?',
      'en',
      procedure('ajutor-incalzire'),
      config,
    );
    expect(alone.cues.filter((cue) => cue.case)).toEqual([]);
    const ro = rankPassages(
      'Ce venit maxim pot avea ca persoană singură?',
      'ro',
      procedure('ajutor-incalzire'),
      config,
    );
    expect(ro.cues.map((cue) => cue.name)).toEqual(['amount']);
  });

  it('does not let a case cue leave out the detail cue whose words it also covers', () => {
    const names = findDetailCues(
      'Milyen havi jövedelemig kaphat egy egyedül élő nyugdíjas?',
      config,
      'hu',
    ).map((cue) => cue.name);
    expect(names).toEqual(expect.arrayContaining(['amount', 'single', 'income']));
  });

  it('leaves out a cue made of title words when the question asks another detail', () => {
    const ranking = rankPassages(
      'Meddig érvényes a nyugdíjasok ingyenes buszbérlete?',
      'hu',
      procedure('abonament-gratuit-transport-public'),
      config,
    );
    expect(ranking.cues.map((cue) => cue.name)).toEqual(['validity']);
    // Asked alone, it is still the detail asked.
    const alone = rankPassages(
      'I live abroad; how do I get my foreign birth certificate transcribed?',
      'en',
      procedure('transcriere-act-strainatate'),
      config,
    );
    expect(alone.cues.map((cue) => cue.name)).toEqual(['abroad']);
  });

  it('answers which day, how far and how many places with a day, a distance and a number of places', () => {
    expect(
      quoted(
        'On which day of the week is the farmers’ market in Gheorgheni?',
        'en',
        'piete-agroalimentare-volante',
      ).join(' '),
    ).toMatch(/Thu|joi/);
    expect(
      quoted(
        'How far from a bus stop do I have to leave a rented e-scooter?',
        'en',
        'trotinete-electrice-reguli',
      ).join(' '),
    ).toMatch(/25 m/);
    expect(
      quoted(
        'Hány férőhely van az Oașului utcai ideiglenes szállást nyújtó központban?',
        'hu',
        'adapost-persoane-fara-adapost',
      ).join(' '),
    ).toMatch(/^Az Oașului utcai .* 60 férőhely/);
  });
});

describe('a sum of money asked', () => {
  it('is answered by a sentence stating an amount in a currency, not by a phone number or a date', () => {
    const text = quoted(
      'Mekkora bírságot kaphat, aki zajjal megzavarja a lakók nyugalmát?',
      'hu',
      'sesizare-zgomot-liniste-publica',
    ).join(' ');
    expect(text).toMatch(/200-tól 1\.000 lejig terjedő bírság/);
    expect(text).not.toMatch(/0264\/955/);
  });

  it('is also answered by a share of another sum or by nothing to pay', () => {
    expect(
      quoted(
        'Cât costă prelungirea certificatului de urbanism, raportat la taxa pe care am plătit-o inițial?',
        'ro',
        'prelungire-autorizatie-construire',
      ).join(' '),
    ).toMatch(/30%/);
  });
});

describe('ties, hours and figures of a kind', () => {
  it('breaks a tie between the items of one list by the question’s rarer title words, and quotes only that one', () => {
    const texts = quoted(
      'Ce amendă riscă vecinul care face petrecere cu muzică tare?',
      'ro',
      'sesizare-zgomot-liniste-publica',
    );
    expect(texts).toEqual([expect.stringMatching(/^petrecerile private .* 2\.000 la 3\.000 de lei/)]);
  });

  it('keeps a title word most sentences repeat out of the tie: it names the procedure', () => {
    expect(
      quoted('Cât timp e valabil cazierul judiciar după ce îl primesc?', 'ro', 'cazier-judiciar').join(' '),
    ).toMatch(/valabil 6 luni/);
  });

  it('does not read "luni" (months) as Monday for opening hours', () => {
    expect(
      quoted(
        'Hány órától hány óráig lehet bemenni a Oașului utcai szállásra?',
        'hu',
        'adapost-persoane-fara-adapost',
      ).join(' '),
    ).toMatch(/08:00 és 22:00/);
  });

  it('answers "how many hours in advance" with hours, not days nor opening hours', () => {
    const ranking = rankPassages(
      'How many hours in advance must I sign up to speak at the public budget debate?',
      'en',
      procedure('consultare-publica-proiecte-hotarari'),
      config,
    );
    expect(ranking.cues.map((cue) => cue.name)).not.toContain('hours');
    expect(ranking.answer[0]?.passage.text).toMatch(/4 hours in advance/);
  });

  it('keeps a word a case cue covers as a content word: a Romanian pension limit is not the free treatment', () => {
    expect(
      quoted(
        'Ce pensie maximă trebuia să aibă un pensionar ca să intre în programul stomatologic gratuit?',
        'ro',
        'program-stomatologic-gratuit',
      ).join(' '),
    ).toMatch(/1\.000 lei/);
  });

  it('keeps a bracket after a Hungarian house number in its sentence', () => {
    expect(sentences('Idősközpont: Calea Baciului 18. (70 férőhely). Másik mondat.')).toEqual([
      'Idősközpont: Calea Baciului 18. (70 férőhely).',
      'Másik mondat.',
    ]);
  });
});

// Issue #13, class 3: a yes/no question that states a quantity ("o mașină de 5 ani", "la 15 metri")
// asks for the file's threshold in that unit; `<figure>` inside a phrase says "a figure, then the unit".
describe('stated quantities', () => {
  it.each([
    ['ro', 'Dacă am o mașină de 5 ani, pierd dreptul la ajutorul de încălzire?', 'statedYears'],
    ['ro', 'Am lăsat trotineta la 15 metri de stația de autobuz; e voie?', 'statedDistance'],
    ['ro', 'Dacă dețin cam 20 mp dintr-un apartament, mai pot cere locuință socială?', 'statedArea'],
    ['ro', 'Am pensie de 3.500 de lei; am dreptul la abonament gratuit?', 'statedMoney'],
  ] as const)('[%s] %s → %s', (lang, question, cue) => {
    expect(findDetailCues(question, config, lang).map((found) => found.name)).toContain(cue);
  });

  it('needs the figure before the unit: "ani" or "metri" alone is no stated quantity', () => {
    const names = findDetailCues('Câți ani trebuie să am și la câți metri de stație?', config, 'ro').map(
      (found) => found.name,
    );
    expect(names).not.toContain('statedYears');
    expect(names).not.toContain('statedDistance');
  });

  it('quotes the threshold in the stated unit rather than the overview', () => {
    expect(
      quoted(
        'Dacă am o mașină de 5 ani, pierd dreptul la ajutorul de încălzire?',
        'ro',
        'ajutor-incalzire',
      ).join(' '),
    ).toContain('10 ani');
    expect(
      quoted(
        'Am lăsat trotineta la 15 metri de stația de autobuz; e voie?',
        'ro',
        'trotinete-electrice-reguli',
      ).join(' '),
    ).toContain('25 m');
  });
});

describe('prolonging an approval, the part of the year taxed, who issues an approval', () => {
  it.each([
    ['ro', 'Avizul se poate prelungi?', 'extension'],
    ['en', 'Can the approval be extended?', 'extension'],
    ['hu', 'Meghosszabbítható az engedély?', 'extension'],
    ['ro', 'Dacă am vândut mașina în iunie, mai plătesc pe tot anul?', 'taxYear'],
    ['en', 'From which month do I stop paying the car tax?', 'taxYear'],
    ['hu', 'Egész évre fizetem az adót?', 'taxYear'],
    ['ro', 'Cine dă avizul pentru un nuc?', 'issuer'],
    ['en', 'Who approves the terrace?', 'issuer'],
    ['hu', 'Ki engedélyezi a teraszt?', 'issuer'],
  ] as const)('finds the cue of a %s question: %s', (lang, question, cue) => {
    expect(findDetailCues(question, config, lang).map((found) => found.name)).toContain(cue);
  });

  it('quotes how often an approval can be prolonged, although "după 30 de zile" also reads as late', () => {
    expect(
      quoted(
        'Avizul pentru bannerul temporar se poate prelungi după 30 de zile?',
        'ro',
        'autorizatie-reclama',
      ).join(' '),
    ).toContain('o singură dată');
  });

  it('quotes from when the car tax stops after the car leaves', () => {
    expect(
      quoted(
        'Dacă am vândut mașina în iunie, mai plătesc impozitul auto pe tot anul?',
        'ro',
        'radiere-auto-fiscal',
      ).join(' '),
    ).toMatch(/integral|1 ianuarie a anului următor/);
  });

  it('names the institution that gives an approval', () => {
    expect(
      quoted('Cine dă avizul pentru tăierea unui nuc din curte?', 'ro', 'aviz-taiere-arbori').join(' '),
    ).toContain('Direcția pentru Agricultură');
  });

  it("does not let a list's lead-in, which holds more of the question's words, veto its items", () => {
    const ranking = rankPassages(
      'Pensionarii cu ce venit primesc abonament gratuit doar pe o singură linie de autobuz?',
      'ro',
      procedure('abonament-gratuit-transport-public'),
      config,
    );
    const top = ranking.ranked[0]!;
    expect(top.passage.text).toBe('Pe o singură linie:');
    expect(top.answersCue).toBe(false);
    expect(leadsInToList(top.passage)).toBe(true);
    expect(ranking.answer.map((scored) => scored.passage.text).join(' ')).toContain('4.500');
  });
});
