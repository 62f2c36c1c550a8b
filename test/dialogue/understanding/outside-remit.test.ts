import { describe, expect, it } from '@jest/globals';
import { ProcedureWordIndex } from '../../../src/dialogue/understanding/procedure-word-index.js';
import {
  loadRemitModel,
  outsideRequest,
  phraseIn,
  type RemitModel,
} from '../../../src/dialogue/understanding/outside-remit.js';
import { readTurnCues } from '../../../src/dialogue/understanding/turn-cues.js';
import type { Lang } from '../../../src/language.js';
import { knowledgeCatalog } from '../../support/knowledge-base.js';

/**
 * The remit model (knowledge-base/remit.yaml) on the real knowledge base: a follow-up about a body's own
 * business is outside the remit; one that mentions the body as part of the topic is not.
 */
const model = loadRemitModel();
const index = ProcedureWordIndex.of(knowledgeCatalog);
const bodyAfter = (topic: string, text: string, lang: Lang) =>
  outsideRequest({
    text,
    lang,
    asksDocuments: readTurnCues(text, lang).facets.includes('documents'),
    ownedBy: (word) => index.inText(topic, word, lang),
    model,
  })?.body;

describe('phraseIn', () => {
  it('matches words of five letters or more as prefixes, shorter ones whole', () => {
    expect(phraseIn(['furnizorul', 'de', 'gaz'], 'furnizor')).toEqual(['furnizorul']);
    expect(phraseIn(['hotararea', 'consiliului'], 'hot')).toEqual([]);
    expect(phraseIn(['later', 'today'], 'late')).toEqual([]);
    expect(phraseIn(['sectia', 'de', 'politie'], 'sectia de politie')).toEqual(['sectia', 'de', 'politie']);
    expect(phraseIn(['sectia', 'politie'], 'sectia de politie')).toEqual([]);
  });
});

describe('outsideRequest', () => {
  it.each<[string, string, Lang, string]>([
    ['impozit-cladiri', 'apropo, banca mi-a blocat contul ieri, ce fac?', 'ro', 'bank'],
    ['casatorie', 'până când se depune declarația unică la ANAF?', 'ro', 'national tax agency'],
    [
      'inregistrare-nastere',
      'my salary transfer from the bank has not arrived, who do I complain to?',
      'en',
      'bank',
    ],
    ['impozit-cladiri', 'a bank túl nagy kezelési díjat számolt fel a hitelemre', 'hu', 'bank'],
    [
      'amenzi-plata-contestare',
      'mi s-a furat bicicleta, fac plângere la poliție?',
      'ro',
      'national police and courts',
    ],
    ['ajutor-plata-chirie', 'proprietarul nu vrea să-mi dea înapoi garanția', 'ro', 'private parties'],
    [
      'taxa-salubrizare',
      'az internetszolgáltató nem akarja felbontani a szerződésemet',
      'hu',
      'utility supplier',
    ],
    [
      'certificat-atestare-fiscala',
      'cât ia notarul ca onorariu la un contract de vânzare?',
      'ro',
      'notaries',
    ],
  ])('after %s, "%s" is about a body outside the remit', (topic, text, lang, body) => {
    expect(bodyAfter(topic, text, lang)).toBe(body);
  });

  it.each<[string, string, Lang]>([
    // The body merely named: a place to pay, the one who asks for the paper, an alternative office.
    ['impozit-cladiri', 'pot plăti impozitul la bancă, prin virament?', 'ro'],
    ['certificat-atestare-fiscala', 'notarul îmi cere certificatul fiscal, de unde îl iau?', 'ro'],
    ['divort-administrativ', 'a közjegyzőnél is el lehet intézni?', 'hu'],
    // The body's paper asked for as a document of the procedure.
    ['taxa-salubrizare', 'do I need the electricity bill as proof that I live there?', 'en'],
    ['ajutor-incalzire', 'factura de gaz trebuie adusă la dosar?', 'ro'],
    ['alocatie-stat-copii', 'do I need a bank account statement for the payment?', 'en'],
    // "Poliția locală" is the city hall.
    ['amenzi-plata-contestare', 'poliția locală mi-a refuzat contestația, ce fac?', 'ro'],
  ])('after %s, "%s" stays the procedure\'s question', (topic, text, lang) => {
    expect(bodyAfter(topic, text, lang)).toBeUndefined();
  });

  it("leaves a message whose business words are all the topic's own", () => {
    const owned: RemitModel = model;
    const request = outsideRequest({
      text: 'banca mi-a blocat contul',
      lang: 'ro',
      asksDocuments: false,
      ownedBy: () => true,
      model: owned,
    });
    expect(request).toBeUndefined();
    const notOwned = outsideRequest({
      text: 'banca mi-a blocat contul',
      lang: 'ro',
      asksDocuments: false,
      ownedBy: () => false,
      model: owned,
    });
    expect(notOwned).toMatchObject({ body: 'bank', named: ['banca'], affairs: ['contul'] });
  });

  it("never reads a signature phrase as the topic's own, whatever holds its words", () => {
    const request = outsideRequest({
      text: 'am datorii la impozitul pe venit din chirii',
      lang: 'ro',
      asksDocuments: false,
      ownedBy: () => true,
      model,
    });
    expect(request?.body).toBe('national tax agency');
  });

  it("reads a grievance alone as a circumstance, the body's business as its own request", () => {
    const about = (text: string) =>
      outsideRequest({ text, lang: 'en', asksDocuments: false, ownedBy: () => false, model })?.body;
    expect(about('my landlord refuses to sign, what now?')).toBeUndefined();
    expect(about('my landlord refuses to give back the deposit')).toBe('private parties');
  });
});
