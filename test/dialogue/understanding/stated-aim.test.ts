import { describe, expect, it } from '@jest/globals';
import { loadConversationModel } from '../../../src/dialogue/understanding/conversation-model.js';
import { ProcedureWordIndex } from '../../../src/dialogue/understanding/procedure-word-index.js';
import { actWords, impliedActs, statedAim } from '../../../src/dialogue/understanding/stated-aim.js';
import { readTurnCues } from '../../../src/dialogue/understanding/turn-cues.js';
import type { Lang } from '../../../src/language.js';
import { knowledgeCatalog } from '../../support/knowledge-base.js';

/**
 * "Aim over object" on the real knowledge base: a follow-up that asks for a different act about the
 * topic's object (a refund of the fine, an extension of the certificate) points to the procedure whose
 * title states the act; a follow-up whose act the topic already is, or whose act word is a facet of
 * every procedure ("online"), or that speaks of something the topic is not about, points nowhere new.
 */
const index = ProcedureWordIndex.of(knowledgeCatalog);
const { aim } = loadConversationModel();
const aimAfter = (topic: string, text: string, lang: Lang) =>
  statedAim({
    text,
    content: readTurnCues(text).content,
    lang,
    acts: aim.acts,
    index,
    reference: topic,
    lead: aim.lead,
    minWeight: aim.minWeight,
    minKinship: aim.minKinship,
    implied: aim.implied,
  })?.slug;

// [topic in focus, follow-up, language, the procedure whose title states the act]
const SWITCHES: Array<[string, string, Lang, string]> = [
  [
    'amenzi-plata-contestare',
    'I paid the fine and then paid it again by accident, how do I get a refund?',
    'en',
    'restituire-compensare-plati',
  ],
  ['certificat-urbanism', 'expiră curând, îl pot prelungi?', 'ro', 'prelungire-autorizatie-construire'],
  ['carte-identitate', 'kaphatok addig egy ideiglenes személyit?', 'hu', 'carte-identitate-provizorie'],
  ['impozit-cladiri', 'my husband is disabled, are we exempt from it?', 'en', 'scutiri-facilitati-fiscale'],
  ['autorizatie-construire', 'ha lejár, meg tudom hosszabbítani?', 'hu', 'prelungire-autorizatie-construire'],
];
// Acts stated without their word (`aim.implied`): money back, speaking to the mayor, a circumstance that
// may earn relief beside a question whether to pay.
const IMPLIED_SWITCHES: Array<[string, string, Lang, string]> = [
  [
    'amenzi-plata-contestare',
    'I paid it twice by mistake, how do I get my money back?',
    'en',
    'restituire-compensare-plati',
  ],
  ['impozit-teren', 'am plătit de două ori, cum îmi recuperez banii?', 'ro', 'restituire-compensare-plati'],
  ['sesizare-probleme-oras-mycluj', 'nothing happened, can I talk to the mayor about it?', 'en', 'audienta'],
  ['sesizare-zgomot-liniste-publica', 'szeretnék beszélni a polgármesterrel', 'hu', 'audienta'],
  ['impozit-cladiri', 'sunt pensionar cu handicap, trebuie să plătesc?', 'ro', 'scutiri-facilitati-fiscale'],
  ['inregistrare-auto-fiscal', "it's an electric car, can I pay less?", 'en', 'scutiri-facilitati-fiscale'],
];
// Relief asked about an object the tax exemptions are not about: the topic's own fee.
const IMPLIED_STAYS: Array<[string, string, Lang]> = [
  ['carte-identitate', "I'm retired, do I still have to pay the fee?", 'en'],
  ['viza-resedinta', "I'm a student, do I have to pay anything for it?", 'en'],
  ['casatorie', 'suntem studenți, trebuie să plătim taxa?', 'ro'],
];

// [topic in focus, follow-up, language]: the topic is the act already, the act word is a facet of every
// procedure, or the procedure it would name speaks of nothing the topic is about.
const STAYS: Array<[string, string, Lang]> = [
  ['amenzi-plata-contestare', 'how do I contest it?', 'en'],
  ['amenzi-plata-contestare', 'can I pay it online?', 'en'],
  ['inregistrare-deces', 'how many days do we have to report it?', 'en'],
  ['autorizatie-terasa', 'do I need to renew it every year?', 'en'],
  ['viza-resedinta', 'se poate face online?', 'ro'],
];

describe('statedAim', () => {
  it.each(SWITCHES)('after %s, "%s" (%s) states the aim of %s', (topic, text, lang, meant) => {
    expect(aimAfter(topic, text, lang)).toBe(meant);
  });

  it.each(STAYS)('after %s, "%s" (%s) states no new aim', (topic, text, lang) => {
    expect(aimAfter(topic, text, lang)).toBeUndefined();
  });

  it.each(IMPLIED_SWITCHES)('after %s, "%s" (%s) implies the aim of %s', (topic, text, lang, meant) => {
    expect(aimAfter(topic, text, lang)).toBe(meant);
  });

  it.each(IMPLIED_STAYS)('after %s, "%s" (%s) asks the topic\'s own fee', (topic, text, lang) => {
    expect(aimAfter(topic, text, lang)).toBeUndefined();
  });

  it('reads an act implied only when every word group is met', () => {
    expect(impliedActs('how do I get my money back?', 'en', aim.implied)).toEqual(['refund']);
    expect(impliedActs('how much money do I need?', 'en', aim.implied)).toEqual([]);
    expect(impliedActs('vreau să vorbesc cu primarul', 'ro', aim.implied)).toEqual(['audiență']);
    expect(impliedActs('vreau să vorbesc cu un funcționar', 'ro', aim.implied)).toEqual([]);
  });

  it('finds act words in their inflected forms, in every language', () => {
    expect(actWords('am cerut restituirea sumei', 'ro', aim.acts)).toContain('restituirea');
    expect(actWords('szeretném meghosszabbítani', 'hu', aim.acts)).toContain('meghosszabbitani');
    expect(actWords('how much is it?', 'en', aim.acts)).toEqual([]);
  });
});
