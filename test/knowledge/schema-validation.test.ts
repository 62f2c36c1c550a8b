import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parseEvalQuestions } from '../../src/knowledge/retrieval/evaluate-retrieval.js';
import { loadKnowledgeBase } from '../../src/knowledge/ingest/load-knowledge-base.js';
import { OfficialDomains } from '../../src/knowledge/ingest/official-sources.js';
import { validateKnowledgeBase } from '../../src/knowledge/ingest/validate-knowledge-base.js';
import {
  DEFAULT_RETRIEVAL_CONFIG_PATH,
  loadRetrievalConfig,
} from '../../src/knowledge/retrieval/retrieval-config.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { KnowledgeBaseFixture } from './knowledge-base-fixture.js';

describe('the project knowledge base', () => {
  it('validates: every procedure file, departments.yaml, the catalog, the sourcing rules and retrieval.yaml', () => {
    const { procedures, departments, problems } = validateKnowledgeBase(fromProjectRoot('knowledge-base'));
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

describe('kb:validate rules: official first source, dated fees, existing departments', () => {
  let kb: KnowledgeBaseFixture;
  beforeEach(() => {
    kb = new KnowledgeBaseFixture(['petitie', 'pasaport', 'divort-administrativ']);
    kb.writeCatalog();
  });
  afterEach(() => kb.dispose());

  const problemsOf = (slug: string) =>
    validateKnowledgeBase(kb.directory).problems.filter((problem) => problem.path.endsWith(`${slug}.md`));
  const fieldsOf = (slug: string) => problemsOf(slug).map((problem) => problem.field);

  it('accepts the project files as they are', () => {
    expect(validateKnowledgeBase(kb.directory).problems).toEqual([]);
  });

  it('reports a known amount (even 0) without the date of its source', () => {
    kb.edit('petitie', /^ {4}checked: .*\n/m, '');
    expect(fieldsOf('petitie')).toContain('fees.0.checked');
  });

  it('reports a first source that is not official, naming its host', () => {
    kb.edit(
      'petitie',
      /url: "https:\/\/primariaclujnapoca\.ro\/informatii-publice\/intrebari-frecvente\/"/,
      'url: "https://www.monitorulcj.ro/articol"',
    );
    expect(problemsOf('petitie')).toEqual([
      expect.objectContaining({
        field: 'sources.0.url',
        message: expect.stringContaining('"www.monitorulcj.ro"'),
      }),
    ]);
  });

  it('accepts an unofficial source after the official first one', () => {
    kb.edit(
      'petitie',
      /^sources:\n((?: {2}- title: .*\n {4}url: .*\n){1})/m,
      'sources:\n$1  - title: "Presă"\n    url: "https://www.monitorulcj.ro/articol"\n',
    );
    expect(problemsOf('petitie')).toEqual([]);
  });

  it('reports a redirect whose url is not official, and one not handled by the general queue', () => {
    kb.edit(
      'pasaport',
      /^ {2}url: "https:\/\/cj\.prefectura\.mai\.gov\.ro\/pasapoarte\/"$/m,
      '  url: "https://pasapoarte-online.example.com/"',
    );
    kb.edit('pasaport', /^department: relatii-publice$/m, 'department: urbanism');
    expect(fieldsOf('pasaport').sort()).toEqual(['department', 'redirect.url']);
  });

  it("reports every procedure's department as unknown when departments.yaml does not load", () => {
    kb.writeFile('departments.yaml', '- id: [unclosed\n');
    for (const slug of ['petitie', 'pasaport', 'divort-administrativ'])
      expect(fieldsOf(slug)).toContain('department');
  });

  it("uses the directory's own official-sources.yaml and reports a bad one with its path", () => {
    kb.writeFile('official-sources.yaml', '- {domain: djepcluj.ro, owner: DJEP Cluj}\n');
    expect(fieldsOf('petitie')).toEqual(['sources.0.url']);
    expect(fieldsOf('divort-administrativ')).toEqual([]);
    kb.writeFile('official-sources.yaml', '- {domain: "https://djepcluj.ro", owner: DJEP Cluj}\n');
    const { problems } = validateKnowledgeBase(kb.directory);
    expect(problems).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/official-sources\.yaml$/), field: '0.domain' }),
    );
  });

  it('reports a catalog slug without a file and a file of the wrong kind', () => {
    kb.writeFile('catalog.yaml', '- {slug: petitie, kind: redirect}\n- {slug: nu-exista, kind: procedure}\n');
    const { problems } = validateKnowledgeBase(kb.directory);
    expect(problems).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/petitie\.md$/), field: 'kind' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/nu-exista\.md$/), field: '(file)' }),
    );
  });
});

