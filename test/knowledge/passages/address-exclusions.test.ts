import { describe, expect, it } from '@jest/globals';
import { addressAgreement, addressMentions } from '../../../src/knowledge/passages/address-agreement.js';
import { findDetailCues, gappedSpan } from '../../../src/knowledge/passages/detail-cues.js';
import { excludedWords } from '../../../src/knowledge/passages/exclusions.js';
import { passageConfig } from '../../../src/knowledge/passages/passage-config.js';
import { rankPassages } from '../../../src/knowledge/passages/rank-passages.js';
import type { Lang } from '../../../src/language.js';
import { procedure } from '../../support/knowledge-base.js';

const config = passageConfig();
const quoted = (question: string, lang: Lang, slug: string) =>
  rankPassages(question, lang, procedure(slug), config).answer.map((scored) => scored.passage.text);
const streets = [['motilor'], ['piata', 'unirii']];

describe('address mentions', () => {
  it('reads a street and its number however it is written', () => {
    const numbers = (text: string) =>
      addressMentions(text, streets).map((m) => `${m.street.join(' ')} ${m.number}`);
    expect(numbers('la registratura de pe Moților 7?')).toEqual(['motilor 7']);
    expect(numbers('str. Moților nr. 3, camerele 49–50')).toEqual(['motilor 3']);
    expect(numbers('az iktató a Moților utca 7. alatt')).toEqual(['motilor 7']);
    expect(numbers('Piața Unirii nr. 1-2')).toEqual(['piata unirii 1']);
    expect(numbers('pe strada Moților')).toEqual([]);
  });

  it('tells the same building from another number of the street', () => {
    const asked = addressMentions('Moților 7', streets);
    const at = (text: string) => addressMentions(text, streets);
    expect(addressAgreement(asked, at('str. Moților nr. 7'), [])).toBe('same');
    expect(addressAgreement(asked, at('str. Moților nr. 3'), [])).toBe('other');
    expect(addressAgreement(asked, [], at('str. Moților nr. 7'))).toBe('same');
    // A sentence that states its own address is not moved to its office's.
    expect(addressAgreement(asked, at('str. Moților nr. 3'), at('str. Moților nr. 7'))).toBe('other');
    expect(addressAgreement(asked, at('Piața Unirii nr. 1'), [])).toBe('none');
  });
});

describe('excluded words', () => {
  it('reads what "fără", "without" and "nélkül" leave out, within the clause', () => {
    expect([...excludedWords('Putem divorța fără instanță?')]).toEqual(['instanta']);
    expect(excludedWords('Can we divorce without going to court? How long?').has('court')).toBe(true);
    expect(excludedWords('Can we divorce without going to court? How long?').has('long')).toBe(false);
    expect([...excludedWords('Bíróság nélkül lehet elválni?')]).toEqual(['birosag']);
  });

  it('does not read "nu" or "nem" as excluding: they state the case asked', () => {
    expect(excludedWords('dacă nu plătesc la timp').size).toBe(0);
    expect(excludedWords('ha nincs szerződésem').size).toBe(0);
  });
});

describe('gapped cue phrases', () => {
  it('finds a phrase said around the words it is about, and only the phrase words are the cue', () => {
    const words = ['daca', 'nu', 'platesc', 'impozitul', 'pe', 'casa', 'la', 'timp'];
    expect(gappedSpan(words, 1, ['nu', 'platesc', '*', 'la', 'timp'])).toEqual([1, 2, 6, 7]);
    expect(gappedSpan(words, 0, ['nu', 'platesc', '*', 'la', 'timp'])).toBeUndefined();
    const late = findDetailCues('Dacă nu plătesc impozitul pe casă la timp, ce se întâmplă?', config);
    expect(late.map((cue) => cue.name)).toContain('late');
    // Paying in time is the discount's condition, not a late payment.
    const names = findDetailCues('Dacă plătesc impozitul la timp am bonificație?', config).map(
      (cue) => cue.name,
    );
    expect(names).not.toContain('late');
    expect(names).toContain('discount');
  });
});

describe('rankPassages with places, exclusions and sub-topics', () => {
  it('quotes the hours of the office at the address named, not a neighbour on the same street', () => {
    const ro = quoted(
      'Joia până la ce oră pot depune acte la registratura de pe Moților 7?',
      'ro',
      'registratura-program',
    );
    expect(ro[0]).toContain('18:30');
    expect(ro.join(' ')).not.toContain('Direcția Evenimente Publice');
    const hu = quoted(
      'Csütörtökön meddig van nyitva az iktató a Moților utca 7. alatt?',
      'hu',
      'registratura-program',
    );
    expect(hu[0]).toContain('18:30');
    expect(hu.join(' ')).not.toContain('Moților utca 3.');
  });

  it('quotes no hours when the question names an office the file only lists, without its hours', () => {
    // "utca" is no content word (every address holds one), and the sentence naming DASM, which holds more
    // of the question than any opening-hours line, says the question is not about the registry.
    expect(
      quoted(
        'Csütörtökön meddig van nyitva a DASM ügyfélszolgálata a Venus utcában?',
        'hu',
        'registratura-program',
      ),
    ).toEqual([]);
  });

  it('answers "meddig van nyitva?" with opening hours, not with a sentence about days', () => {
    expect(quoted('Meddig van nyitva az iktató csütörtökön?', 'hu', 'registratura-program')[0]).toContain(
      '18:30',
    );
  });

  it('answers a question about the early-payment discount with the discount, not the surcharge', () => {
    const answer = quoted(
      'Is there any discount if I pay all my property tax early in the year?',
      'en',
      'plata-impozite-online',
    );
    expect(answer[0]).toContain('10%');
    expect(answer.join(' ')).not.toContain('surcharge');
  });

  it('answers a payment not made in time with the surcharge', () => {
    const answer = quoted(
      'Dacă nu plătesc impozitul pe casă la timp, cât mă costă în plus pe lună?',
      'ro',
      'plata-impozite-online',
    );
    expect(answer[0]).toContain('1%');
    expect(answer.join(' ')).not.toContain('bonificație');
  });

  it('ranks a sentence holding a word the question excludes below one that does not', () => {
    const ranking = rankPassages(
      'Putem divorța fără instanță? Ce condiții sunt?',
      'ro',
      procedure('divort-administrativ'),
      config,
    );
    const court = ranking.ranked.find((scored) => scored.passage.text.includes('sau instanța'));
    expect(court?.score ?? 0).toBeLessThanOrEqual(0);
  });
});
