import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { configWith } from '../src/config.js';
import { loggerOptions } from '../src/logging/logger-options.js';
import { redactPersonalData } from '../src/logging/redact-personal-data.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/test-databases.js';

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

describe('errors in the log', () => {
  const planted = {
    cnp: '1960101123456',
    phone: '0745 123 456',
    email: 'ion.popescu@example.ro',
    iban: 'RO49AAAA1B31007593840000',
  };
  const plantedText = `CNP ${planted.cnp}, tel ${planted.phone}, ${planted.email}, IBAN ${planted.iban}`;

  it('are redacted: message, stack, fields and nested causes; parameters and row details are left out', () => {
    const { logger, lines } = capturedLogger();
    const root = new Error(`connection to ${planted.email} refused`);
    const cause = Object.assign(new Error(`lookup failed for ${planted.phone}`, { cause: root }), {
      where: `PL/pgSQL function with ${planted.iban}`,
    });
    const databaseError = Object.assign(new Error(`insert failed for ${planted.cnp}`, { cause }), {
      code: '23514',
      table: 'messages',
      detail: 'Failing row contains (Ion Popescu, …).',
      params: ['Ion Popescu', plantedText],
    });
    logger.error({ err: databaseError, conversationId: 'c-1' }, 'turn failed');
    logger.error(databaseError);
    logger.warn({ failures: [databaseError] }, 'several failed');

    const output = lines.join('');
    expectNothingPlanted(output, [...Object.values(planted), 'Ion Popescu']);
    const record = JSON.parse(lines[0]);
    expect(record.err).toMatchObject({
      type: 'Error',
      message: 'insert failed for [cnp]',
      code: '23514',
      table: 'messages',
      params: '[omitted]',
      detail: '[omitted]',
      cause: { message: 'lookup failed for [phone]', where: 'PL/pgSQL function with [iban]' },
    });
    expect(record.err.stack).toContain('insert failed for [cnp]');
    expect(record.err.cause.cause.message).toBe('connection to [email] refused');
    expect(JSON.parse(lines[1]).err.message).toBe('insert failed for [cnp]');
    expect(JSON.parse(lines[2]).failures[0].params).toBe('[omitted]');
  });

  describe.each(BACKENDS)('of a request that fails in the database (%s)', (backend) => {
    let testDatabase: TestDatabase;
    let app: FastifyInstance;
    const lines: string[] = [];
    beforeAll(async () => {
      testDatabase = await createTestDatabase(backend);
      const config = configWith({ LOG_LEVEL: 'info', API_RATE_LIMIT_PER_MINUTE: '100000' });
      app = await buildApp(config, { database: testDatabase.database, logStream: lineSink(lines) });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await testDatabase?.dispose();
    });

    const inject = (url: string, token: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });

    it('logs the failure with its SQLSTATE and without the citizen’s CNP, phone, e-mail or IBAN', async () => {
      const created = await app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
      const { conversationId, token } = created.json() as { conversationId: string; token: string };
      const base = `/api/v1/conversations/${conversationId}`;
      expect((await inject(`${base}/messages`, token, { text: 'Cum declar nașterea?' })).statusCode).toBe(
        200,
      );

      // A real constraint violation: PostgreSQL quotes the failing row in `detail`, PGlite adds the
      // query's parameters to the error; both used to reach the log in clear.
      await testDatabase.database.exec(`
        ALTER TABLE messages ADD CONSTRAINT test_refuse_messages CHECK (false) NOT VALID;
        ALTER TABLE message_feedback ADD CONSTRAINT test_refuse_feedback CHECK (false) NOT VALID;`);
      lines.length = 0;
      const message = await inject(`${base}/messages`, token, { text: plantedText });
      const feedback = await inject(`${base}/feedback`, token, {
        seq: 2,
        rating: 'down',
        comment: plantedText,
      });
      expect([message.statusCode, feedback.statusCode]).toEqual([500, 500]);

      const failures = lines.map((line) => JSON.parse(line)).filter((record) => record.level >= 50);
      expect(failures.map((record) => [record.msg, record.err?.code])).toEqual([
        ['request failed', '23514'],
        ['request failed', '23514'],
      ]);
      expectNothingPlanted(lines.join(''), Object.values(planted));
    });
  });
});

function lineSink(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
}

function capturedLogger() {
  const lines: string[] = [];
  return { logger: pino(loggerOptions('info'), lineSink(lines)), lines };
}

function expectNothingPlanted(output: string, values: string[]): void {
  for (const value of values) {
    expect(output).not.toContain(value);
    // Also without the spaces a redaction pattern might have been written around.
    expect(output.replace(/\s/g, '')).not.toContain(value.replace(/\s/g, ''));
  }
}
