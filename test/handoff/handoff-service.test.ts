import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationEvent } from '../../src/conversations/conversation-events.js';
import { AutoAssignment } from '../../src/handoff/auto-assignment.js';
import { HandoffEffects } from '../../src/handoff/handoff-effects.js';
import { LeaveMessageError } from '../../src/handoff/handoff-port.js';
import { HandoffService } from '../../src/handoff/handoff-service.js';
import { localTime, OfficeHours } from '../../src/handoff/office-hours.js';
import { TicketStore } from '../../src/handoff/ticket-store.js';
import { BACKENDS } from '../support/test-databases.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { waitFor } from '../support/wait-for.js';
import { addAndLogin, asClerk, handedOff } from '../channels/console/console-helpers.js';

/** A handoff service over the test app's parts, with departments' office hours and a clock the test sets. */
function serviceWithClock(testApp: TestApp, now: () => Date, noClerkTimeoutSeconds: number): HandoffService {
  const { app } = testApp;
  const effects = new HandoffEffects(app.conversations, app.conversationEvents);
  return new HandoffService({
    database: app.db,
    conversations: app.conversations,
    catalog: app.clerkConsole.catalog,
    officeHours: new OfficeHours('departments', 'Europe/Bucharest'),
    tickets: new TicketStore(app.db),
    effects,
    assignment: new AutoAssignment(app.db, app.conversations, effects, app.clerkConsole.audit, 5),
    timeZone: 'Europe/Bucharest',
    noClerkTimeoutSeconds,
    now,
  });
}

async function systemTexts(testApp: TestApp, conversationId: string): Promise<string[]> {
  const messages = await testApp.app.conversations.messagesAfter(conversationId, 0);
  return messages.filter((message) => message.from === 'system').map((message) => message.text);
}

