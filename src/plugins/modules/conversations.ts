import fp from 'fastify-plugin';
import { ConversationCreationLimit } from '../../channels/conversation-creation-limit.js';
import { ConversationEvents } from '../../conversations/conversation-events.js';
import { ConversationStore } from '../../conversations/conversation-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    conversations: ConversationStore;
    conversationEvents: ConversationEvents;
    /** Shared by every channel that starts conversations for citizens (REST and WebSocket). */
    conversationCreation: ConversationCreationLimit;
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
    app.decorate(
      'conversationCreation',
      new ConversationCreationLimit({
        perIpPerMinute: app.config.API_RATE_LIMIT_PER_MINUTE,
        globalPerMinute: app.config.CONVERSATIONS_PER_MINUTE,
      }),
    );
    // Registered after the database plugin, so (hooks run in reverse) this runs before it closes.
    app.addHook('onClose', async () => events.stop());
  },
  { name: 'conversations', dependencies: ['database'] },
);
