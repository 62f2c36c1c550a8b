import { afterAll, beforeAll } from '@jest/globals';
import { ConversationEvents } from '../../src/conversations/conversation-events.js';
import { ConversationStore } from '../../src/conversations/conversation-store.js';
import { createTestDatabase, type Backend, type TestDatabase } from './test-databases.js';

/** What a store test works with; the fields are set in the suite's beforeAll. */
export interface ConversationStoreFixture {
  testDatabase: TestDatabase;
  events: ConversationEvents;
  store: ConversationStore;
}

/**
 * A fresh database of `backend` with a started event bus and a store on it, for the enclosing describe
 * block: registers its own beforeAll/afterAll, so a test file states only what it tests.
 */
export function useConversationStore(backend: Backend): ConversationStoreFixture {
  const fixture = {} as ConversationStoreFixture;
  beforeAll(async () => {
    fixture.testDatabase = await createTestDatabase(backend);
    fixture.events = new ConversationEvents(fixture.testDatabase.database);
    await fixture.events.start();
    fixture.store = new ConversationStore(fixture.testDatabase.database, fixture.events);
  });
  afterAll(async () => {
    await fixture.events?.stop();
    await fixture.testDatabase?.dispose();
  });
  return fixture;
}
