import { describe, expect, it } from '@jest/globals';
import { questionWords } from '../../src/knowledge/retrieval/question-words.js';
import {
  askedStems,
  coverageOfNames,
  titleCoverage,
  titleNames,
  titleNameStems,
} from '../../src/knowledge/retrieval/title-coverage.js';

const words = (question: string) => questionWords(question, 'ro', 24);

describe('title coverage', () => {
  it('takes the head of a title as its name and each parenthesis as an alias', () => {
    expect(titleNames('Carte de identitate (buletin): prima dată, expirare')).toEqual([
      'Carte de identitate',
      'buletin',
    ]);
    expect(titleNames('Înmatricularea mașinii (numere, talon) – la Prefectură')).toEqual([
      'Înmatricularea mașinii',
      'numere, talon',
    ]);
    expect(titleNames('Certificat de urbanism')).toEqual(['Certificat de urbanism']);
  });

  it('prefers the procedure whose whole name the question covers over one with an extra word', () => {
    const question = words('unde îmi fac prima carte de identitate la 14 ani');
    const plain = titleCoverage(question, {
      ro: 'Carte de identitate (buletin): prima dată, expirare, pierdere',
    });
    const provisional = titleCoverage(question, {
      ro: 'Carte de identitate provizorie (buletin provizoriu)',
    });
    expect(plain).toBe(1);
    expect(provisional).toBeCloseTo(2 / 3);
  });

  it('counts an alias and a title in another language', () => {
    expect(titleCoverage(words('mi-a expirat buletinul'), { ro: 'Carte de identitate (buletin)' })).toBe(1);
    const hungarian = questionWords('hol kérhetek személyazonossági igazolványt', 'hu', 24);
    expect(
      titleCoverage(hungarian, {
        ro: 'Carte de identitate',
        hu: 'Személyazonossági igazolvány: első igénylés',
      }),
    ).toBe(1);
  });

  it('is 0 when the question names nothing of the title', () => {
    expect(titleCoverage(words('vreau să-mi fac pașaport'), { ro: 'Certificat de urbanism' })).toBe(0);
  });

  it('gives the same coverage from the question stems gathered once for several procedures', () => {
    const question = words('unde îmi fac prima carte de identitate provizorie la 14 ani');
    const asked = askedStems(question);
    for (const title of [
      'Carte de identitate (buletin): prima dată, expirare, pierdere',
      'Carte de identitate provizorie (buletin provizoriu)',
      'Certificat de urbanism',
    ]) {
      expect(coverageOfNames(asked, titleNameStems({ ro: title }))).toBe(
        titleCoverage(question, { ro: title }),
      );
    }
    expect(coverageOfNames(asked, titleNameStems({ ro: 'Carte de identitate provizorie' }))).toBe(1);
  });
});
