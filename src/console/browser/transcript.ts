import type { Note } from '../../protocol/console-api.js';
import type { Message } from '../../protocol/message.js';

/**
 * The messages and internal notes the console holds for one conversation, keyed by seq and id so that
 * a replay after a reconnect, the REST answer to one's own reply and the socket's copy of it all
 * collapse into one entry. `loaded` is set once the full transcript was fetched; only then can a gap
 * (a missing seq) be recognised and filled.
 */
export class Transcript {
  loaded = false;
  private readonly messages = new Map<number, Message>();
  private readonly notes = new Map<number, Note>();

  /** Adds messages; returns those that were new. */
  addMessages(messages: Message[]): Message[] {
    const added: Message[] = [];
    for (const message of messages) {
      if (this.messages.has(message.seq)) continue;
      this.messages.set(message.seq, message);
      added.push(message);
    }
    return added;
  }

  addNote(note: Note): boolean {
    if (this.notes.has(note.id)) return false;
    this.notes.set(note.id, note);
    return true;
  }

  /** The highest seq n such that every message 1…n is held (what a resume asks after). */
  contiguousSeq(): number {
    let seq = 0;
    while (this.messages.has(seq + 1)) seq += 1;
    return seq;
  }

  maxSeq(): number {
    let max = 0;
    for (const seq of this.messages.keys()) max = Math.max(max, seq);
    return max;
  }

  hasGap(): boolean {
    return this.loaded && this.contiguousSeq() < this.maxSeq();
  }

  /** Messages and notes in the order they happened (notes placed by time among the messages). */
  entries(): Array<{ kind: 'message'; message: Message } | { kind: 'note'; note: Note }> {
    const messages = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    const notes = [...this.notes.values()].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
    );
    const entries: ReturnType<Transcript['entries']> = [];
    let next = 0;
    for (const message of messages) {
      while (next < notes.length && Date.parse(notes[next].createdAt) < Date.parse(message.createdAt)) {
        entries.push({ kind: 'note', note: notes[next] });
        next += 1;
      }
      entries.push({ kind: 'message', message });
    }
    for (; next < notes.length; next += 1) entries.push({ kind: 'note', note: notes[next] });
    return entries;
  }
}
