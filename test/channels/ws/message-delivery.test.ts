import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConversationEvents } from '../../../src/conversations/conversation-events.js';
import { ConversationStore } from '../../../src/conversations/conversation-store.js';
import type { Message } from '../../../src/protocol/message.js';
import { MessageDelivery } from '../../../src/channels/ws/message-delivery.js';
import { SerialQueue } from '../../../src/channels/ws/serial-queue.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';

describe.each(BACKENDS)('MessageDelivery on %s', (backend) => {
  let database: TestDatabase;
  let store: ConversationStore;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    store = new ConversationStore(database.database, new ConversationEvents(database.database));
  });
  afterAll(async () => database?.dispose());

  /** A delivery reading the real store, recording what it sends and how often it reads. */
  const deliveryFor = (conversationId: string, afterSeq = 0) => {
    const sent: number[] = [];
    let reads = 0;
    const delivery = new MessageDelivery({
      afterSeq,
      fetchAfter: (seq, limit) => {
        reads += 1;
        return store.messagesAfter(conversationId, seq, limit);
      },
      send: (message) => sent.push(message.seq),
      queue: new SerialQueue(),
      onError: (error) => {
        throw error;
      },
    });
    return { delivery, sent, reads: () => reads };
  };
  const say = async (conversationId: string, text: string): Promise<Message[]> =>
    (await store.append(conversationId, [{ from: 'citizen', text, lang: 'ro' }])).messages;

  it('sends each stored message once and in order, however the announcements arrive', async () => {
    const { conversation } = await store.create();
    const { delivery, sent } = deliveryFor(conversation.id);
    for (let i = 1; i <= 5; i += 1) await say(conversation.id, `mesaj ${i}`);
    // Late, repeated and out-of-order announcements, some without a seq.
    await Promise.all([
      delivery.announce(3),
      delivery.announce(5),
      delivery.announce(3),
      delivery.announce(),
      delivery.announce(1),
    ]);
    await say(conversation.id, 'mesaj 6');
    await delivery.announce(6);
    expect(sent).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('starts after the given seq (a resume)', async () => {
    const { conversation } = await store.create();
    for (let i = 1; i <= 4; i += 1) await say(conversation.id, `mesaj ${i}`);
    const { delivery, sent } = deliveryFor(conversation.id, 2);
    await delivery.announce();
    expect(sent).toEqual([3, 4]);
  });

  it('sends a turn it already holds without reading, and reads what others stored meanwhile on release', async () => {
    const { conversation } = await store.create();
    const { delivery, sent, reads } = deliveryFor(conversation.id);
    const release = delivery.hold();
    const turn = await say(conversation.id, 'întrebarea mea');
    await delivery.announce(turn[0].seq); // noted, not read
    await delivery.deliverKnown(turn);
    expect(sent).toEqual([1]);
    expect(reads()).toBe(0);

    // A clerk writes while the next turn is held: delivered once the hold ends, not before.
    const release2 = delivery.hold();
    release();
    const clerk = (await store.append(conversation.id, [{ from: 'clerk', text: 'Bună ziua', lang: 'ro' }]))
      .messages;
    await delivery.announce(clerk[0].seq);
    expect(sent).toEqual([1]);
    release2();
    await waitFor(() => sent.length === 2, 'the clerk message');
    expect(sent).toEqual([1, 2]);
  });

  it('fills a gap from storage when the known messages do not continue where the socket is', async () => {
    const { conversation } = await store.create();
    const { delivery, sent } = deliveryFor(conversation.id);
    await say(conversation.id, 'de pe alt canal');
    const turn = await say(conversation.id, 'a doua');
    await delivery.deliverKnown(turn);
    expect(sent).toEqual([1, 2]);
  });
});
