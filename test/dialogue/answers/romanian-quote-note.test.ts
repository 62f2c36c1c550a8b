import { describe, expect, it } from '@jest/globals';
import { composeAnswer } from '../../../src/dialogue/answers/compose-answer.js';
import { composePassageAnswer } from '../../../src/dialogue/answers/compose-passage-answer.js';
import { passageConfig } from '../../../src/knowledge/passages/passage-config.js';
import { rankPassages } from '../../../src/knowledge/passages/rank-passages.js';
import type { Lang } from '../../../src/language.js';
import { procedure } from '../../support/knowledge-base.js';

const options = { overviewListLines: 5 };

function quotedLines(question: string, lang: Lang, slug: string): string[] {
  const found = procedure(slug);
  const ranking = rankPassages(question, lang, found, passageConfig());
  const answer = composePassageAnswer(composeAnswer(found, [], lang, options), found, ranking, lang, []);
  return answer.sections[0].lines;
}

describe('a quoted sentence the file states only in Romanian', () => {
  it('is quoted as written, with a note in the citizen’s language that the file says it in Romanian', () => {
    const [en] = quotedLines(
      'How many months must I have had an income before the birth to get the child-raising allowance?',
      'en',
      'indemnizatie-crestere-copil',
    );
    expect(en).toMatch(
      /^„.*cel puțin 12 luni în ultimii 2 ani.*” \(section “.+”; the file states this in Romanian\)$/,
    );
  });

  it('is quoted in the citizen’s language when passages.yaml renders it, followed by the file’s Romanian words', () => {
    const [en] = quotedLines(
      'I live alone. What is the maximum monthly income to get the heating allowance?',
      'en',
      'ajutor-incalzire',
    );
    expect(en).toMatch(
      /^„.*at most 2,053 lei for a person living alone;” \(section “.+”; the file's Romanian text: „.*2\.053 lei pentru persoana singură;”\)$/,
    );
    const [hu] = quotedLines(
      'Súlyos fogyatékossággal hány százalék kedvezmény jár a saját lakás adójából?',
      'hu',
      'scutiri-facilitati-fiscale',
    );
    expect(hu).toMatch(
      /súlyos fogyatékosságnál 50%.*” \(„.+” rész; a leírás román szövege: „.*50% la handicap grav.*”\)$/,
    );
  });

  it('carries no note in a Romanian reply, nor on a sentence the file states in the citizen’s language', () => {
    const [ro] = quotedLines(
      'Pe câți ani e valabil certificatul de cazier judiciar?',
      'ro',
      'cazier-judiciar',
    );
    expect(ro).not.toMatch(/Romanian|românește/);
    const lines = quotedLines(
      'How many copies of the building permit file must I submit?',
      'en',
      'autorizatie-construire',
    );
    const translated = lines.filter((line) => !/\bexemplare\b/.test(line));
    for (const line of translated) expect(line).not.toMatch(/in Romanian/);
  });
});
