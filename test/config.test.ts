import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, ConfigSchema, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('gives documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ALLOWED_ORIGINS).toEqual([]);
    expect(config.EMBEDDINGS_PROVIDER).toBe('hashing');
  });

  it('parses lists, numbers and booleans from strings', () => {
    const config = loadConfig({
      PORT: '8080',
      ALLOWED_ORIGINS: 'https://primariaclujnapoca.ro, https://www.primariaclujnapoca.ro',
      TRUST_PROXY: 'true',
      DATABASE_URL: 'postgres://antonia@db:5432/antonia',
    });
    expect(config.PORT).toBe(8080);
    expect(config.ALLOWED_ORIGINS).toEqual([
      'https://primariaclujnapoca.ro',
      'https://www.primariaclujnapoca.ro',
    ]);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.DATABASE_URL).toBe('postgres://antonia@db:5432/antonia');
  });

  it.each([
    ['PORT', 'abc', /^Invalid configuration: PORT must be a whole number between 1 and 65535 \(got "abc"\)$/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of fatal, error/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be true or false/],
  ])('names %s when it is %s', (name, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('runs one service process unless told otherwise, and more only on PostgreSQL', () => {
    expect(loadConfig({}).SERVICE_WORKERS).toBe(1);
    const onPostgres = { DATABASE_URL: 'postgres://antonia@db:5432/antonia' };
    expect(loadConfig({ ...onPostgres, SERVICE_WORKERS: '3' }).SERVICE_WORKERS).toBe(3);
    expect(loadConfig({ ...onPostgres, SERVICE_WORKERS: 'auto' }).SERVICE_WORKERS).toBeGreaterThanOrEqual(1);
    expect(() => loadConfig({ ...onPostgres, SERVICE_WORKERS: '0' })).toThrow(
      'SERVICE_WORKERS must be a whole number between 1 and 64 (got "0")',
    );
    expect(() => loadConfig({ SERVICE_WORKERS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ SERVICE_WORKERS: '2' })).toThrow(
      'SERVICE_WORKERS must be 1 without DATABASE_URL (got 2): the embedded database (PGlite) is single-process',
    );
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const missing = Object.keys(ConfigSchema.shape).filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });
});
