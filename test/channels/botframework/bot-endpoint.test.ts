import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BACKENDS } from '../../support/test-databases.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';

interface ReplyActivity {
  type: string;
  name?: string;
  text?: string;
  textFormat?: string;
  value?: unknown;
  suggestedActions?: { actions: Array<{ type: string; title: string; value: { action: string } }> };
  attachments?: Array<{ contentType: string }>;
}

/** An activity as Direct Line / the Emulator sends it, asking for the replies in the HTTP response. */
function activity(conversationId: string, fields: Record<string, unknown>) {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(),
    from: { id: 'citizen-1', name: 'Citizen' },
    recipient: { id: 'antonia', name: 'ANTONIA' },
    conversation: { id: conversationId },
    locale: 'ro-RO',
    ...fields,
  };
}

describe.each(BACKENDS)('Bot Framework endpoint on %s', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, {
      HANDOFF_OFFICE_HOURS: 'always',
      API_RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const send = async (payload: Record<string, unknown>) => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/messages', payload });
    return {
      statusCode: response.statusCode,
      activities: (response.json()?.activities ?? []) as ReplyActivity[],
      response,
    };
  };

  it('answers a question with the same engine as the other channels, in plain text', async () => {
    const conversation = `bf-${randomUUID()}`;
    const { statusCode, activities } = await send(
      activity(conversation, { text: 'Cum declar nașterea copilului?' }),
    );
    expect(statusCode).toBe(200);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ type: 'message', textFormat: 'plain' });
    const stored = await testApp.app.conversations.findByExternalId(
      'botframework',
      `emulator:${conversation}`,
    );
    const messages = await testApp.app.conversations.messagesAfter(stored!.id, 0);
    expect(messages.map((message) => message.from)).toEqual(['citizen', 'bot']);
    expect(messages[1].procedure).toBe('inregistrare-nastere');
    expect(activities[0].text).toBe(messages[1].text);
  });

  it('answers a redelivered activity once', async () => {
    const conversation = `bf-${randomUUID()}`;
    const first = activity(conversation, { text: 'Cât costă declararea nașterii?' });
    await send(first);
    const again = await send(first);
    expect(again.activities).toHaveLength(1);
    const stored = await testApp.app.conversations.findByExternalId(
      'botframework',
      `emulator:${conversation}`,
    );
    expect(await testApp.app.conversations.messagesAfter(stored!.id, 0)).toHaveLength(2);
  });

  it('offers quick replies as messageBack actions and continues with the one picked', async () => {
    const conversation = `bf-${randomUUID()}`;
    const declined = await send(
      activity(conversation, { text: 'Care este cel mai bun restaurant cu pizza din Cluj?' }),
    );
    const actions = declined.activities[0].suggestedActions?.actions ?? [];
    expect(actions.map((action) => [action.type, action.value.action])).toEqual([
      ['messageBack', 'handoff:request'],
    ]);
    // The citizen picks the clerk: the turn raises the handoff protocol event.
    const picked = await send(activity(conversation, { text: actions[0].title, value: actions[0].value }));
    const event = picked.activities.find((reply) => reply.type === 'event');
    expect(event).toMatchObject({ name: 'handoff.initiate' });
    expect(event?.attachments?.[0].contentType).toBe('application/json');
    const stored = await testApp.app.conversations.findByExternalId(
      'botframework',
      `emulator:${conversation}`,
    );
    expect(stored?.status).toBe('waiting');
  });

  it('answers 400 (JSON) for a body that is not an activity', async () => {
    const { response } = await send({ foo: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });
});

describe('Bot Framework endpoint with an app id configured', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp('pglite', {
      MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    });
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('refuses a request without a Bot Framework token (no call to Microsoft is needed to say no)', async () => {
    // CloudAdapter prints the refusal with console.error; keep the test output clean, and check it was that.
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: activity(`bf-${randomUUID()}`, { text: 'buletin' }),
    });
    const logged = printed.mock.calls.map((call) => String(call[0]));
    printed.mockRestore();
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
    expect(logged.join('\n')).toContain('Unauthorized');
  });
});
