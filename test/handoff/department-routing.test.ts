import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BACKENDS } from '../support/test-databases.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { addAndLogin, asClerk, handedOff } from '../channels/console/console-helpers.js';

/**
 * The knowledge base decides the clerk queue: a handoff goes to the department of the procedure in
 * focus. These are the routes the fact audit of issue #9 corrected, through the real service and console.
 */
describe.each(BACKENDS)('handoff routing by the procedure department (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
  });
  afterAll(async () => testApp?.close());

  it.each([
    ['vehicul-abandonat', 'politie-locala'],
    ['card-parcare-persoane-dizabilitati', 'social'],
    ['autorizatie-taxi', 'transport-local'],
    ['abonament-parcare-rezidentiala', 'mobilitate'],
  ])('queues %s with %s', async (procedureSlug, department) => {
    const { app } = testApp;
    const { conversationId } = await handedOff(app, {
      procedureSlug,
      question: 'vreau să vorbesc cu cineva',
    });
    expect(await app.handoff.view(conversationId)).toMatchObject({ status: 'waiting', department });
  });

  it('gives a Local Police clerk the abandoned-car chat: department list, queue, summary and claim', async () => {
    const { app } = testApp;
    const officer = await addAndLogin(app, { name: 'Agent Pop', departments: ['politie-locala'] });
    const { conversationId } = await handedOff(app, {
      procedureSlug: 'vehicul-abandonat',
      question: 'e o mașină abandonată în parcarea blocului',
    });

    const departments = await asClerk(app, officer, 'GET', '/api/v1/console/departments');
    expect(departments.statusCode).toBe(200);
    expect(departments.json().departments).toEqual([
      expect.objectContaining({
        id: 'politie-locala',
        name: expect.objectContaining({ ro: 'Direcția Generală Poliția Locală' }),
        general: false,
        waiting: expect.any(Number),
      }),
    ]);

    const queue = await asClerk(app, officer, 'GET', '/api/v1/console/queue?department=politie-locala');
    expect(queue.statusCode).toBe(200);
    const item = (queue.json().items as Array<Record<string, unknown>>).find(
      (candidate) => candidate.conversationId === conversationId,
    );
    expect(item).toMatchObject({
      status: 'waiting',
      department: 'politie-locala',
      summary: expect.objectContaining({ procedureSlug: 'vehicul-abandonat' }),
    });

    const claim = await asClerk(
      app,
      officer,
      'POST',
      `/api/v1/console/conversations/${conversationId}/claim`,
    );
    expect(claim.statusCode).toBe(200);
    expect(await app.handoff.view(conversationId)).toMatchObject({
      status: 'with_clerk',
      clerkName: 'Agent Pop',
    });
  });

  it('keeps the Local Police queue from a clerk of another department', async () => {
    const { app } = testApp;
    const parking = await addAndLogin(app, { departments: ['mobilitate'] });
    const { conversationId } = await handedOff(app, { procedureSlug: 'vehicul-abandonat' });
    const queue = await asClerk(app, parking, 'GET', '/api/v1/console/queue?department=politie-locala');
    expect(queue.statusCode).toBe(403);
    const claim = await asClerk(
      app,
      parking,
      'POST',
      `/api/v1/console/conversations/${conversationId}/claim`,
    );
    expect(claim.statusCode).toBe(403);
  });
});
