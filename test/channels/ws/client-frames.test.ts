import { describe, expect, it } from '@jest/globals';
import { parseClientFrame } from '../../../src/channels/ws/client-frames.js';

describe('parseClientFrame', () => {
  it('reads a hello with defaults and strips unknown fields', () => {
    expect(parseClientFrame('{"type":"hello","v":1,"extra":true}')).toEqual({
      ok: true,
      frame: { type: 'hello', v: 1, lastSeq: 0 },
    });
  });

  it('trims the text of a message', () => {
    const parsed = parseClientFrame(
      JSON.stringify({ type: 'message', clientMsgId: 'c-1', text: '  salut ' }),
    );
    expect(parsed).toEqual({ ok: true, frame: { type: 'message', clientMsgId: 'c-1', text: 'salut' } });
  });

  it.each([
    ['not json', '{', 'invalid_json', undefined],
    ['a JSON string', '"hello"', 'invalid_json', undefined],
    ['null', 'null', 'invalid_json', undefined],
    ['no type', '{"v":1}', 'unknown_type', undefined],
    ['an unknown type', '{"type":"admin"}', 'unknown_type', undefined],
    [
      'a text over 2,000 characters',
      JSON.stringify({ type: 'message', clientMsgId: 'c-2', text: 'é'.repeat(2001) }),
      'text_too_long',
      'c-2',
    ],
    [
      'a long ticket question',
      JSON.stringify({ type: 'ticket', name: 'A', contact: 'a@b.ro', question: 'x'.repeat(2001) }),
      'text_too_long',
      'ticket',
    ],
    ['a message without clientMsgId', '{"type":"message","text":"salut"}', 'invalid_frame', 'message'],
    ['a wrong rating', '{"type":"feedback","seq":2,"rating":"meh"}', 'invalid_frame', 'feedback'],
    ['a negative lastSeq', '{"type":"hello","v":1,"lastSeq":-1}', 'invalid_frame', 'hello'],
    ['an unknown language', '{"type":"hello","v":1,"lang":"de"}', 'invalid_frame', 'hello'],
  ])('refuses %s', (_what, raw, code, ref) => {
    const parsed = parseClientFrame(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem.code).toBe(code);
      expect(parsed.problem.ref).toBe(ref);
    }
  });

  it('names the failing field in the message', () => {
    const parsed = parseClientFrame('{"type":"feedback","seq":"two","rating":"up"}');
    expect(parsed.ok === false && parsed.problem.message).toMatch(/^seq /);
  });
});
