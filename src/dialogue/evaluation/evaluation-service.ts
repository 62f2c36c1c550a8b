import { buildApp } from '../../app.js';
import type { AppConfig } from '../../config.js';
import type { KnowledgeCatalog } from '../../knowledge/retrieval-contract.js';
import type { Lang } from '../../language.js';
import type { Database } from '../../storage/database.js';
import { PgliteDatabase } from '../../storage/pglite-database.js';
import type { TurnResult } from '../dialogue-contract.js';

/** What an evaluation needs of the service: fresh conversations, citizen messages in, the catalog. */
export interface EvaluationService {
  /** A new conversation in `lang`, as the REST channel creates one; returns its id. */
  startConversation(lang: Lang): Promise<string>;
  /** One citizen message through the real dialogue engine (no HTTP): the stored messages and status. */
  say(conversationId: string, text: string): Promise<TurnResult>;
  /** The indexed procedures, to check that an evaluation file names only procedures that exist. */
  knowledge: KnowledgeCatalog;
  close(): Promise<void>;
}

export interface EvaluationServiceOptions {
  config: AppConfig;
  /** A migrated database to use (tests); by default an in-memory PGlite, closed with the service. */
  database?: Database;
}

/**
 * The whole service, built as server.ts builds it but without listening: the knowledge base of
 * KB_DIR is ingested into the database, and messages go straight to the dialogue engine. Two settings
 * are fixed so that the same file gives the same figures wherever and whenever it runs: the
 * knowledge base is always ingested (the database is fresh), and clerks are always on duty (a handoff
 * queues the conversation instead of depending on the hour the evaluation happens to run). One
 * unmeasured conversation is held first, so that the measured turns do not pay for the warm-up.
 */
export async function openEvaluationService(options: EvaluationServiceOptions): Promise<EvaluationService> {
  const database = options.database ?? (await PgliteDatabase.open());
  const owned = options.database === undefined;
  const config: AppConfig = { ...options.config, KB_INGEST_ON_START: true, HANDOFF_OFFICE_HOURS: 'always' };
  try {
    const app = await buildApp(config, { database, logger: false });
    await app.ready();
    // One unmeasured turn first: the first query of a fresh database pays for planning and caches.
    const warmUp = await app.dialogue.startConversation({ lang: 'ro', channel: 'api' });
    await app.dialogue.handle(warmUp.conversation.id, { text: 'Cum obțin un certificat de urbanism?' });
    return {
      startConversation: async (lang) =>
        (await app.dialogue.startConversation({ lang, channel: 'api' })).conversation.id,
      say: (conversationId, text) => app.dialogue.handle(conversationId, { text }),
      knowledge: app.knowledge,
      close: async () => {
        await app.close();
        if (owned) await database.close();
      },
    };
  } catch (error) {
    if (owned) await database.close();
    throw error;
  }
}
