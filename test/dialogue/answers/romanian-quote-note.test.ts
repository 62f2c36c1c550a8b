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
      'I live alone. What is the maximum monthly income to get the heating allowance?',
      'en',
      'ajutor-incalzire',
    );
    expect(en).toMatch(
      /^„.*2\.053 lei pentru persoana singură.*” \(section “.+”; the file states this in Romanian\)$/,
    );
    const [hu] = quotedLines(
      'Súlyos fogyatékossággal hány százalék kedvezmény jár a saját lakás adójából?',
      'hu',
      'scutiri-facilitati-fiscale',
    );
    expect(hu).toMatch(/50% la handicap grav.*” \(„.+” rész; a leírás ezt csak románul közli\)$/);
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
