import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { loggerOptions } from '../src/logging/logger-options.js';
import { redactPersonalData } from '../src/logging/redact-personal-data.js';

describe('redactPersonalData', () => {
  it.each([
    ['CNP-ul meu este 1960101123456', 'CNP-ul meu este [cnp]'],
    ['scrieți-mi la ion.popescu@example.ro vă rog', 'scrieți-mi la [email] vă rog'],
    ['sunați la 0745 123 456', 'sunați la [phone]'],
    ['telefon +40 745 123 456', 'telefon [phone]'],
    ['fix 0264 596 030', 'fix [phone]'],
    ['IBAN RO49 AAAA 1B31 0075 9384 0000', 'IBAN [iban]'],
    ['IBAN RO49AAAA1B31007593840000', 'IBAN [iban]'],
  ])('redacts %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('leaves ordinary text, years and fees alone', () => {
    const text = 'Taxa este 12 lei, conform HCL 983/2017, termen 30 de zile, Legea 50/1991.';
    expect(redactPersonalData(text)).toBe(text);
  });
});

describe('logger options', () => {
  it('redact personal data in messages and fields, and secrets by path', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logger = pino(loggerOptions('info'), sink);
    logger.info(
      { text: 'CNP 1960101123456', headers: { authorization: 'Bearer secret-token' } },
      'from a@b.ro',
    );
    const record = JSON.parse(lines[0]);
    expect(record.text).toBe('CNP [cnp]');
    expect(record.headers.authorization).toBe('[redacted]');
    expect(record.msg).toBe('from [email]');
    expect(lines[0]).not.toContain('1960101123456');
  });
});
