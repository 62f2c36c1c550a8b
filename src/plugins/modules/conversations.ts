import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ConversationCreationLimit } from '../../channels/conversation-creation-limit.js';
import { ConversationEvents } from '../../conversations/conversation-events.js';
import { ConversationRetention } from '../../conversations/conversation-retention.js';
import { ConversationStore } from '../../conversations/conversation-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    conversations: ConversationStore;
    conversationEvents: ConversationEvents;
    /** Shared by every channel that starts conversations for citizens (REST and WebSocket). */
    conversationCreation: ConversationCreationLimit;
  }
}

/** How often expired conversations are deleted; a day's retention needs no finer grain than this. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes expired conversations once the service is ready and then every hour, in this process (every
 * instance does; the purge is safe to run concurrently). A failed run is logged and retried next hour.
 */
function schedulePurge(app: FastifyInstance, retention: ConversationRetention): void {
  let running: Promise<void> | undefined;
  const purge = () => {
    running ??= retention
      .purgeExpired()
      .then((deleted) => {
        if (deleted > 0) app.log.info({ deleted }, 'expired conversations deleted');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'conversation retention purge failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(purge, PURGE_INTERVAL_MS);
  timer.unref();
  app.addHook('onReady', async () => purge());
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
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
    schedulePurge(app, new ConversationRetention(app.db, app.config.CONVERSATION_RETENTION_DAYS));
    // Registered after the database plugin, so (hooks run in reverse) this runs before it closes.
    app.addHook('onClose', async () => events.stop());
  },
  { name: 'conversations', dependencies: ['database'] },
);
