import { afterAll, beforeAll, expect, it, describe } from '@jest/globals';
import { ConversationEvents } from '../../../src/conversations/conversation-events.js';
import { ConversationStore } from '../../../src/conversations/conversation-store.js';
import { PostgresDatabase } from '../../../src/storage/postgres-database.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { adminQuery, withDatabase } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import { ChatClient } from './chat-client.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/**
 * The LISTEN connection drops and stays away for a while (a failover, a PostgreSQL restart): every
 * announcement of that gap is lost. Once the connection is back, every live socket must catch up from
 * storage, and /ready must say "not ready" while announcements cannot arrive.
 */
describe('/ws/chat after the LISTEN connection comes back (postgres)', () => {
  let testApp: TestApp;
  let databaseName: string;
  let writer: PostgresDatabase;
  const clients: ChatClient[] = [];
  const serverUrl = process.env.TEST_DATABASE_URL!;

  const ready = async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/ready' });
    return { status: response.statusCode, checks: response.json().checks as Record<string, string> };
  };
  const allowConnections = (allow: boolean) =>
    adminQuery(serverUrl, `ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS ${allow}`);

  beforeAll(async () => {
    testApp = await buildTestApp('postgres', { WS_MESSAGES_PER_MINUTE: '1000' });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    databaseName = new URL(testApp.testDatabase.url!).pathname.slice(1);
    // Another instance writing to the same database: its announcements reach this app only by NOTIFY.
    writer = await PostgresDatabase.open({
      connectionString: withDatabase(serverUrl, databaseName),
      poolMax: 1,
    });
  });
  afterAll(async () => {
    await allowConnections(true);
    for (const client of clients) await client.close();
    await writer?.close();
    await testApp?.close();
  });

  it('catches every live socket up from storage after re-subscribing, and /ready reports the gap', async () => {
    const otherInstance = new ConversationStore(writer, new ConversationEvents(writer));
    // Three conversations; the first open in two tabs.
    const sockets: Array<{ client: ChatClient; conversationId: string }> = [];
    for (let index = 0; index < 3; index += 1) {
      const { client, welcome } = await ChatClient.start(testApp.app, { lang: 'ro' });
      clients.push(client);
      sockets.push({ client, conversationId: welcome.conversationId });
      if (index === 0) {
        const second = await ChatClient.start(testApp.app, {
          token: welcome.token,
          conversationId: welcome.conversationId,
          lastSeq: 0,
        });
        clients.push(second.client);
        sockets.push({ client: second.client, conversationId: welcome.conversationId });
      }
    }
    // Live delivery works before the outage.
    for (const { conversationId } of sockets.slice(1))
      await otherInstance.append(conversationId, [{ from: 'clerk', text: 'Bună ziua.', lang: 'ro' }]);
    for (const { client } of sockets) await client.messageWithSeq(1);
    expect((await ready()).status).toBe(200);

    // The outage: no new connections, and the app's LISTEN connection is terminated.
    await writer.query('SELECT 1'); // the writer keeps its open connection through the outage
    await allowConnections(false);
    await adminQuery(
      serverUrl,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = '${databaseName}' AND query LIKE 'LISTEN %'`,
    );
    await waitFor(async () => (await ready()).status === 503, '/ready to report the LISTEN outage');
    expect((await ready()).checks).toMatchObject({ notifications: 'failing' });

    // Messages stored in the gap: announced, but nobody on this instance hears it.
    for (const { conversationId } of sockets.slice(1)) {
      for (let index = 0; index < 3; index += 1)
        await otherInstance.append(conversationId, [
          { from: 'clerk', text: `Mesajul ${index} din timpul întreruperii.`, lang: 'ro' },
        ]);
    }

    await allowConnections(true);
    await waitFor(async () => (await ready()).status === 200, '/ready to report the recovery', 20_000);
    for (const { client, conversationId } of sockets) {
      const lastSeq = (await testApp.app.conversations.get(conversationId))!.lastSeq;
      await client.messageWithSeq(lastSeq);
      expect(client.seqs()).toEqual(range(1, lastSeq));
    }

    // And live delivery goes on after the catch-up, without repeats.
    const [{ client, conversationId }] = sockets;
    await otherInstance.append(conversationId, [{ from: 'clerk', text: 'Sunt înapoi.', lang: 'ro' }]);
    await client.messageWithSeq(5);
    expect(client.seqs()).toEqual(range(1, 5));
  });
});
