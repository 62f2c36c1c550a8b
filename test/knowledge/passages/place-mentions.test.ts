import { describe, expect, it } from '@jest/globals';
import { placeNames, withoutPlaces } from '../../../src/knowledge/passages/place-mentions.js';
import { procedure } from '../../support/knowledge-base.js';

// Procedures whose files give addresses on Moților, Venus, Piața Unirii and Traian Vuia.
const names = placeNames(
  ['registratura-program', 'ajutor-social-vmi', 'certificat-atestare-fiscala', 'inmatriculare-vehicul'].map(
    (slug) => procedure(slug),
  ),
);

describe('place mentions', () => {
  it('reads the street names the files give addresses on', () => {
    const read = names.map((name) => name.join(' '));
    expect(read).toEqual(expect.arrayContaining(['motilor', 'venus', 'unirii', 'traian vuia']));
    expect(read).not.toContain('nr');
  });

  it.each([
    ['Pot depune cererea la sediul din str. Moților nr. 3?', 'pot depune cererea la din'],
    ['Can I hand it in at the main building on Moților 3?', 'can i hand it in at the main on'],
    ['A Traian Vuia utcai ablaknál fizethetek?', 'a ablaknal fizethetek'],
    ['Piața Unirii 1-nél kérhetem?', 'kerhetem'],
  ])('takes the street, its number and the building out of %s', (question, rest) => {
    expect(withoutPlaces(question, names)).toBe(rest);
  });

  it('leaves a question without a street alone, even when it says "building"', () => {
    expect(
      withoutPlaces('Cât costă autorizația de construire pentru o clădire nouă?', names),
    ).toBeUndefined();
  });
});
