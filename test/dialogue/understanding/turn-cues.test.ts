import { describe, expect, it } from '@jest/globals';
import { namedSibling } from '../../../src/dialogue/understanding/named-sibling.js';
import { ProcedureWordIndex } from '../../../src/dialogue/understanding/procedure-word-index.js';
import { loadConversationModel } from '../../../src/dialogue/understanding/conversation-model.js';
import { isPersonWord, phraseOf, readTurnCues } from '../../../src/dialogue/understanding/turn-cues.js';
import type { Lang } from '../../../src/language.js';
import { knowledgeCatalog } from '../../support/knowledge-base.js';

/**
 * People are matched as a stem and its inflections (issue #10): every kin, household and home-party
 * word in ro/en/hu is a case, in any inflected form, while words that merely start like a stem are not.
 * Units, periods and quantities are no content words. A contrast naming a sibling procedure switches.
 */
describe('person words', () => {
  it.each([
    'soacrei',
    'soțului',
    'nepoatei',
    'cumnatul',
    'nașii',
    'socrul',
    'concubinul',
    'chiriașul',
    'fratelui',
    'copiilor',
    'ginerele',
    'vecinul',
    'anyósomnak',
    'feleségemnek',
    'feleségemmel',
    'fiamnak',
    'unokámnak',
    'szüleimnek',
    'sógorom',
    'mostohafiam',
    'élettársamnak',
    'albérlőmnek',
    'keresztapa',
    'testvéremnek',
    'stepson',
    'godparents',
    'grandchildren',
    'girlfriend',
    'tenant',
    'neighbours',
    'landlady',
    'wives',
  ])('%s is a person', (word) => {
    expect(readTurnCues(word)).toMatchObject({ caseCue: true, content: [] });
  });

  it.each([
    'nașterea',
    'anyag',
    'anyakönyvi',
    'fiatalként',
    'született',
    'születési',
    'mennyi',
    'bérlet',
    'finanțare',
    'fiók',
    'apartament',
    'normă',
    'parental',
    'szolgáltatás',
    'gyermekpótlék',
  ])('%s is not a person', (word) => {
    expect(isPersonWord(readTurnCues(word).content[0] ?? word)).toBe(false);
    expect(readTurnCues(word).caseCue).toBe(false);
  });

  // A bare stem of another language is another word: "sör" (beer) is no "sor-" of "sora", Romanian
  // "apă" (water) no Hungarian "apa" (father); inflected, the other language's forms still count.
  it.each([
    ['mennyi egy sör a kocsmában?', 'hu', ['sor', 'kocsmaban']],
    ['cât e factura de apă pe lună?', 'ro', ['factura', 'apa']],
  ] as Array<[string, Lang, string[]]>)('"%s" names no person in its language', (text, lang, content) => {
    expect(readTurnCues(text, lang)).toMatchObject({ caseCue: false, content });
  });

  it.each([
    ['és a sora is?', 'hu'],
    ['și pentru apámnak?', 'ro'],
    ['and for my sister?', 'en'],
  ] as Array<[string, Lang]>)('"%s" still names a person', (text, lang) => {
    expect(readTurnCues(text, lang).caseCue).toBe(true);
  });

  it('reads an in-law as a person, "law" included', () => {
    expect(readTurnCues("it is in my mother-in-law's name").content).toEqual(['name']);
  });
});

describe('units, periods and quantities', () => {
  it.each([
    'is the fee per square meter?',
    'cât e pe metru pătrat?',
    'per month or per year?',
    'se plătește pe lună sau pe an?',
    'személyenként havonta vagy évente?',
    'négyzetméterenként?',
  ])('"%s" has no content word', (text) => {
    expect(readTurnCues(text).content).toEqual([]);
  });
});

describe('a contrast naming a sibling procedure', () => {
  const index = ProcedureWordIndex.of(knowledgeCatalog);
  const sibling = (text: string, topic: string, lang: Lang) =>
    namedSibling({
      cues: readTurnCues(text),
      lang,
      topic,
      index,
      areaOf: (slug) => knowledgeCatalog.procedure(slug)?.area,
      minIdf: 2.5,
      lead: 1.5,
    })?.slug;

  it('switches to the care home after home care', () => {
    expect(sibling('és ha idősotthonba menne?', 'ingrijire-domiciliu-varstnici', 'hu')).toBe(
      'centru-rezidential-varstnici',
    );
    expect(sibling('és a telekadó?', 'impozit-cladiri', 'hu')).toBe('impozit-teren');
  });

  it('stays for a person, a common word or a stranger to the topic', () => {
    expect(sibling('and for my daughter?', 'ingrijire-domiciliu-varstnici', 'en')).toBeUndefined();
    expect(sibling('și dacă e pe numele soacrei mele?', 'impozit-cladiri', 'ro')).toBeUndefined();
    expect(sibling('și cât costă un botez la biserică?', 'inregistrare-nastere', 'ro')).toBeUndefined();
    expect(sibling('az anyósomnak is?', 'carte-identitate', 'hu')).toBeUndefined();
  });
});

