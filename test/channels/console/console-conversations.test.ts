import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Message } from '../../../src/protocol/message.js';
import { BACKENDS } from '../../support/test-databases.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { addAndLogin, asClerk, handedOff } from './console-helpers.js';

async function transcript(testApp: TestApp, conversationId: string): Promise<Message[]> {
  return testApp.app.conversations.messagesAfter(conversationId, 0);
}

describe.each(BACKENDS)('clerk console conversations (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
  });
  afterAll(async () => testApp?.close());

  it('queues a handoff in the department of the procedure in focus, with a summary for the clerk', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { departments: ['urbanism'] });
    const { conversationId } = await handedOff(app, {
      procedureSlug: 'certificat-urbanism',
      confidence: 0.42,
      lang: 'en',
      question: 'zoning certificate?',
    });
    const queue = await asClerk(app, ana, 'GET', '/api/v1/console/queue?department=urbanism');
    expect(queue.statusCode).toBe(200);
    const item = queue
      .json()
      .items.find((candidate: { conversationId: string }) => candidate.conversationId === conversationId);
    expect(item).toMatchObject({
      status: 'waiting',
      department: 'urbanism',
      clerk: null,
      position: expect.any(Number),
      summary: {
        question: 'zoning certificate?',
        procedureSlug: 'certificat-urbanism',
        confidence: expect.closeTo(0.42, 5),
        lang: 'en',
        reason: 'citizen_request',
      },
    });
    expect(item.summary.procedureTitle).toMatch(/urbanism/i);
    expect(await app.handoff.view(conversationId)).toMatchObject({
      status: 'waiting',
      department: 'urbanism',
      position: item.position,
    });
  });

  it('queues in the general queue when no procedure is in focus', async () => {
    const { app } = testApp;
    const { conversationId } = await handedOff(app, { procedureSlug: null });
    expect((await app.handoff.view(conversationId)).department).toBe('relatii-publice');
  });

  it('lets exactly one of two clerks claim a conversation; the citizen reads the clerk has joined', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { name: 'Ana', departments: ['urbanism'] });
    const bogdan = await addAndLogin(app, { name: 'Bogdan', departments: ['urbanism'] });
    const { conversationId } = await handedOff(app);
    const [first, second] = await Promise.all([
      asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`),
      asClerk(app, bogdan, 'POST', `/api/v1/console/conversations/${conversationId}/claim`),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const winner = first.statusCode === 200 ? 'Ana' : 'Bogdan';
    const view = await app.handoff.view(conversationId);
    expect(view).toMatchObject({ status: 'with_clerk', clerkName: winner });
    const system = (await transcript(testApp, conversationId)).filter((message) => message.from === 'system');
    expect(system.map((message) => message.text)).toEqual([`Un funcționar s-a alăturat: ${winner}`]);
    expect((await app.conversations.get(conversationId))?.status).toBe('with_clerk');
  });

  it('stores replies as clerk messages signed with the display name; only the assigned clerk may reply', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { name: 'Ana', departments: ['urbanism'] });
    const bogdan = await addAndLogin(app, { name: 'Bogdan', departments: ['urbanism'] });
    const { conversationId } = await handedOff(app);
    expect(
      (
        await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/messages`, {
          text: 'Bună ziua',
        })
      ).statusCode,
    ).toBe(409);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
    const reply = await asClerk(
      app,
      ana,
      'POST',
      `/api/v1/console/conversations/${conversationId}/messages`,
      { text: 'Bună ziua, vă ajut eu.', clientMsgId: 'r1' },
    );
    expect(reply.statusCode).toBe(201);
    expect(reply.json().message).toMatchObject({
      from: 'clerk',
      text: 'Bună ziua, vă ajut eu.',
      authorName: 'Ana',
    });
    const again = await asClerk(
      app,
      ana,
      'POST',
      `/api/v1/console/conversations/${conversationId}/messages`,
      { text: 'Bună ziua, vă ajut eu.', clientMsgId: 'r1' },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().message.seq).toBe(reply.json().message.seq);
    const other = await asClerk(
      app,
      bogdan,
      'POST',
      `/api/v1/console/conversations/${conversationId}/messages`,
      { text: 'Și eu' },
    );
    expect(other.statusCode).toBe(403);
    const clerkMessages = (await transcript(testApp, conversationId)).filter(
      (message) => message.from === 'clerk',
    );
    expect(clerkMessages).toHaveLength(1);
  });

  it('shows the full transcript with the bot answers, and keeps internal notes out of the messages', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { departments: ['urbanism'] });
    const { conversation } = await app.conversations.create();
    await app.conversations.append(conversation.id, [
      { from: 'citizen', text: 'certificat de urbanism', lang: 'ro' },
      {
        from: 'bot',
        text: 'Pentru certificatul de urbanism…',
        lang: 'ro',
        procedure: 'certificat-urbanism',
        confidence: 0.3,
        sources: [{ title: 'Primăria', url: 'https://primariaclujnapoca.ro/urbanism/' }],
      },
    ]);
    await app.handoff.request({
      conversationId: conversation.id,
      reason: 'low_confidence',
      question: 'certificat de urbanism',
      procedureSlug: 'certificat-urbanism',
      confidence: 0.3,
      lang: 'ro',
    });
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversation.id}/claim`);
    const note = await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversation.id}/notes`, {
      text: 'Cetățeanul pare să aibă deja avizele.',
    });
    expect(note.statusCode).toBe(201);
    const detail = await asClerk(app, ana, 'GET', `/api/v1/console/conversations/${conversation.id}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.messages[1]).toMatchObject({
      from: 'bot',
      procedure: 'certificat-urbanism',
      sources: [{ url: 'https://primariaclujnapoca.ro/urbanism/' }],
    });
    expect(body.notes).toEqual([expect.objectContaining({ text: 'Cetățeanul pare să aibă deja avizele.' })]);
    const texts = (await transcript(testApp, conversation.id)).map((message) => message.text);
    expect(texts).not.toContain('Cetățeanul pare să aibă deja avizele.');
    const after = await asClerk(
      app,
      ana,
      'GET',
      `/api/v1/console/conversations/${conversation.id}/messages?afterSeq=2`,
    );
    expect(after.json().messages.map((message: Message) => message.seq)).toEqual(
      texts.slice(2).map((_, index) => index + 3),
    );
  });

  it('transfers to another department (back into its queue) with a note, and to a clerk directly', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { name: 'Ana', departments: ['urbanism'] });
    const tax = await addAndLogin(app, { name: 'Tudor', departments: ['taxe'] });
    const { conversationId } = await handedOff(app);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
    const moved = await asClerk(
      app,
      ana,
      'POST',
      `/api/v1/console/conversations/${conversationId}/transfer`,
      { toDepartment: 'taxe', note: 'Întreabă de impozit.' },
    );
    expect(moved.statusCode).toBe(200);
    expect(moved.json().conversation).toMatchObject({ status: 'waiting', department: 'taxe', clerk: null });
    // Ana no longer sees it; Tudor does, with the note.
    expect(
      (await asClerk(app, ana, 'GET', `/api/v1/console/conversations/${conversationId}`)).statusCode,
    ).toBe(403);
    const seen = await asClerk(app, tax, 'GET', `/api/v1/console/conversations/${conversationId}`);
    expect(seen.json().notes.map((note: { text: string }) => note.text)).toEqual(['Întreabă de impozit.']);
    expect((await transcript(testApp, conversationId)).at(-1)?.text).toBe(
      'Conversația a fost transferată către Direcția Impozite și Taxe Locale. Vă rugăm să așteptați un funcționar.',
    );
    await asClerk(app, tax, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);

    const tax2 = await addAndLogin(app, { name: 'Teodora', departments: ['taxe'] });
    const direct = await asClerk(
      app,
      tax,
      'POST',
      `/api/v1/console/conversations/${conversationId}/transfer`,
      { toClerkId: tax2.clerkId },
    );
    expect(direct.json().conversation).toMatchObject({
      status: 'with_clerk',
      clerk: { id: tax2.clerkId, name: 'Teodora' },
    });
    expect(await app.handoff.view(conversationId)).toMatchObject({
      status: 'with_clerk',
      clerkName: 'Teodora',
    });
    // A clerk outside the department cannot be the target.
    const refused = await asClerk(
      app,
      tax2,
      'POST',
      `/api/v1/console/conversations/${conversationId}/transfer`,
      { toClerkId: ana.clerkId },
    );
    expect(refused.statusCode).toBe(400);
  });

  it('closes with an outcome tag, and gives a conversation back to the bot', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { departments: ['urbanism'] });
    const first = await handedOff(app);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${first.conversationId}/claim`);
    const closed = await asClerk(
      app,
      ana,
      'POST',
      `/api/v1/console/conversations/${first.conversationId}/close`,
      { outcome: 'resolved' },
    );
    expect(closed.json().conversation).toMatchObject({ status: 'closed', outcome: 'resolved' });
    expect((await app.handoff.view(first.conversationId)).status).toBe('closed');
    expect(
      (
        await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${first.conversationId}/close`, {
          outcome: 'resolved',
        })
      ).statusCode,
    ).toBe(409);

    const second = await handedOff(app);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${second.conversationId}/claim`);
    const released = await asClerk(
      app,
      ana,
      'POST',
      `/api/v1/console/conversations/${second.conversationId}/release`,
    );
    expect(released.json().conversation.status).toBe('bot');
    expect((await app.handoff.view(second.conversationId)).status).toBe('none');
    expect((await transcript(testApp, second.conversationId)).at(-1)).toMatchObject({
      from: 'system',
      text: 'Conversația a revenit la asistentul virtual.',
    });
    // Closed conversations are listed for the clerk.
    const list = await asClerk(app, ana, 'GET', '/api/v1/console/conversations?scope=closed');
    expect(list.json().items.map((item: { conversationId: string }) => item.conversationId)).toContain(
      first.conversationId,
    );
  });

  it('lets a supervisor reassign any conversation; a clerk may not', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { departments: ['urbanism'] });
    const bogdan = await addAndLogin(app, { name: 'Bogdan', departments: ['urbanism'] });
    const chief = await addAndLogin(app, { role: 'supervisor', departments: [] });
    const { conversationId } = await handedOff(app);
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
    expect(
      (
        await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/reassign`, {
          toClerkId: bogdan.clerkId,
        })
      ).statusCode,
    ).toBe(403);
    const done = await asClerk(
      app,
      chief,
      'POST',
      `/api/v1/console/conversations/${conversationId}/reassign`,
      { toClerkId: bogdan.clerkId },
    );
    expect(done.json().conversation.clerk).toEqual({ id: bogdan.clerkId, name: 'Bogdan' });
  });

  it('lists transfer targets: every department, and the colleagues of one without e-mail addresses', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { name: 'Ana', departments: ['urbanism'] });
    const tudor = await addAndLogin(app, { name: 'Tudor', departments: ['cimitire'] });
    const chief = await addAndLogin(app, { name: 'Șefa', role: 'supervisor', departments: [] });
    const mine = await asClerk(app, ana, 'GET', '/api/v1/console/departments');
    expect(mine.json().departments.map((department: { id: string }) => department.id)).toEqual(['urbanism']);
    const all = await asClerk(app, ana, 'GET', '/api/v1/console/departments?scope=all');
    expect(all.json().departments.map((department: { id: string }) => department.id)).toEqual(
      app.clerkConsole.catalog.departments().map((department) => department.id),
    );
    const colleagues = await asClerk(app, ana, 'GET', '/api/v1/console/colleagues?department=cimitire');
    const items = colleagues.json().items as Array<Record<string, unknown>>;
    expect(items.map((item) => item.id)).toEqual(expect.arrayContaining([tudor.clerkId, chief.clerkId]));
    expect(items.map((item) => item.id)).not.toContain(ana.clerkId);
    expect(items.find((item) => item.id === tudor.clerkId)).toMatchObject({
      name: 'Tudor',
      present: true,
      openChats: 0,
    });
    expect(JSON.stringify(items)).not.toContain('@');
    expect(
      (await asClerk(app, ana, 'GET', '/api/v1/console/colleagues?department=nu-exista')).statusCode,
    ).toBe(400);
  });

  it('returns a procedure summary ready to insert, from the knowledge base', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app);
    const summary = await asClerk(
      app,
      ana,
      'GET',
      '/api/v1/console/procedures/certificat-urbanism/summary?lang=en',
    );
    expect(summary.statusCode).toBe(200);
    const body = summary.json();
    const procedure = app.clerkConsole.catalog.procedure('certificat-urbanism')!;
    expect(body.title).toBe(procedure.title.en);
    expect(body.summary).toBe(procedure.summary.en);
    // The short answer's lead opens the text (the whole summary when it is short enough).
    expect(body.lead.length).toBeGreaterThan(0);
    expect(body.text.startsWith(body.lead)).toBe(true);
    expect(body.text).toContain(procedure.sources[0].url);
    expect(
      (await asClerk(app, ana, 'GET', '/api/v1/console/procedures/no-such-thing/summary')).statusCode,
    ).toBe(404);
    const list = await asClerk(app, ana, 'GET', '/api/v1/console/procedures?q=urbanism');
    expect(list.json().items.map((item: { slug: string }) => item.slug)).toContain('certificat-urbanism');
  });

  it('records who viewed, claimed, replied, noted, transferred and closed, readable by supervisors only', async () => {
    const { app } = testApp;
    const ana = await addAndLogin(app, { departments: ['urbanism', 'taxe'] });
    const chief = await addAndLogin(app, { role: 'supervisor', departments: [] });
    const { conversationId } = await handedOff(app);
    const base = `/api/v1/console/conversations/${conversationId}`;
    await asClerk(app, ana, 'GET', base);
    await asClerk(app, ana, 'POST', `${base}/claim`);
    await asClerk(app, ana, 'POST', `${base}/messages`, { text: 'Bună ziua' });
    await asClerk(app, ana, 'POST', `${base}/notes`, { text: 'notă' });
    await asClerk(app, ana, 'POST', `${base}/transfer`, { toDepartment: 'taxe' });
    await asClerk(app, ana, 'POST', `${base}/claim`);
    await asClerk(app, ana, 'POST', `${base}/close`, { outcome: 'referred' });
    expect(
      (await asClerk(app, ana, 'GET', `/api/v1/console/audit?conversationId=${conversationId}`)).statusCode,
    ).toBe(403);
    const audit = await asClerk(app, chief, 'GET', `/api/v1/console/audit?conversationId=${conversationId}`);
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().items as Array<{
      action: string;
      actor: { id: string } | null;
      detail: Record<string, unknown>;
    }>;
    expect(entries.map((entry) => entry.action).reverse()).toEqual([
      'view',
      'claim',
      'reply',
      'note',
      'transfer',
      'claim',
      'close',
    ]);
    expect(entries.every((entry) => entry.actor?.id === ana.clerkId)).toBe(true);
    expect(entries[0].detail).toEqual({ outcome: 'referred' });
  });
});
