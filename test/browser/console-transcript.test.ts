import { describe, expect, it } from '@jest/globals';
import type { Note } from '../../src/protocol/console-api.js';
import type { Message } from '../../src/protocol/message.js';
import { Transcript } from '../../src/console/browser/transcript.js';

function message(seq: number, at: string, from: Message['from'] = 'citizen'): Message {
  return {
    seq,
    from,
    text: `message ${seq}`,
    lang: 'ro',
    procedure: null,
    confidence: null,
    sources: [],
    suggestions: [],
    sections: [],
    authorName: null,
    clientMsgId: null,
    createdAt: at,
  };
}

function note(id: number, at: string): Note {
  return { id, conversationId: 'c', author: { id: 'a', name: 'Ana' }, text: `note ${id}`, createdAt: at };
}

describe('the console transcript (what the clerk holds of one conversation)', () => {
  it('keeps one entry per seq however often a message arrives (replay, REST echo, socket copy)', () => {
    const transcript = new Transcript();
    expect(
      transcript.addMessages([message(1, '2026-01-01T10:00:00Z'), message(2, '2026-01-01T10:01:00Z')]),
    ).toHaveLength(2);
    expect(
      transcript.addMessages([message(2, '2026-01-01T10:01:00Z'), message(3, '2026-01-01T10:02:00Z')]),
    ).toEqual([message(3, '2026-01-01T10:02:00Z')]);
    expect(transcript.entries().map((entry) => (entry.kind === 'message' ? entry.message.seq : -1))).toEqual([
      1, 2, 3,
    ]);
  });

  it('resumes after the highest seq held without a gap, and reports a gap only once loaded', () => {
    const transcript = new Transcript();
    transcript.addMessages([
      message(1, '2026-01-01T10:00:00Z'),
      message(2, '2026-01-01T10:01:00Z'),
      message(4, '2026-01-01T10:03:00Z'),
    ]);
    expect(transcript.contiguousSeq()).toBe(2);
    expect(transcript.maxSeq()).toBe(4);
    // Before the full transcript was fetched, later messages alone are not a gap.
    expect(transcript.hasGap()).toBe(false);
    transcript.loaded = true;
    expect(transcript.hasGap()).toBe(true);
    transcript.addMessages([message(3, '2026-01-01T10:02:00Z')]);
    expect(transcript.hasGap()).toBe(false);
    expect(transcript.contiguousSeq()).toBe(4);
  });

  it('places internal notes among the messages by time, once each', () => {
    const transcript = new Transcript();
    transcript.addMessages([message(1, '2026-01-01T10:00:00Z'), message(2, '2026-01-01T10:05:00Z', 'clerk')]);
    expect(transcript.addNote(note(7, '2026-01-01T10:02:00Z'))).toBe(true);
    expect(transcript.addNote(note(7, '2026-01-01T10:02:00Z'))).toBe(false);
    transcript.addNote(note(8, '2026-01-01T10:09:00Z'));
    expect(
      transcript
        .entries()
        .map((entry) => (entry.kind === 'message' ? `m${entry.message.seq}` : `n${entry.note.id}`)),
    ).toEqual(['m1', 'n7', 'm2', 'n8']);
  });
});
