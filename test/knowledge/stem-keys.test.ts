import { describe, expect, it } from '@jest/globals';
import type { Lang } from '../../src/language.js';
import { stemKeys } from '../../src/knowledge/words/light-stemmer.js';
import { hungarianStem } from '../../src/knowledge/words/snowball-stem.js';

/** Two words are grouped when they share a stem key (the vocabulary lookup in resolve-terms.ts). */
function grouped(question: string, indexed: string, lang: Lang): boolean {
  const keys = new Set(stemKeys(indexed, [lang]));
  return stemKeys(question, [lang]).some((key) => keys.has(key));
}

describe('stem keys', () => {
  // Inflected forms a citizen writes → the form the knowledge base uses.
  it.each([
    ['személyimet', 'személyi'],
    ['személyigazolványomat', 'személyigazolvány'],
    ['személyigazolványomhoz', 'személyigazolvány'],
    ['lakcímkártyát', 'lakcímkártya'],
    ['igazolásomat', 'igazolás'],
    ['kivonatot', 'kivonat'],
    ['anyakönyvit', 'anyakönyvi'],
    ['engedélyhez', 'engedély'],
    ['engedélyeket', 'engedély'],
    ['bérletet', 'bérlet'],
    ['gépjárművemet', 'gépjárművet'],
    ['útlevelemet', 'útlevél'],
    ['feleségemnek', 'feleség'],
    ['házasságkötéshez', 'házasságkötés'],
    ['lakásomat', 'lakás'],
    // A bare word Snowball over-strips ("lakcím" → "lakci") still meets its inflected forms.
    ['lakcímemet', 'lakcím'],
    ['szomszédomat', 'szomszéd'],
    ['üzletet', 'üzlet'],
    ['kutyámat', 'kutya'],
    ['édesanyámnak', 'édesanya'],
  ])('hu: "%s" finds "%s"', (question, indexed) => {
    expect(grouped(question, indexed, 'hu')).toBe(true);
  });

  it.each([
    ['szemelyimet', 'személyi'],
    ['lakcimkartyat', 'lakcímkártya'],
    ['szemelyigazolvanyomat', 'személyigazolvány'],
    ['engedelyhez', 'engedély'],
    ['adohivatalnal', 'adóhivatal'],
    ['automra', 'autó'],
  ])('hu without accents: "%s" finds "%s"', (question, indexed) => {
    expect(grouped(question, indexed, 'hu')).toBe(true);
  });

  it.each([
    ['adó', 'adat'],
    ['lakás', 'lakcímkártya'],
    ['születési', 'személyi'],
    ['engedély', 'építési'],
  ])('hu: "%s" and "%s" stay apart', (a, b) => {
    expect(grouped(a, b, 'hu')).toBe(false);
  });

  it.each([
    ['moved', 'move'],
    ['moving', 'move'],
    ['towed', 'tow'],
    ['fined', 'fine'],
    ['disabled', 'disability'],
    ['renting', 'rent'],
    ['registered', 'register'],
  ])('en: "%s" finds "%s"', (question, indexed) => {
    expect(grouped(question, indexed, 'en')).toBe(true);
  });

  it.each([
    ['fine', 'final'],
    ['permit', 'parking'],
    ['death', 'died'],
  ])('en: "%s" and "%s" stay apart (irregular families are the keywords\' job)', (a, b) => {
    expect(grouped(a, b, 'en')).toBe(false);
  });

  it('takes the Snowball stem on the written form, then folds it', () => {
    // Unaccented, "-at" is not an ending Snowball removes from this word; "-át" is.
    expect(hungarianStem('lakcímkártyát')).toBe('lakcimkarty');
    expect(stemKeys('lakcímkártyát', ['hu'])).toContain('hs:lakcimkarty');
  });

  it('keys Romanian and English words as before, accents or not', () => {
    expect(stemKeys('autorizației', ['ro'])).toEqual(stemKeys('autorizatiei', ['ro']));
    expect(grouped('autorizatiei', 'autorizație', 'ro')).toBe(true);
    expect(grouped('permits', 'permit', 'en')).toBe(true);
    expect(stemKeys('autorizatie', ['ro']).every((key) => key.startsWith('ro:'))).toBe(true);
  });

  // Hungarian verbs as citizens ask ("can I extend…") meet the nouns the base names the act with.
  it.each([
    ['meghosszabbíthatom', 'meghosszabbítás'],
    ['hosszabbíthatom', 'meghosszabbítása'],
    ['befizethetem', 'befizetés'],
    ['fizethetem', 'befizetés'],
    ['bejelenthetem', 'bejelentés'],
  ])('groups the verb %s with the noun %s', (question, indexed) => {
    expect(grouped(question, indexed, 'hu')).toBe(true);
  });

  // A story tells the event in the past tense; the base names it with the noun (issue #10).
  it.each([
    ['megszületett', 'születés'],
    ['költöztünk', 'költözés'],
    ['elköltöztem', 'elköltözés'],
    ['elszállították', 'elszállítás'],
    ['engedélyezett', 'engedélyezés'],
  ])('groups the past-tense verb %s with the noun %s', (question, indexed) => {
    expect(grouped(question, indexed, 'hu')).toBe(true);
  });

  it.each([
    ['kiállítják', 'kiállítás'],
    ['kiállíttatom', 'kiállítás'],
    ['meghosszabbíttatni', 'meghosszabbítás'],
  ])('groups the definite or causative verb %s with the noun %s', (question, indexed) => {
    expect(grouped(question, indexed, 'hu')).toBe(true);
  });

  it('keeps the key a causative verb had before, next to its plain root', () => {
    expect(grouped('szolgáltatni', 'szolgáltatás', 'hu')).toBe(true);
    expect(stemKeys('meghosszabbittatni', ['hu'])).toEqual(
      expect.arrayContaining(['hv:hosszabbittat', 'hv:hosszabbit']),
    );
  });

  it('takes no prefix or ending off a short root, which would meet unrelated words by chance', () => {
    expect(grouped('átírják', 'írás', 'hu')).toBe(false);
    expect(stemKeys('visszakapjam', ['hu'])).not.toContain('hv:visszakap');
    expect(grouped('kérhetem', 'kerék', 'hu')).toBe(false);
    expect(grouped('lehet', 'hetes', 'hu')).toBe(false);
  });
});

describe('stem keys, remembered per word and languages', () => {
  it('gives each call its own array: a caller changing it changes no later answer', () => {
    const first = stemKeys('autorizatiile', ['ro']);
    const expected = [...first];
    first.push('changed');
    first.length = 1;
    expect(stemKeys('autorizatiile', ['ro'])).toEqual(expected);
  });

  it('keeps the keys of one word in different languages apart', () => {
    const hungarian = stemKeys('lakcímemet', ['hu']);
    const english = stemKeys('lakcímemet', ['en']);
    const both = stemKeys('lakcímemet', ['hu', 'en']);
    expect(hungarian.some((key) => key.startsWith('hs:'))).toBe(true);
    expect(english.some((key) => key.startsWith('hs:'))).toBe(false);
    expect(english.some((key) => key.startsWith('es:'))).toBe(true);
    expect(both).toEqual([...new Set([...hungarian, ...english])]);
    // Asked again, in another order of calls: the same keys.
    expect(stemKeys('lakcímemet', ['en'])).toEqual(english);
    expect(stemKeys('lakcímemet', ['hu'])).toEqual(hungarian);
  });
});
