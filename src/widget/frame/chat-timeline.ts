import type { Message as ChatMessage } from '../../protocol/message.js';

export type Arrival =
  /** New: render it at `index` among the stored messages (usually the end). */
  | { kind: 'added'; index: number; settledClientMsgId: string | null }
  /** Already shown (a replay racing a late frame, another socket): ignore. */
  | { kind: 'duplicate' };

/**
 * The stored messages this page shows, keyed by seq: the single place that decides whether an arriving
 * message is new and where it goes, so that nothing is shown twice and nothing out of order
 * (docs/protocol.md, "Delivery and resume rules"). Pure logic, no DOM.
 */
export class ChatTimeline {
  private readonly seqs: number[] = [];
  private readonly bySeq = new Map<number, ChatMessage>();

  /** The highest seq shown; what `hello.lastSeq` asks the server to continue after. */
  get lastSeq(): number {
    return this.seqs.at(-1) ?? 0;
  }

  get size(): number {
    return this.seqs.length;
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  get(seq: number): ChatMessage | undefined {
    return this.bySeq.get(seq);
  }

  /** The last message, when it is not the citizen's: its quick replies are the ones on offer. */
  lastReply(): ChatMessage | undefined {
    const last = this.bySeq.get(this.lastSeq);
    return last && last.from !== 'citizen' ? last : undefined;
  }

  add(message: ChatMessage): Arrival {
    if (this.bySeq.has(message.seq)) return { kind: 'duplicate' };
    let index = this.seqs.length;
    while (index > 0 && this.seqs[index - 1] > message.seq) index -= 1;
    this.seqs.splice(index, 0, message.seq);
    this.bySeq.set(message.seq, message);
    return {
      kind: 'added',
      index,
      settledClientMsgId: message.from === 'citizen' ? message.clientMsgId : null,
    };
  }

  clear(): void {
    this.seqs.length = 0;
    this.bySeq.clear();
  }
}
