import { describe, expect, it } from '@jest/globals';
import { ConversationEvents } from '../../src/conversations/conversation-events.js';
import { ConversationRetention } from '../../src/conversations/conversation-retention.js';
import { ConversationStore } from '../../src/conversations/conversation-store.js';
import { buildTestApp } from '../support/build-test-app.js';
import { useConversationStore } from '../support/conversation-store-fixture.js';
import { BACKENDS, createTestDatabase } from '../support/test-databases.js';
import { waitFor } from '../support/wait-for.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(BACKENDS)('ConversationRetention on %s', (backend) => {
  const fixture = useConversationStore(backend);

  const query = (sql: string, params: unknown[] = []) => fixture.testDatabase.database.query(sql, params);
  const ageBy = (conversationId: string, days: number) =>
    query(`UPDATE conversations SET updated_at = now() - make_interval(days => $2) WHERE id = $1`, [
      conversationId,
      days,
    ]);
  const exists = async (conversationId: string) =>
    (await query('SELECT 1 FROM conversations WHERE id = $1', [conversationId])).rows.length === 1;

  async function conversationWithMessages(): Promise<string> {
    const { conversation } = await fixture.store.create();
    await fixture.store.append(conversation.id, [
      { from: 'citizen', text: 'CNP 1960101123456, vreau buletin', lang: 'ro' },
      { from: 'bot', text: 'Pentru cartea de identitate…', lang: 'ro' },
    ]);
    return conversation.id;
  }

  it('deletes conversations idle past the retention with their messages, notes and feedback; keeps the rest', async () => {
    const expired = await conversationWithMessages();
    const recent = await conversationWithMessages();
    await fixture.store.recordFeedback(expired, 2, 'down');
    await query(`INSERT INTO handoff_notes (conversation_id, text) VALUES ($1, 'nota interna')`, [expired]);
    await query(
      `INSERT INTO handoffs (conversation_id, state, department, reason, question, lang, ended_at)
       VALUES ($1, 'ended', 'general', 'asked', 'buletin', 'ro', now())`,
      [expired],
    );
    await query(
      `INSERT INTO tickets (number, conversation_id, department, name, contact, question, lang)
       VALUES ('ANT-2026-900001', $1, 'general', 'Ana', 'ana@example.org', 'buletin', 'ro')`,
      [expired],
    );
    await ageBy(expired, 31);
    await ageBy(recent, 29);

    const deleted = await new ConversationRetention(fixture.testDatabase.database, 30).purgeExpired();

    expect(deleted).toBe(1);
    expect(await exists(expired)).toBe(false);
    expect(await exists(recent)).toBe(true);
    for (const table of ['messages', 'message_feedback', 'handoff_notes', 'handoffs']) {
      const left = await query(`SELECT count(*)::int AS n FROM ${table} WHERE conversation_id = $1`, [
        expired,
      ]);
      expect({ table, left: left.rows[0] }).toEqual({ table, left: { n: 0 } });
    }
    // The ticket is the city's record of a request to be contacted: kept, unlinked from the deleted chat.
    const ticket = await query(`SELECT conversation_id FROM tickets WHERE number = 'ANT-2026-900001'`);
    expect(ticket.rows).toEqual([{ conversation_id: null }]);
    expect((await fixture.store.messagesAfter(recent, 0)).length).toBe(2);
  });

  it('keeps an old conversation whose handoff is still open (in a queue or with a clerk)', async () => {
    const waiting = await conversationWithMessages();
    await query(
      `INSERT INTO handoffs (conversation_id, state, department, reason, question, lang)
       VALUES ($1, 'waiting', 'general', 'asked', 'buletin', 'ro')`,
      [waiting],
    );
    await ageBy(waiting, 400);

    expect(await new ConversationRetention(fixture.testDatabase.database, 30).purgeExpired()).toBe(0);
    expect(await exists(waiting)).toBe(true);
  });

  it('deletes in batches until nothing expired is left', async () => {
    const ids = await Promise.all(
      Array.from({ length: 520 }, async () => (await fixture.store.create()).conversation.id),
    );
    await query(
      `UPDATE conversations SET updated_at = now() - interval '90 days' WHERE id = ANY($1::uuid[])`,
      [ids],
    );

    expect(await new ConversationRetention(fixture.testDatabase.database, 60).purgeExpired()).toBe(520);
    const left = await query('SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
    expect(left.rows[0]).toEqual({ n: 0 });
  });

  it('measures the retention from the given time', async () => {
    const id = await conversationWithMessages();
    await ageBy(id, 5);
    const retention = new ConversationRetention(fixture.testDatabase.database, 10);
    await retention.purgeExpired();
    expect(await exists(id)).toBe(true);
    await retention.purgeExpired(new Date(Date.now() + 6 * DAY_MS));
    expect(await exists(id)).toBe(false);
  });
});

describe.each(BACKENDS)('the service on %s', (backend) => {
  it('deletes conversations past CONVERSATION_RETENTION_DAYS when it starts', async () => {
    const testDatabase = await createTestDatabase(backend);
    const events = new ConversationEvents(testDatabase.database);
    const store = new ConversationStore(testDatabase.database, events);
    const old = (await store.create()).conversation.id;
    const fresh = (await store.create()).conversation.id;
    await testDatabase.database.query(
      `UPDATE conversations SET updated_at = now() - interval '8 days' WHERE id = $1`,
      [old],
    );
    const testApp = await buildTestApp(backend, { CONVERSATION_RETENTION_DAYS: '7' }, testDatabase);
    try {
      const remaining = async () =>
        (
          await testDatabase.database.query<{ id: string }>(
            'SELECT id FROM conversations WHERE id = ANY($1::uuid[])',
            [[old, fresh]],
          )
        ).rows.map((row) => row.id);
      await waitFor(async () => (await remaining()).length === 1, 'the start-up purge');
      expect(await remaining()).toEqual([fresh]);
    } finally {
      await testApp.close();
      await testDatabase.dispose();
    }
  });
});
