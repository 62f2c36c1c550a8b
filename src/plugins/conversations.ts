import fp from 'fastify-plugin';
import { ConversationEvents } from '../conversations/conversation-events.js';
import { ConversationStore } from '../conversations/conversation-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    conversations: ConversationStore;
    conversationEvents: ConversationEvents;
  }
}

/** The conversation store and the cross-instance event bus, shared by dialogue, handoff and channels. */
export default fp(
  async (app) => {
    const events = new ConversationEvents(app.db);
    await events.start();
    app.decorate('conversationEvents', events);
    app.decorate('conversations', new ConversationStore(app.db, events));
    // Without the LISTEN connection, live delivery to sockets stalls: not ready until it is back.
    app.readinessChecks.set('notifications', async () => events.live);
    // Registered after the database plugin, so (hooks run in reverse) this runs before it closes.
    app.addHook('onClose', async () => events.stop());
  },
  { name: 'conversations', dependencies: ['database'] },
);
