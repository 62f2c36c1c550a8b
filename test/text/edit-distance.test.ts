import { withinOneEdit } from '../../src/text/edit-distance.js';

describe('withinOneEdit', () => {
  it.each([
    ['operator', 'operator', true],
    ['operator', 'operatr', true],
    ['operator', 'operatori', true],
    ['operator', 'operatoor', true],
    ['operator', 'oprator', true],
    ['operator', 'opxrator', true],
    ['operator', 'operation', false],
    ['operator', 'opeartor', false],
    ['abc', 'cba', false],
    ['', 'a', true],
  ])('%s ~ %s without swaps: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it.each([
    ['operator', 'opeartor', true],
    ['operator', 'poerator', true],
    ['operator', 'operatro', true],
    ['operator', 'oeprartor', false],
    ['abc', 'cba', false],
  ])('%s ~ %s with swaps: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b, { swaps: true })).toBe(expected);
  });
});
