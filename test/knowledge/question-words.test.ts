import { describe, expect, it } from '@jest/globals';
import { questionWords } from '../../src/knowledge/retrieval/question-words.js';

const words = (question: string) => questionWords(question, 'en', 24).map((item) => item.word);

describe('question words', () => {
  it('reads a capitalised US as the country, not as the pronoun "us"', () => {
    expect(words('how do I get a US visa')).toEqual(['usa', 'visa']);
    expect(words('where do I apply for a U.S. visa')).toEqual(['usa', 'visa']);
    expect(words('I got divorced in the USA')).toEqual(['divorced', 'usa']);
  });

  it('keeps "us" written in lower case a stop word', () => {
    expect(words('can the city help us with the heating bill')).toEqual(['heating', 'bill']);
  });

  it('drops English prepositions, chat fillers and contractions that name no procedure', () => {
    expect(words("I wanna put up a garage behind my house lol, what's needed")).toEqual(['garage', 'house']);
    expect(words("we're gonna need it, aren't we? who do I talk to")).toEqual([]);
  });

  it('keeps the words that name a procedure, the ID card and an ill person included', () => {
    expect(words('my ID was stolen')).toEqual(['id', 'stolen']);
    expect(words('my mother is ill and lives alone')).toEqual(['mother', 'ill', 'lives', 'alone']);
    expect(words('tables outside on the sidewalk')).toEqual(['tables', 'outside', 'sidewalk']);
    expect(words('I bought a used car')).toEqual(['bought', 'used', 'car']);
    // "without a permit" is what an unauthorised building is.
    expect(words('a garage built without a permit')).toEqual(['garage', 'built', 'without', 'permit']);
  });
});

describe('Hungarian question words', () => {
  const hungarian = (question: string) => questionWords(question, 'hu', 24).map((item) => item.word);

  it('drops question words and verbs of coming and going, which name no procedure', () => {
    expect(hungarian('kinek kell bemennie?')).toEqual([]);
    expect(hungarian('hány napom van rá, és ki jöjjön velem az anyakönyvi hivatalba?')).toEqual([
      'anyakonyvi',
    ]);
  });

  // Issue #10: "a város" is what "the city" is, and a story's filler names nothing.
  it('drops the city and its local government, as "city" and "primărie" are, and a story\'s filler', () => {
    expect(hungarian('Kicsi a nyugdíjam, segít valamit a város?')).toEqual(['kicsi', 'nyugdijam', 'segit']);
    expect(hungarian('le kell jelenteni az önkormányzatnál?')).toEqual(['jelenteni']);
    expect(hungarian('valószínűleg mindig jön valahol egy hatalmas levél, benne volt')).toEqual([
      'jon',
      'level',
    ]);
    expect(words('do I need to register it somewhere or somehow')).toEqual(['register']);
  });
});
