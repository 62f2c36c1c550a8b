import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
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

describe.each(BACKENDS)('Bot Framework endpoint on %s (Emulator mode)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, {
      BOTFRAMEWORK_EMULATOR: 'true',
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

/**
 * A local HTTP server standing in for an internal service an attacker would aim at: it records every
 * request. The bot POSTs its replies to the activity's serviceUrl before the HTTP response to the
 * activity is sent, so once that response is in, anything the server was going to send has arrived.
 */
interface Listener {
  port: number;
  received: string[];
  close(): Promise<void>;
}

async function startListener(): Promise<Listener> {
  const received: string[] = [];
  const server: Server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'reply-1' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A message the bot answers by POSTing to serviceUrl (no expectReplies). */
function sentActivity(serviceUrl: string) {
  const { deliveryMode: _replies, ...rest } = activity(`bf-${randomUUID()}`, { text: 'buletin', serviceUrl });
  return rest;
}

describe('Bot Framework endpoint and serviceUrl (server-side request forgery)', () => {
  let listener: Listener;
  beforeAll(async () => {
    listener = await startListener();
  });
  beforeEach(() => {
    listener.received.length = 0;
  });
  afterAll(async () => {
    await listener?.close();
  });

  it('is off without credentials unless the Emulator mode is set: 404, nothing sent anywhere', async () => {
    const testApp = await buildTestApp('pglite');
    try {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/messages',
        payload: sentActivity(`http://127.0.0.1:${listener.port}/`),
      });
      expect(response.statusCode).toBe(404);
      expect(listener.received).toEqual([]);
    } finally {
      await testApp.close();
    }
  });

  describe('in Emulator mode', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await buildTestApp('pglite', { BOTFRAMEWORK_EMULATOR: 'true' });
    });
    afterAll(async () => {
      await testApp?.close();
    });

    it('answers to a loopback serviceUrl (the Emulator on this machine)', async () => {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/messages',
        payload: sentActivity(`http://127.0.0.1:${listener.port}/`),
      });
      expect(response.statusCode).toBe(200);
      expect(listener.received).toEqual([expect.stringMatching(/^POST \/v3\/conversations\/.+\/activities/)]);
    });

    it.each([
      ['0.0.0.0, which Linux routes to this machine', (port: number) => `http://0.0.0.0:${port}/`],
      ['a non-loopback address', (port: number) => `http://192.0.2.1:${port}/`],
      ['a DNS name', (port: number) => `http://localhost.example.org:${port}/`],
      ['a URL with credentials', (port: number) => `http://user:secret@127.0.0.1:${port}/`],
      ['a non-HTTP scheme', (port: number) => `file://127.0.0.1:${port}/etc/passwd`],
      ['no URL at all', () => 'not a url'],
    ])('refuses %s with 400 and sends nothing', async (_what, serviceUrl) => {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/messages',
        payload: sentActivity(serviceUrl(listener.port)),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(listener.received).toEqual([]);
    });
  });

  describe('with credentials', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await buildTestApp('pglite', {
        MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        // The Emulator setting does not widen the allow-list once credentials are set.
        BOTFRAMEWORK_EMULATOR: 'true',
      });
    });
    afterAll(async () => {
      await testApp?.close();
    });

    it.each([
      (port: number) => `http://127.0.0.1:${port}/`,
      () => 'http://smba.trafficmanager.net/emea/',
      () => 'https://smba.trafficmanager.net.attacker.example/emea/',
      () => 'https://botframework.com.attacker.example/',
      () => 'https://attacker.trafficmanager.net/',
    ])('refuses a serviceUrl off the allow-list (%#) with 400 and sends nothing', async (serviceUrl) => {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/messages',
        payload: sentActivity(serviceUrl(listener.port)),
      });
      expect(response.statusCode).toBe(400);
      expect(listener.received).toEqual([]);
    });
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
      payload: activity(`bf-${randomUUID()}`, {
        text: 'buletin',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
      }),
    });
    const logged = printed.mock.calls.map((call) => String(call[0]));
    printed.mockRestore();
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
    expect(logged.join('\n')).toContain('Unauthorized');
  });
});