/**
 * Corrections (issue #10): a bare "nu," / "no," / "nem," or a "hanem" that denies only a person is a
 * case, not a correction; the part a correction takes back is no evidence for the meant procedure.
 */
describe('corrections', () => {
  it("reads the correction phrases it is given: a knowledge base's own conversation.yaml, not the project's", () => {
    const text = 'mai bine zis certificatul de urbanism';
    expect(readTurnCues(text, 'ro').correction).toBe(false);
    const own = { ro: ['mai bine zis'], en: [], hu: [] };
    const cues = readTurnCues(text, 'ro', own);
    expect(cues.correction).toBe(true);
    // The phrase's words say how, not what: they are not content words of the correction.
    expect(cues.content).not.toContain('bine');
  });

  it.each([
    'nu, pentru mama, ea are certificatul de handicap',
    'no, for my mum, I would look after her',
    'nem nekem, hanem az anyukámnak, egyedül él',
    'nu pentru mine, pentru fiica mea',
  ])('"%s" is a case of the same topic', (text) => {
    const cues = readTurnCues(text);
    expect(cues.correction).toBe(false);
    expect(cues.caseCue).toBe(true);
  });

  it.each([
    [
      'nem, bocs, összekevertem: nem az állandót, hanem az ideiglenes személyit',
      ['allandot'],
      ['ideiglenes'],
    ],
    ['not the certificate but a refund, I paid twice', ['certificate'], ['refund']],
    ['not the terrace, the operating licence for the shop', ['terrace'], ['licence']],
    ['nu certificatul, ci autorizația de construire', ['certificatul'], ['autorizatia']],
    ['no wait, I meant paying for parking by text, not the fine', ['fine'], ['parking']],
  ])('"%s" takes back its negated part', (text, rejected, meant) => {
    const cues = readTurnCues(text);
    expect(cues.correction).toBe(true);
    expect(cues.rejected).toEqual(rejected);
    for (const word of rejected) expect(cues.content).not.toContain(word);
    for (const word of meant) expect(cues.content).toContain(word);
    for (const word of ['bocs', 'hanem', 'ci', 'wait']) expect(cues.content).not.toContain(word);
  });

  it('keeps a correction that names a topic after a bare "nu,"', () => {
    expect(readTurnCues('nu, pentru terenul de lângă casă').correction).toBe(true);
    expect(readTurnCues('nu, stati, ma refeream la buletinul provizoriu').correction).toBe(true);
  });
});

describe('concessive phrases', () => {
  const phrases = loadConversationModel().continuation.concessive;

  it.each([
    ['n-am adresă de Cluj în buletin, mai pot depune totuși?', 'totusi'],
    ['I rent, I am not the owner, can I still get it?', 'still'],
    ['can I apply even if I live with my parents?', 'even if'],
    ['albérletben lakom, így is kaphatok?', 'igy is'],
    ['akkor is jár, ha nincs szerződésem?', 'akkor is'],
  ])('names the concession of "%s"', (text, phrase) => {
    expect(phraseOf(text, phrases)).toBe(phrase);
  });

  it.each([
    'anyway, how do I get a passport?',
    'cât costă?',
    'és szombaton nyitva vannak?',
    // "is" alone is no concession; only the phrase "így is" is.
    'is it open on Saturday?',
    // A word that merely contains a phrase ("stillborn", "totusiul") is not it.
    'stillborn baby registration',
  ])('finds none in "%s"', (text) => {
    expect(phraseOf(text, phrases)).toBeUndefined();
  });

  it('reads the phrases it is given, not a fixed list', () => {
    expect(phraseOf('pot depune oricum?', { ro: ['oricum'], en: [], hu: [] })).toBe('oricum');
    expect(phraseOf('pot depune totuși?', { ro: [], en: [], hu: [] })).toBeUndefined();
  });
});

describe('requirement phrases', () => {
  const phrases = loadConversationModel().requirement.phrases;

  it.each([
    ["do I need the car's registration certificate too?", 'do i need'],
    ['a születési anyakönyvi kivonat is kell?', 'is kell'],
    ['e nevoie și de certificatul de naștere?', 'e nevoie si de'],
    ['kell-e hozzá erkölcsi bizonyítvány?', 'kell e'],
  ])('names the requirement asked in "%s"', (text, phrase) => {
    expect(phraseOf(text, phrases)).toBe(phrase);
  });

  it.each([
    // An act asked about, not a requirement: "how do I get…", "cum îl fac?".
    'și buletinul nou cum îl fac?',
    'and how do I extend the building permit?',
    'hogyan csináltatok új személyit?',
    // "kellemes" merely contains "kell"; "is" alone is not the phrase.
    'kellemes napot, is it open?',
  ])('finds none in "%s"', (text) => {
    expect(phraseOf(text, phrases)).toBeUndefined();
  });
});
