import { describe, expect, it } from '@jest/globals';
import { optionFromNames, parseChoice } from '../../src/dialogue/parse-choice.js';

const options = [
  optionFromNames('Certificat de urbanism', 'Urban planning certificate', 'Településrendezési bizonyítvány'),
  optionFromNames('Certificat de atestare fiscală', 'Tax clearance certificate', 'Adóigazolás'),
  optionFromNames('Certificat de nomenclatură stradală', 'Street address certificate', 'Utcanév-igazolás'),
];

describe('parseChoice', () => {
  it.each([
    ['primul', 0],
    ['1', 0],
    ['al doilea', 1],
    ['a doua', 1],
    ['2', 1],
    ['the second one', 1],
    ['the third', 2],
    ['a harmadik', 2],
    ['az első', 0],
    ['ultimul', 2],
    ['last', 2],
  ])('reads the ordinal "%s" as option %i', (text, index) => {
    expect(parseChoice(text, options)).toBe(index);
  });

  it('reads a word that names exactly one option', () => {
    expect(parseChoice('urbanism', options)).toBe(0);
    expect(parseChoice('cel fiscal', options)).toBe(1);
    expect(parseChoice('street address', options)).toBe(2);
  });

  it('is not fooled by a word every option shares, or by a new question', () => {
    expect(parseChoice('certificat', options)).toBeUndefined();
    expect(parseChoice('de fapt vreau să-mi fac pașaportul', options)).toBeUndefined();
    expect(parseChoice('4', options)).toBeUndefined();
  });
});