describe.each(BACKENDS)('handoff service (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
  });
  afterAll(async () => testApp?.close());

  describe('states bot → waiting → with_clerk → closed / back to bot', () => {
    it('queues once, announces status and queue, and gives positions in order', async () => {
      const { app } = testApp;
      const events: ConversationEvent[] = [];
      const unsubscribe = app.conversationEvents.subscribeAll((event) => events.push(event));
      const first = await handedOff(app, { procedureSlug: 'impozit-cladiri' });
      const second = await handedOff(app, { procedureSlug: 'impozit-teren' });
      const again = await app.handoff.request({
        conversationId: first.conversationId,
        reason: 'citizen_request',
        question: 'din nou',
        procedureSlug: null,
        confidence: null,
        lang: 'ro',
      });
      expect(again).toMatchObject({ status: 'waiting', department: 'taxe', position: 1 });
      expect(await app.handoff.view(second.conversationId)).toMatchObject({
        status: 'waiting',
        department: 'taxe',
        position: 2,
        estimatedWaitMinutes: 4,
      });
      const { rows } = await app.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM handoffs WHERE conversation_id = $1',
        [first.conversationId],
      );
      expect(rows[0].count).toBe(1);
      await waitFor(
        () =>
          events.some((event) => event.kind === 'status' && event.conversationId === second.conversationId) &&
          events.some((event) => event.kind === 'queue' && event.department === 'taxe'),
        'status and queue events',
      );
      unsubscribe();
      expect((await app.conversations.get(first.conversationId))?.status).toBe('waiting');
    });

    it('lets the citizen cancel while waiting and while with a clerk: back to the bot, in their language', async () => {
      const { app } = testApp;
      const waiting = await handedOff(app, { lang: 'hu' });
      expect(await app.handoff.cancel(waiting.conversationId)).toBe(true);
      expect(await app.handoff.cancel(waiting.conversationId)).toBe(false);
      expect((await app.conversations.get(waiting.conversationId))?.status).toBe('bot');
      expect(await app.handoff.view(waiting.conversationId)).toMatchObject({ status: 'none' });
      expect(await systemTexts(testApp, waiting.conversationId)).toEqual([
        'A beszélgetést ismét a virtuális asszisztens folytatja.',
      ]);

      const ana = await addAndLogin(app, { name: 'Ana', departments: ['urbanism'] });
      const withClerk = await handedOff(app, { lang: 'en' });
      await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${withClerk.conversationId}/claim`);
      expect(await app.handoff.cancel(withClerk.conversationId)).toBe(true);
      expect(await systemTexts(testApp, withClerk.conversationId)).toEqual([
        'A clerk has joined: Ana',
        'The conversation is back with the virtual assistant.',
      ]);
      const reply = await asClerk(
        app,
        ana,
        'POST',
        `/api/v1/console/conversations/${withClerk.conversationId}/messages`,
        { text: 'hello?' },
      );
      expect(reply.statusCode).toBe(409);
    });

    it('queues a closed conversation again (closed → bot → waiting)', async () => {
      const { app } = testApp;
      const ana = await addAndLogin(app, { departments: ['urbanism'] });
      const { conversationId } = await handedOff(app);
      await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`);
      await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/close`, {
        outcome: 'resolved',
      });
      expect((await app.handoff.view(conversationId)).status).toBe('closed');
      const view = await app.handoff.request({
        conversationId,
        reason: 'citizen_request',
        question: 'încă ceva',
        procedureSlug: null,
        confidence: null,
        lang: 'ro',
      });
      expect(view).toMatchObject({ status: 'waiting', department: 'relatii-publice' });
    });

    it('reports no handoff for conversations never handed off', async () => {
      const { app } = testApp;
      const { conversation } = await app.conversations.create();
      expect(await app.handoff.view(conversation.id)).toEqual({
        status: 'none',
        department: null,
        position: null,
        estimatedWaitMinutes: null,
        clerkName: null,
        ticketOffered: false,
        ticketNumber: null,
      });
      expect(await app.handoff.cancel(conversation.id)).toBe(false);
    });
  });

  describe('tickets', () => {
    it('registers a left message with a yearly number the citizen sees, and takes the conversation out of the queue', async () => {
      const { app } = testApp;
      const { conversationId } = await handedOff(app, { procedureSlug: 'casatorie' });
      const result = await app.handoff.leaveMessage(conversationId, {
        name: 'Ion Pop',
        contact: '+40 722 123 456',
        question: 'Ce acte trebuie pentru cununie?',
      });
      const year = localTime(new Date(), 'Europe/Bucharest').date.slice(0, 4);
      expect(result.ticketNumber).toMatch(new RegExp(`^ANT-${year}-\\d{6}$`));
      expect(result.view).toMatchObject({
        status: 'none',
        ticketNumber: result.ticketNumber,
        department: 'stare-civila',
      });
      expect((await app.conversations.get(conversationId))?.status).toBe('bot');
      expect((await systemTexts(testApp, conversationId)).at(-1)).toBe(
        `Mesajul dumneavoastră a fost înregistrat cu numărul ${result.ticketNumber}. Un funcționar vă va contacta.`,
      );
      const next = await app.handoff.leaveMessage((await handedOff(app)).conversationId, {
        name: 'Ana',
        contact: 'ana@example.org',
        question: 'Altă întrebare',
      });
      expect(Number(next.ticketNumber.slice(-6))).toBe(Number(result.ticketNumber.slice(-6)) + 1);

      const clerk = await addAndLogin(app, { departments: ['stare-civila'] });
      const list = await asClerk(app, clerk, 'GET', '/api/v1/console/tickets?status=open');
      expect(list.json().items).toEqual([
        expect.objectContaining({
          number: result.ticketNumber,
          name: 'Ion Pop',
          contact: '+40 722 123 456',
          department: 'stare-civila',
          status: 'open',
        }),
      ]);
      const closed = await asClerk(
        app,
        clerk,
        'POST',
        `/api/v1/console/tickets/${result.ticketNumber}/close`,
      );
      expect(closed.json().ticket).toMatchObject({ status: 'closed', closedBy: { id: clerk.clerkId } });
    });

    it('accepts a message without a handoff (general queue) and refuses invalid contact data', async () => {
      const { app } = testApp;
      const { conversation } = await app.conversations.create({ lang: 'en' });
      const result = await app.handoff.leaveMessage(conversation.id, {
        name: 'John',
        contact: 'john@example.org',
        question: 'Hello?',
      });
      expect(result.view).toMatchObject({ department: 'relatii-publice', ticketNumber: result.ticketNumber });
      await expect(
        app.handoff.leaveMessage(conversation.id, { name: 'John', contact: 'call me', question: 'x' }),
      ).rejects.toMatchObject({
        name: 'LeaveMessageError',
        field: 'contact',
      });
      await expect(
        app.handoff.leaveMessage(conversation.id, { name: '', contact: 'john@example.org', question: 'x' }),
      ).rejects.toBeInstanceOf(LeaveMessageError);
    });

    it('offers a ticket to a citizen who waited past HANDOFF_NO_CLERK_TIMEOUT_S, once', async () => {
      const { app } = testApp;
      const { conversationId } = await handedOff(app, { procedureSlug: 'petitie' });
      expect((await app.handoff.view(conversationId)).ticketOffered).toBe(false);
      await app.db.query(
        `UPDATE handoffs SET queued_at = now() - interval '1 hour' WHERE conversation_id = $1`,
        [conversationId],
      );
      await app.handoff.sweep();
      await app.handoff.sweep();
      expect(await app.handoff.view(conversationId)).toMatchObject({
        status: 'waiting',
        ticketOffered: true,
      });
      expect(await systemTexts(testApp, conversationId)).toEqual([
        'Momentan niciun funcționar nu este disponibil. Ne puteți lăsa un mesaj (numele, e-mailul sau telefonul și întrebarea), iar un funcționar vă va contacta. Puteți și să așteptați în continuare.',
      ]);
    });
  });

  describe('outside office hours', () => {
    it('offers a ticket to citizens still waiting when their department closes', async () => {
      const { app } = testApp;
      let now = new Date('2026-03-02T12:00:00Z'); // Monday 14:00 in Cluj: urbanism is open
      const service = serviceWithClock(testApp, () => now, 86_400);
      const { conversation } = await app.conversations.create();
      const queued = await service.request({
        conversationId: conversation.id,
        reason: 'citizen_request',
        question: 'certificat de urbanism',
        procedureSlug: 'certificat-urbanism',
        confidence: 0.8,
        lang: 'ro',
      });
      expect(queued).toMatchObject({ status: 'waiting', ticketOffered: false });
      now = new Date('2026-03-02T14:30:00Z'); // 16:30: closed
      await service.sweep();
      expect(await service.view(conversation.id)).toMatchObject({ status: 'waiting', ticketOffered: true });
      expect((await systemTexts(testApp, conversation.id)).at(-1)).toMatch(
        /^Funcționarii răspund în chat doar în timpul programului\..*începe marți, 03\.03\.2026, la ora 08:00\.$/,
      );
      await service.cancel(conversation.id);
    });

    it('offers a ticket instead of queueing, and says when the office opens again', async () => {
      const { app } = testApp;
      const saturday = new Date('2026-03-07T10:00:00Z');
      const service = serviceWithClock(testApp, () => saturday, 180);
      const { conversation } = await app.conversations.create();
      const view = await service.request({
        conversationId: conversation.id,
        reason: 'citizen_request',
        question: 'autorizație de construire',
        procedureSlug: 'autorizatie-construire',
        confidence: 0.9,
        lang: 'ro',
      });
      expect(view).toMatchObject({
        status: 'offline',
        department: 'urbanism',
        ticketOffered: true,
        position: null,
      });
      expect((await app.conversations.get(conversation.id))?.status).toBe('bot');
      expect(await systemTexts(testApp, conversation.id)).toEqual([
        'Funcționarii răspund în chat doar în timpul programului. Ne puteți lăsa un mesaj (numele, e-mailul sau telefonul și întrebarea), iar un funcționar vă va contacta. Următorul interval de program începe luni, 09.03.2026, la ora 08:00.',
      ]);
      const { ticketNumber } = await service.leaveMessage(conversation.id, {
        name: 'Ion',
        contact: 'ion@example.org',
        question: 'autorizație de construire',
      });
      expect(ticketNumber).toMatch(/^ANT-2026-\d{6}$/);
      expect(await service.view(conversation.id)).toMatchObject({ status: 'none', ticketNumber });
    });
  });
});

describe.each(BACKENDS)('automatic assignment (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, {
      HANDOFF_OFFICE_HOURS: 'always',
      HANDOFF_MAX_CHATS_PER_CLERK: '2',
    });
  });
  afterAll(async () => testApp?.close());

  it('gives chats to the present, available clerk with the fewest open chats, never above the maximum', async () => {
    const { app } = testApp;
    const dept = { departments: ['mediu'] };
    const procedureSlug = 'aviz-taiere-arbori';
    const ana = await addAndLogin(app, { name: 'Ana', ...dept });
    const bogdan = await addAndLogin(app, { name: 'Bogdan', ...dept });
    const away = await addAndLogin(app, { name: 'Away', ...dept });
    const gone = await addAndLogin(app, { name: 'Gone', ...dept });
    const first = await handedOff(app, { procedureSlug });
    // Nobody available yet: it waits.
    expect((await app.handoff.view(first.conversationId)).status).toBe('waiting');
    expect(
      (await asClerk(app, bogdan, 'POST', `/api/v1/console/conversations/${first.conversationId}/claim`))
        .statusCode,
    ).toBe(200);
    // "Gone" is available but has not been seen for 10 minutes (closed the console without logging out).
    await asClerk(app, gone, 'PUT', '/api/v1/console/me/availability', { availability: 'available' });
    await app.db.query(`UPDATE clerks SET last_seen_at = now() - interval '10 minutes' WHERE id = $1`, [
      gone.clerkId,
    ]);
    // Ana becomes available with no chats, Bogdan with one: Ana gets the next.
    await asClerk(app, ana, 'PUT', '/api/v1/console/me/availability', { availability: 'available' });
    await asClerk(app, bogdan, 'PUT', '/api/v1/console/me/availability', { availability: 'available' });
    const second = await handedOff(app, { procedureSlug });
    expect(await app.handoff.view(second.conversationId)).toMatchObject({
      status: 'with_clerk',
      clerkName: 'Ana',
    });
    const third = await handedOff(app, { procedureSlug });
    const fourth = await handedOff(app, { procedureSlug });
    const names = [
      (await app.handoff.view(third.conversationId)).clerkName,
      (await app.handoff.view(fourth.conversationId)).clerkName,
    ].sort();
    expect(names).toEqual(['Ana', 'Bogdan']);
    // Both at the maximum (2): the fifth waits, even though "Away" and "Gone" are members.
    const fifth = await handedOff(app, { procedureSlug });
    expect(await app.handoff.view(fifth.conversationId)).toMatchObject({ status: 'waiting', position: 1 });
    expect(away.clerkId).toBeDefined();
    // Ana closes one: the fifth goes to her at once.
    await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${second.conversationId}/close`, {
      outcome: 'resolved',
    });
    expect(await app.handoff.view(fifth.conversationId)).toMatchObject({
      status: 'with_clerk',
      clerkName: 'Ana',
    });
    expect(await systemTexts(testApp, fifth.conversationId)).toEqual(['Un funcționar s-a alăturat: Ana']);
    const { rows } = await app.db.query<{ actor_id: string | null; target_clerk_id: string }>(
      `SELECT actor_id, target_clerk_id FROM audit_log WHERE action = 'auto_assign' AND conversation_id = $1`,
      [fifth.conversationId],
    );
    expect(rows).toEqual([{ actor_id: null, target_clerk_id: ana.clerkId }]);
    const open = await app.db.query<{ clerk_id: string; count: number }>(
      `SELECT clerk_id, count(*)::int AS count FROM handoffs WHERE state = 'with_clerk' GROUP BY clerk_id`,
    );
    expect(open.rows.every((row) => row.count <= 2)).toBe(true);
  });

  it('assigns waiting chats when a clerk becomes available', async () => {
    const { app } = testApp;
    const { conversationId } = await handedOff(app, { procedureSlug: 'locuinta-sociala' });
    expect((await app.handoff.view(conversationId)).status).toBe('waiting');
    const clerk = await addAndLogin(app, { name: 'Lia', departments: ['locuire'] });
    const me = await asClerk(app, clerk, 'PUT', '/api/v1/console/me/availability', {
      availability: 'available',
    });
    expect(me.json().clerk).toMatchObject({ availability: 'available', openChats: 1 });
    expect(await app.handoff.view(conversationId)).toMatchObject({ status: 'with_clerk', clerkName: 'Lia' });
  });
});