describe('kb:validate rules: English and Hungarian answers never fall back to Romanian', () => {
  let kb: KnowledgeBaseFixture;
  beforeEach(() => {
    kb = new KnowledgeBaseFixture(['petitie', 'pasaport']);
    kb.writeCatalog();
  });
  afterEach(() => kb.dispose());

  const validate = () => validateKnowledgeBase(kb.directory);
  const problemsOf = (slug: string) =>
    validate().problems.filter((problem) => problem.path.endsWith(`${slug}.md`));

  it('rejects an office or institution written as one Romanian string, saying what to add', () => {
    kb.edit('petitie', /^ {2}office:\n(?: {4}.*\n)+/m, '  office: "Centrul de Informare pentru Cetățeni"\n');
    kb.edit('pasaport', /^ {2}institution:\n(?: {4}.*\n)+/m, '  institution: "Serviciul de Pașapoarte"\n');
    expect(problemsOf('petitie')).toContainEqual(
      expect.objectContaining({
        field: 'where.office',
        message: expect.stringMatching(/must be \{ro, en, hu\}.*add en and hu/),
      }),
    );
    expect(problemsOf('pasaport')).toContainEqual(
      expect.objectContaining({
        field: 'redirect.institution',
        message: expect.stringContaining('{ro, en, hu}'),
      }),
    );
  });

  it('rejects an office name without its Hungarian', () => {
    kb.edit('petitie', /^ {4}hu: "Polgári Tájékoztató Központ.*\n/m, '');
    expect(problemsOf('petitie').map((problem) => problem.field)).toContain('where.office.hu');
  });

  it('reports a note with no English, and a Hungarian that is the Romanian copied', () => {
    kb.edit('petitie', /^ {4}en: "Petitions are also accepted.*\n/m, '');
    kb.edit('petitie', /^( {4}ro: )("Petițiile se primesc.*")\n( {4}hu: ).*\n/m, '$1$2\n$3$2\n');
    const problems = problemsOf('petitie');
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'where.notes.en',
        message: expect.stringContaining('add where.notes.en'),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'where.notes.hu', message: expect.stringContaining('copied') }),
    );
  });

  it('reports a list line copied from the Romanian', () => {
    kb.edit(
      'petitie',
      '    - "Optional: photos, copies of documents or other evidence"',
      '    - "Opțional: fotografii, copii după documente sau alte dovezi"',
    );
    expect(problemsOf('petitie').map((problem) => problem.field)).toContain('documents.en');
  });

  it('only warns about a translated list shorter than the Romanian one', () => {
    kb.edit('petitie', /^ {4}- "Nem kötelező: .*\n/m, '');
    const { problems, warnings } = validate();
    expect(problems).toEqual([]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ field: 'documents.hu', message: expect.stringContaining('1 lines for 2') }),
    );
  });
});

describe('official domains', () => {
  const official = new OfficialDomains(['primariaclujnapoca.ro', 'gov.ro']);
  it.each([
    ['https://primariaclujnapoca.ro/urbanism/', true],
    ['http://www.primariaclujnapoca.ro/informatii-publice/audiente.html', true],
    ['https://cereriparcari.primariaclujnapoca.ro/', true],
    ['https://cj.prefectura.mai.gov.ro/pasapoarte/', true],
    ['https://PRIMARIACLUJNAPOCA.RO./x', true],
    ['https://primariaclujnapoca.ro.example.com/', false],
    ['https://notprimariaclujnapoca.ro/', false],
    ['https://example.com/?u=primariaclujnapoca.ro', false],
    ['ftp://primariaclujnapoca.ro/file', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(official.covers(url)).toBe(expected);
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
