import { describe, expect, it } from '@jest/globals';
import {
  MAX_SEQUENCE_NUMBER,
  MessageSeqSchema,
  RowIdQueryParamSchema,
  SequenceNumberSchema,
  SequenceQueryParamSchema,
  isStorableText,
  storableText,
} from '../../src/validation/boundary-values.js';

describe('storable text', () => {
  it.each([
    ['a NUL byte', 'CNP\u0000'],
    ['a lone high surrogate', 'abc\uD83D'],
    ['a lone low surrogate', '\uDE00abc'],
    ['two high surrogates', '\uD83D\uD83D'],
  ])('refuses %s', (_label, text) => {
    expect(isStorableText(text)).toBe(false);
    const result = storableText().safeParse(text);
    expect(result.success).toBe(false);
  });

  it('accepts Romanian and Hungarian letters, emoji (surrogate pairs) and line breaks', () => {
    for (const text of ['Bună ziua, ș ț ă î â', 'Őrült Ű ő', 'mulțumesc 👍', 'rând 1\nrând 2\t.']) {
      expect(storableText().parse(text)).toBe(text);
    }
  });

  it('keeps the rules chained after it and their messages', () => {
    const schema = storableText('must be text').trim().min(1).max(3);
    expect(schema.safeParse(7).error?.issues[0]?.message).toBe('must be text');
    expect(schema.safeParse('  ').error?.issues[0]?.code).toBe('too_small');
    expect(schema.safeParse('abcd').error?.issues[0]?.code).toBe('too_big');
    expect(schema.parse(' ab ')).toBe('ab');
  });
});

describe('sequence numbers', () => {
  it('fit a PostgreSQL integer', () => {
    expect(SequenceNumberSchema.parse(0)).toBe(0);
    expect(SequenceNumberSchema.parse(MAX_SEQUENCE_NUMBER)).toBe(MAX_SEQUENCE_NUMBER);
    for (const bad of [MAX_SEQUENCE_NUMBER + 1, 2 ** 53, 1e30, -1, 1.5, Number.NaN, '3', null]) {
      expect(SequenceNumberSchema.safeParse(bad).success).toBe(false);
    }
    expect(MessageSeqSchema.safeParse(0).success).toBe(false);
  });

  it('in a query string are plain digits', () => {
    expect(SequenceQueryParamSchema.parse('0')).toBe(0);
    expect(SequenceQueryParamSchema.parse('2147483647')).toBe(MAX_SEQUENCE_NUMBER);
    for (const bad of ['2147483648', '99999999999', '1e3', '0x10', ' 5', '', '-1', '1.0']) {
      expect(SequenceQueryParamSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('row ids in a query string', () => {
  it('are plain digits within a safe integer', () => {
    expect(RowIdQueryParamSchema.parse('812')).toBe(812);
    expect(RowIdQueryParamSchema.parse('999999999999999')).toBe(999_999_999_999_999);
    for (const bad of ['0', '1e30', '1000000000000000', '0x10', ' 5', '', '-1', '1.5']) {
      expect(RowIdQueryParamSchema.safeParse(bad).success).toBe(false);
    }
  });
});
