import { describe, expect, it } from '@jest/globals';
import { guardWrittenAnswer } from '../../src/dialogue/llm/grounding-guard.js';

const knowledge = `Taxa pentru certificatul de căsătorie: 25 lei. Program: luni–joi 08:30–16:30.
Termen: 15 zile de la depunere. Cererea se depune la Registratură, str. Moților nr. 7.`;
const written = (text: string) => ({ text, ms: 10 });

describe('guardWrittenAnswer', () => {
  it('lets through an answer whose numbers are all in the knowledge and that cites a source', () => {
    expect(
      guardWrittenAnswer(written('Taxa este 25 lei și termenul este de 15 zile [1].'), knowledge, 1),
    ).toEqual({
      verdict: 'passed',
      offending: [],
    });
    expect(guardWrittenAnswer(written('Open 8:30 to 16:30 at Moților 7 [1].'), knowledge, 1).verdict).toBe(
      'passed',
    );
  });

  it('replaces an invented amount or deadline', () => {
    expect(guardWrittenAnswer(written('Taxa este 0 lei [1].'), knowledge, 1)).toEqual({
      verdict: 'replaced_invented_number',
      offending: ['0'],
    });
    expect(guardWrittenAnswer(written('It takes 45 days [1].'), knowledge, 1).verdict).toBe(
      'replaced_invented_number',
    );
    expect(guardWrittenAnswer(written('It takes twenty days [1].'), knowledge, 1).offending).toEqual([
      'twenty',
    ]);
  });

  it('replaces "free" when the knowledge does not say so', () => {
    expect(guardWrittenAnswer(written('Certificatul este gratuit [1].'), knowledge, 1).verdict).toBe(
      'replaced_unsupported_claim',
    );
  });

  it('replaces an answer without a valid citation', () => {
    expect(guardWrittenAnswer(written('Taxa este 25 lei.'), knowledge, 1).verdict).toBe('replaced_no_source');
    expect(guardWrittenAnswer(written('Taxa este 25 lei [3].'), knowledge, 1).verdict).toBe(
      'replaced_no_source',
    );
  });

  it('replaces an answer that came too late, failed or is empty', () => {
    expect(guardWrittenAnswer({ failure: 'timeout', ms: 9000 }, knowledge, 1).verdict).toBe(
      'replaced_timeout',
    );
    expect(guardWrittenAnswer({ failure: 'error', ms: 3 }, knowledge, 1).verdict).toBe('replaced_error');
    expect(guardWrittenAnswer(written('  '), knowledge, 1).verdict).toBe('replaced_empty');
  });
});
