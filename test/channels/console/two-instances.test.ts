import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { PostgresDatabase } from '../../../src/storage/postgres-database.js';
import { BACKENDS, type Backend, type TestDatabase } from '../../support/test-databases.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { addClerk, asClerk, login, type ClerkLogin } from './console-helpers.js';
import { FrameLog, listen, openConsoleSocket } from './console-socket-client.js';

/**
 * Two service instances on one database, as behind a load balancer without sticky sessions: the citizen
 * on instance A (the real /ws/chat), the clerk on instance B (/ws/console), and back. On PostgreSQL each
 * instance has its own pool and LISTEN connection, so everything between them goes through the server's
 * LISTEN/NOTIFY; on PGlite (one process) the two instances share the embedded database.
 */
async function secondDatabase(backend: Backend, first: TestDatabase): Promise<TestDatabase> {
  if (backend === 'pglite') return { database: first.database, dispose: async () => undefined };
  const database = await PostgresDatabase.open({ connectionString: first.url!, poolMax: 5 });
  return { database, url: first.url, dispose: () => database.close() };
}

function openCitizenSocket(baseUrl: string, hello: Record<string, unknown>): Promise<FrameLog> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/chat`, {
      headers: { origin: baseUrl },
    });
    const log = new FrameLog(socket);
    socket.once('open', () => {
      log.send({ type: 'hello', v: 1, ...hello });
      resolve(log);
    });
    socket.once('error', reject);
  });
}

describe.each(BACKENDS)('two instances on one database (%s)', (backend) => {
  let a: TestApp;
  let b: TestApp;
  let bDatabase: TestDatabase;
  let aUrl: string;
  let bUrl: string;
  const sockets: FrameLog[] = [];

  beforeAll(async () => {
    const overrides = { HANDOFF_OFFICE_HOURS: 'always' } as const;
    a = await buildTestApp(backend, overrides);
    bDatabase = await secondDatabase(backend, a.testDatabase);
    b = await buildTestApp(backend, overrides, bDatabase);
    aUrl = await listen(a.app);
    bUrl = await listen(b.app);
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.close();
    await b?.close();
    await bDatabase?.dispose();
    await a?.close();
  });

  it('delivers citizen → clerk and clerk → citizen across instances, and resumes a dropped clerk socket on the other instance', async () => {
    const ana = await addClerk(a.app, { name: 'Ana', departments: ['relatii-publice'] });
    const onB: ClerkLogin = await login(b.app, ana.email);
    const clerkSocket = await openConsoleSocket(bUrl, onB.cookie);
    sockets.push(clerkSocket);
    await clerkSocket.next(
      (frame) => frame.type === 'queue' && frame.department === 'relatii-publice',
      'initial queue',
    );

    // Given a citizen on instance A who asks for a person
    const citizen = await openCitizenSocket(aUrl, { lang: 'ro' });
    sockets.push(citizen);
    const welcome = await citizen.next((frame) => frame.type === 'welcome', 'welcome');
    const conversationId = welcome.conversationId as string;
    await a.app.conversations.append(conversationId, [
      { from: 'citizen', text: 'Aș vrea să vorbesc cu un funcționar.', lang: 'ro', clientMsgId: 'q-1' },
    ]);
    citizen.send({ type: 'handoff.request' });

    // Then the clerk on instance B sees it in the queue and claims it
    await clerkSocket.next(
      (frame) =>
        frame.type === 'queue' &&
        frame.items.some((item: { conversationId: string }) => item.conversationId === conversationId),
      'the handoff in the queue on B',
    );
    const claim = await asClerk(b.app, onB, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
    expect(claim.statusCode).toBe(200);
    clerkSocket.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    await clerkSocket.next((frame) => frame.type === 'subscribed', 'subscribed');

    // When the citizen writes on A, the clerk on B receives it
    await a.app.conversations.append(conversationId, [
      { from: 'citizen', text: 'Bună ziua!', lang: 'ro', clientMsgId: 'q-2' },
    ]);
    await clerkSocket.next(
      (frame) => frame.type === 'message' && frame.message.text === 'Bună ziua!',
      'citizen message on B',
    );

    // When the clerk replies on B, the citizen on A receives it with the clerk's name
    await asClerk(b.app, onB, 'POST', `/api/v1/console/conversations/${conversationId}/messages`, {
      text: 'Bună ziua, sunt Ana.',
    });
    const reply = await citizen.next(
      (frame) => frame.type === 'message' && frame.text === 'Bună ziua, sunt Ana.',
      'clerk reply on A',
    );
    expect(reply).toMatchObject({ from: 'clerk', authorName: 'Ana' });
    await citizen.next(
      (frame) => frame.type === 'message' && frame.text === 'Un funcționar s-a alăturat: Ana',
      'joined message on A',
    );

    // When the clerk's socket drops and the citizen keeps writing, a new socket on the OTHER instance
    // resumes from the last seq it had, with nothing lost and nothing repeated
    const kept = Math.max(...clerkSocket.seqs(conversationId));
    clerkSocket.socket.terminate();
    for (let n = 1; n <= 5; n += 1) {
      await a.app.conversations.append(conversationId, [
        { from: 'citizen', text: `între timp ${n}`, lang: 'ro', clientMsgId: `gap-${n}` },
      ]);
    }
    const onA = await openConsoleSocket(aUrl, onB.cookie); // the same session works on any instance
    sockets.push(onA);
    onA.send({ type: 'subscribe', conversationId, lastSeq: kept });
    await onA.next((frame) => frame.type === 'subscribed', 'resubscribed on A');
    await b.app.conversations.append(conversationId, [
      { from: 'citizen', text: 'ultimul', lang: 'ro', clientMsgId: 'last' },
    ]);
    await onA.next(
      (frame) => frame.type === 'message' && frame.message.text === 'ultimul',
      'live message after resume',
    );
    const lastSeq = (await a.app.conversations.get(conversationId))!.lastSeq;
    expect([...clerkSocket.seqs(conversationId), ...onA.seqs(conversationId)]).toEqual(
      Array.from({ length: lastSeq }, (_, i) => i + 1),
    );
    // The citizen's socket on A got every message once, in order.
    const citizenSeqs = citizen.frames
      .filter((frame) => frame.type === 'message')
      .map((frame) => frame.seq as number);
    expect(citizenSeqs).toEqual([...new Set(citizenSeqs)].sort((x, y) => x - y));
  });
});
