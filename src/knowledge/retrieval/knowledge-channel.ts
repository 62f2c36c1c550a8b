/**
 * The NOTIFY channel on which an ingestion (any instance, or `npm run kb:ingest`) announces, at its
 * commit, that the index changed; every instance's knowledge cache reloads (knowledge-cache.ts).
 */
export const KNOWLEDGE_CHANNEL = 'antonia_knowledge';
