import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parseEvalQuestions } from '../../src/knowledge/evaluate-retrieval.js';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base.js';
import { DEFAULT_RETRIEVAL_CONFIG_PATH, loadRetrievalConfig } from '../../src/knowledge/retrieval-config.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { KnowledgeBaseFixture } from './knowledge-base-fixture.js';

describe('the project knowledge base', () => {
  it('validates: every procedure file, departments.yaml and retrieval.yaml', () => {
    const { procedures, departments, problems } = loadKnowledgeBase(fromProjectRoot('knowledge-base'));
    expect(problems).toEqual([]);
    expect(procedures.length).toBeGreaterThanOrEqual(56);
    expect(departments.length).toBeGreaterThan(0);
    expect(() => loadRetrievalConfig(fromProjectRoot('knowledge-base'))).not.toThrow();
  });
});

describe('procedure file validation', () => {
  let kb: KnowledgeBaseFixture;
  beforeEach(() => {
    kb = new KnowledgeBaseFixture(['certificat-urbanism', 'pasaport']);
  });
  afterEach(() => kb.dispose());

  const problemsOf = (slug: string) =>
    loadKnowledgeBase(kb.directory).problems.filter((problem) => problem.path.endsWith(`${slug}.md`));

  it('accepts a good file and keeps its body, path and content hash', () => {
    const { procedures, problems } = loadKnowledgeBase(kb.directory);
    expect(problems).toEqual([]);
    const procedure = procedures.find((item) => item.slug === 'certificat-urbanism')!;
    expect(procedure.body).toMatch(/^## /);
    expect(procedure.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(procedure.path).toMatch(/procedures\/certificat-urbanism\.md$/);
  });

  it.each([
    ['an unknown kind', /^kind: procedure$/m, 'kind: office', 'kind'],
    [
      'a slug that is not the file name',
      /^slug: certificat-urbanism$/m,
      'slug: certificat-de-urbanism',
      'slug',
    ],
    ['too few keywords', /^keywords:\n(?: {2}- .*\n)+/m, 'keywords: [urbanism]\n', 'keywords'],
    [
      'a source that is not a URL',
      /url: "https:\/\/primariaclujnapoca\.ro\/urbanism\/acte[^"]*"/,
      'url: "not a url"',
      'sources.0.url',
    ],
    ['an unknown department', /^department: urbanism$/m, 'department: nowhere', 'department'],
    ['a date that is not a date', /^lastReviewed: .*$/m, 'lastReviewed: last week', 'lastReviewed'],
    ['an unknown field', /^area: urbanism$/m, 'area: urbanism\ncolour: blue', '(root)'],
  ])('reports %s with the path and the field', (_what, search, replacement, field) => {
    kb.edit('certificat-urbanism', search, replacement);
    const problems = problemsOf('certificat-urbanism');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((problem) => problem.field)).toContain(field);
  });

  it('reports a fee with an unknown amount and no note saying where to find it', () => {
    kb.edit('certificat-urbanism', /\n {4}note:\n(?: {6}.*\n)+/, '\n');
    expect(problemsOf('certificat-urbanism').map((problem) => problem.field)).toContain('fees.0.note');
  });

  it('reports a redirect without its redirect block', () => {
    kb.edit('pasaport', /^redirect:\n(?: {2}.*\n)+/m, '');
    expect(problemsOf('pasaport').map((problem) => problem.field)).toContain('redirect');
  });

  it('reports invalid YAML, a missing front matter and an empty body', () => {
    kb.write('certificat-urbanism', '---\nslug: [unclosed\n---\nbody');
    expect(problemsOf('certificat-urbanism')[0]).toMatchObject({ field: '(front matter)' });
    kb.write('certificat-urbanism', '# just Markdown\n');
    expect(problemsOf('certificat-urbanism')[0]).toMatchObject({ field: '(front matter)' });
    kb.copy('certificat-urbanism');
    kb.write('certificat-urbanism', kb.read('certificat-urbanism').replace(/\n---\n[\s\S]*$/, '\n---\n'));
    expect(problemsOf('certificat-urbanism')[0]).toMatchObject({ field: '(body)' });
  });

  it('still returns the valid files when one is invalid', () => {
    kb.edit('certificat-urbanism', /^kind: procedure$/m, 'kind: office');
    const { procedures } = loadKnowledgeBase(kb.directory);
    expect(procedures.map((procedure) => procedure.slug)).toEqual(['pasaport']);
  });
});

describe('retrieval.yaml validation', () => {
  let kb: KnowledgeBaseFixture;
  beforeEach(() => {
    kb = new KnowledgeBaseFixture([]);
  });
  afterEach(() => kb.dispose());

  it('falls back to the project file when the knowledge-base directory has none', () => {
    expect(loadRetrievalConfig(kb.directory)).toEqual(loadRetrievalConfig());
  });

  it('names the field of a wrong value', () => {
    const text = readFileSync(DEFAULT_RETRIEVAL_CONFIG_PATH, 'utf8').replace(
      /^ {2}title: .*$/m,
      '  title: -1',
    );
    writeFileSync(join(kb.directory, 'retrieval.yaml'), text);
    expect(() => loadRetrievalConfig(kb.directory)).toThrow(/retrieval\.yaml: fieldWeights\.title: /);
  });
});

describe('evaluation question files', () => {
  it('parses JSON lines and names the line of a bad one', () => {
    expect(parseEvalQuestions('{"q":"buletin","lang":"ro","expect":["carte-identitate"]}\n\n')).toHaveLength(
      1,
    );
    expect(() =>
      parseEvalQuestions('{"q":"x","lang":"ro","expect":[]}\n{"q":"y","lang":"fr","expect":[]}', 'f'),
    ).toThrow(/^f:2: lang: /);
    expect(() => parseEvalQuestions('not json', 'f')).toThrow(/^f:1: not valid JSON/);
  });
});
