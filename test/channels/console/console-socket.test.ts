import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BACKENDS } from '../../support/test-databases.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { addAndLogin, asClerk, handedOff } from './console-helpers.js';
import { listen, openConsoleSocket, type FrameLog } from './console-socket-client.js';

describe.each(BACKENDS)('clerk console socket /ws/console (%s)', (backend) => {
  let testApp: TestApp;
  let baseUrl: string;
  const sockets: FrameLog[] = [];
  const open = async (...args: Parameters<typeof openConsoleSocket>) => {
    const log = await openConsoleSocket(...args);
    sockets.push(log);
    return log;
  };

  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
    baseUrl = await listen(testApp.app);
  });
  afterAll(async () => {
    for (const log of sockets) await log.close();
    await testApp?.close();
  });

  it('refuses the upgrade without a session, with a citizen token, and from another origin', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app);
    const { token } = await handedOff(app);
    await expect(openConsoleSocket(baseUrl, undefined)).rejects.toMatchObject({ statusCode: 401 });
    await expect(openConsoleSocket(baseUrl, `antonia_console=${token}`)).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(openConsoleSocket(baseUrl, ana.cookie, 'https://evil.example')).rejects.toMatchObject({
      statusCode: 403,
    });
    await expect(openConsoleSocket(baseUrl, ana.cookie, null)).rejects.toMatchObject({ statusCode: 403 });
  });

  it('greets with the clerk and the queues of their departments only, then keeps the queue live', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { name: 'Ana', departments: ['urbanism', 'mediu'] });
    const waiting = await handedOff(app, { procedureSlug: 'certificat-urbanism' });
    const log = await open(baseUrl, ana.cookie);
    const hello = await log.next((frame) => frame.type === 'hello', 'hello');
    expect(hello.clerk).toMatchObject({ id: ana.clerkId, name: 'Ana' });
    await log.next((frame) => frame.type === 'queue' && frame.department === 'mediu', 'mediu queue');
    const urbanism = await log.next(
      (frame) => frame.type === 'queue' && frame.department === 'urbanism',
      'urbanism queue',
    );
    expect(urbanism.items.map((item: { conversationId: string }) => item.conversationId)).toContain(
      waiting.conversationId,
    );
    expect(urbanism).toMatchObject({ openNow: true, availableClerks: 0 });
    expect(
      log.frames
        .filter((frame) => frame.type === 'queue')
        .map((frame) => frame.department)
        .sort(),
    ).toEqual(['mediu', 'urbanism']);

    const later = await handedOff(app, { procedureSlug: 'aviz-taiere-arbori' });
    const update = await log.next(
      (frame) =>
        frame.type === 'queue' &&
        frame.department === 'mediu' &&
        frame.items.some((item: { conversationId: string }) => item.conversationId === later.conversationId),
      'mediu queue with the new handoff',
    );
    expect(update.items.at(-1)).toMatchObject({
      status: 'waiting',
      summary: { procedureSlug: 'aviz-taiere-arbori' },
    });
    // A handoff of another department is not announced to Ana.
    const other = await handedOff(app, { procedureSlug: 'impozit-cladiri' });
    // Events are handled in order: once a later mediu handoff has arrived, the taxe one was handled too.
    const marker = await handedOff(app, { procedureSlug: 'aviz-taiere-arbori' });
    await log.next(
      (frame) =>
        frame.type === 'queue' &&
        frame.items.some((item: { conversationId: string }) => item.conversationId === marker.conversationId),
      'the later mediu handoff',
    );
    expect(JSON.stringify(log.frames)).not.toContain(other.conversationId);
  });

  it('sends the clerk their own profile and the live count of available clerks when availability changes', async () => {
    const { app } = testApp;
    // A department nobody waits in, so becoming available assigns nothing that other tests rely on.
    const mira = await addAndLogin(app, { name: 'Mira', departments: ['cimitire'] });
    const log = await open(baseUrl, mira.cookie);
    await log.next(
      (frame) => frame.type === 'queue' && frame.department === 'cimitire' && frame.availableClerks === 0,
      'none available',
    );
    await asClerk(app, mira, 'PUT', '/api/v1/console/me/availability', { availability: 'available' });
    await log.next((frame) => frame.type === 'me' && frame.clerk.availability === 'available', 'me frame');
    await log.next(
      (frame) => frame.type === 'queue' && frame.department === 'cimitire' && frame.availableClerks === 1,
      'one available',
    );
    await asClerk(app, mira, 'PUT', '/api/v1/console/me/availability', { availability: 'away' });
    await log.next((frame) => frame.type === 'me' && frame.clerk.availability === 'away', 'away again');
  });

  it('delivers a subscribed conversation in seq order: the stored transcript, then live messages, notes and typing', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { name: 'Ana', departments: ['urbanism'] });
    const { conversationId } = await handedOff(app);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
    const log = await open(baseUrl, ana.cookie);
    log.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    const subscribed = await log.next((frame) => frame.type === 'subscribed', 'subscribed');
    expect(log.seqs(conversationId)).toEqual([1, 2]); // the citizen's question, "Un funcționar s-a alăturat: Ana"
    expect(subscribed.lastSeq).toBe(2);

    await app.conversations.append(conversationId, [
      { from: 'citizen', text: 'Mulțumesc!', lang: 'ro', clientMsgId: 'c-1' },
    ]);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/messages`, {
      text: 'Cu plăcere.',
    });
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/notes`, {
      text: 'notă internă',
    });
    await app.conversationEvents.publish({ kind: 'typing', conversationId, from: 'citizen' });
    await log.next((frame) => frame.type === 'typing' && frame.from === 'citizen', 'citizen typing');
    await log.next((frame) => frame.type === 'note' && frame.note.text === 'notă internă', 'note');
    await log.next((frame) => frame.type === 'message' && frame.message.seq === 4, 'seq 4');
    expect(log.seqs(conversationId)).toEqual([1, 2, 3, 4]);
    const texts = log.frames.filter((frame) => frame.type === 'message').map((frame) => frame.message.text);
    expect(texts.slice(2)).toEqual(['Mulțumesc!', 'Cu plăcere.']);
    // The clerk's own typing is not echoed back to them.
    log.send({ type: 'typing', conversationId });
    log.send({ type: 'ping' });
    await log.next((frame) => frame.type === 'pong', 'pong');
    expect(log.frames.some((frame) => frame.type === 'typing' && frame.from === 'clerk')).toBe(false);
  });

  it("refuses subscriptions and typing outside the clerk's departments", async () => {
    const { app } = testApp;
    const outsider = await addAndLogin(app, { departments: ['taxe'] });
    const { conversationId } = await handedOff(app);
    const log = await open(baseUrl, outsider.cookie);
    log.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    log.send({ type: 'typing', conversationId });
    log.send({ type: 'nonsense' });
    await waitForErrors(log, 3);
    expect(log.frames.filter((frame) => frame.type === 'error').map((frame) => frame.code)).toEqual([
      'forbidden',
      'forbidden',
      'validation_failed',
    ]);
    expect(log.seqs(conversationId)).toEqual([]);
  });

  it('resumes a dropped socket from lastSeq without losing or repeating a message', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { departments: ['urbanism'] });
    const { conversationId } = await handedOff(app);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
    const first = await open(baseUrl, ana.cookie);
    first.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    await first.next((frame) => frame.type === 'subscribed', 'subscribed');
    const citizenSays = (n: number) =>
      app.conversations.append(conversationId, [
        { from: 'citizen', text: `mesaj ${n}`, lang: 'ro', clientMsgId: `m-${n}` },
      ]);
    await citizenSays(1);
    await first.next((frame) => frame.type === 'message' && frame.message.text === 'mesaj 1', 'mesaj 1');
    const kept = Math.max(...first.seqs(conversationId));
    first.socket.terminate(); // dropped, no close handshake
    for (let n = 2; n <= 6; n += 1) await citizenSays(n);

    const second = await open(baseUrl, ana.cookie);
    second.send({ type: 'subscribe', conversationId, lastSeq: kept });
    await second.next((frame) => frame.type === 'subscribed', 'resubscribed');
    await citizenSays(7);
    await second.next((frame) => frame.type === 'message' && frame.message.text === 'mesaj 7', 'mesaj 7');
    const all = [...first.seqs(conversationId), ...second.seqs(conversationId)];
    const last = (await app.conversations.get(conversationId))!.lastSeq;
    expect(all).toEqual(Array.from({ length: last }, (_, index) => index + 1));
  });

  it('tells a clerk when a conversation leaves their sight, and closes the socket at logout', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { departments: ['urbanism'] });
    const { conversationId } = await handedOff(app);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
    const log = await open(baseUrl, ana.cookie);
    log.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    await log.next((frame) => frame.type === 'subscribed', 'subscribed');
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/transfer`, {
      toDepartment: 'taxe',
    });
    await log.next((frame) => frame.type === 'gone' && frame.conversationId === conversationId, 'gone');
    await asClerk(app, ana, 'POST', '/api/v1/console/logout');
    await waitForClose(log);
    expect(log.closeCode).toBe(4401);
  });
});

async function waitForErrors(log: FrameLog, count: number): Promise<void> {
  await log.next(
    () => log.frames.filter((frame) => frame.type === 'error').length >= count,
    `${count} errors`,
  );
}

async function waitForClose(log: FrameLog): Promise<void> {
  await log.next(() => log.closeCode !== undefined, 'socket closed');
}
