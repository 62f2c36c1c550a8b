import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntentFileError, INTENTS_DIRECTORY, loadIntents } from '../../../src/dialogue/intents/index.js';
import { fromProjectRoot } from '../../../src/project-root.js';

const VALID = `
name: greeting
description: Hello.
matching:
  priority: 10
examples:
  ro: [bună ziua]
  en: [hello]
  hu: [jó napot]
responses:
  ro: [Bună ziua!]
  en: [Hello!]
  hu: [Jó napot!]
`;

describe('loadIntents', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'antonia-intents-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it("reads the project's intents/ folder by default", () => {
    expect(INTENTS_DIRECTORY).toBe(fromProjectRoot('intents'));
    const intents = loadIntents();
    expect(intents.map((intent) => intent.name)).toContain('human-handoff');
  });

  it('applies the matching defaults', () => {
    writeFileSync(join(directory, 'greeting.yaml'), VALID);
    const [greeting] = loadIntents(directory);
    expect(greeting.matching).toEqual({
      priority: 10,
      wholeClauseOnly: false,
      singleWord: 'whole-clause',
      overridesQuestion: false,
      wordsBesideStatement: 0,
      peelFromQuestion: false,
    });
    expect(greeting.responses.hu).toEqual(['Jó napot!']);
  });

  it('names the file and the field of every problem', () => {
    writeFileSync(join(directory, 'greeting.yaml'), VALID.replace('  hu: [jó napot]\n', ''));
    writeFileSync(
      join(directory, 'thanks.yaml'),
      VALID.replace('name: greeting', 'name: thanks').replace('priority: 10', 'priority: high'),
    );
    expect(() => loadIntents(directory)).toThrow(IntentFileError);
    try {
      loadIntents(directory);
    } catch (error) {
      const problems = (error as IntentFileError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^greeting\.yaml: examples\.hu: /),
          expect.stringMatching(/^thanks\.yaml: matching\.priority: /),
        ]),
      );
    }
  });

  it('rejects a name that differs from the file name', () => {
    writeFileSync(join(directory, 'hello.yaml'), VALID);
    expect(() => loadIntents(directory)).toThrow(/hello\.yaml: name: must equal the file name \(hello\)/);
  });

  it('rejects more than three response variants and unknown fields', () => {
    writeFileSync(
      join(directory, 'greeting.yaml'),
      VALID.replace('en: [Hello!]', 'en: [Hi!, Hello!, Hey!, Howdy!]'),
    );
    expect(() => loadIntents(directory)).toThrow(/greeting\.yaml: responses\.en: /);
    writeFileSync(join(directory, 'greeting.yaml'), `${VALID}extra: 1\n`);
    expect(() => loadIntents(directory)).toThrow(/greeting\.yaml: \(root\): /);
  });

  it('rejects nested or unbalanced alternatives and examples that expand too far', () => {
    writeFileSync(join(directory, 'greeting.yaml'), VALID.replace('[hello]', '["(hi|(hello|hey))"]'));
    expect(() => loadIntents(directory)).toThrow(/examples\.en\.0: alternatives/);
    writeFileSync(join(directory, 'greeting.yaml'), VALID.replace('[hello]', '["(hi|hello"]'));
    expect(() => loadIntents(directory)).toThrow(/examples\.en\.0: alternatives/);
    const wide = Array.from(
      { length: 3 },
      () => `(${Array.from({ length: 6 }, (_, i) => `w${i}`).join('|')})`,
    ).join(' ');
    writeFileSync(join(directory, 'greeting.yaml'), VALID.replace('[hello]', `["${wide}"]`));
    expect(() => loadIntents(directory)).toThrow(/expands to more than 200 examples/);
  });

  it('reports invalid YAML and an empty folder', () => {
    writeFileSync(join(directory, 'greeting.yaml'), 'name: [unclosed');
    expect(() => loadIntents(directory)).toThrow(/greeting\.yaml: \(yaml\): /);
    rmSync(join(directory, 'greeting.yaml'));
    expect(() => loadIntents(directory)).toThrow(/no intent files/);
  });
});
