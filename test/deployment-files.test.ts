import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { ConfigSchema, loadConfig } from '../src/config.js';
import { fromProjectRoot } from '../src/project-root.js';

// No Docker engine runs on our machines: check what can be checked without one.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(fromProjectRoot('docker-compose.yml'), 'utf8'));

  it('sets only variables the config reads, and they parse', () => {
    const environment = compose.services.app.environment as Record<string, string>;
    const known = new Set(Object.keys(ConfigSchema.shape));
    expect(Object.keys(environment).filter((name) => !known.has(name))).toEqual([]);
    const config = loadConfig(environment);
    expect(config.HOST).toBe('0.0.0.0');
  });

  it('points the app at the pgvector database service with its credentials', () => {
    const db = compose.services.db;
    expect(db.image).toMatch(/^pgvector\/pgvector:/);
    const url = new URL(compose.services.app.environment.DATABASE_URL);
    expect(url.hostname).toBe('db');
    expect(url.username).toBe(db.environment.POSTGRES_USER);
    expect(url.password).toBe(db.environment.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${db.environment.POSTGRES_DB}`);
    expect(compose.services.app.depends_on.db.condition).toBe('service_healthy');
    expect(db.volumes[0]).toMatch(/^pgdata:/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(fromProjectRoot('Dockerfile'), 'utf8');

  it('builds in one stage and runs the compiled server in a slim one with the data folders it reads', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    for (const folder of ['migrations', 'intents', 'knowledge-base']) {
      expect(dockerfile).toContain(`COPY ${folder} ./${folder}`);
    }
    expect(dockerfile).toContain('CMD ["node", "dist/src/server.js"]');
  });
});
