/**
 * `npx tsx scripts/explain-turns.ts [--lang ro|en|hu] "first message" "follow-up" …` — plays one
 * conversation through the real dialogue engine (in-memory PGlite, as the evaluations do) and prints,
 * per turn, how it ended, the procedure named and the decision record the bot message keeps in its
 * meta (retrieval's candidates and confidences, the understanding step's stay/switch/correct/ask
 * evidence). A developer's view of "why did it answer that?" without starting the server.
 */
import { loadConfig, loadDotEnv } from '../src/config.js';
import { openEvaluationService } from '../src/dialogue/evaluation/evaluation-service.js';
import { LANGS, type Lang } from '../src/language.js';
import { PgliteDatabase } from '../src/storage/pglite-database.js';

loadDotEnv();
const args = process.argv.slice(2);
let lang: Lang = 'ro';
const langAt = args.indexOf('--lang');
if (langAt >= 0) {
  const value = args[langAt + 1];
  if (!(LANGS as readonly string[]).includes(value ?? ''))
    throw new Error(`--lang must be one of ${LANGS.join(', ')}`);
  lang = value as Lang;
  args.splice(langAt, 2);
}
if (args.length === 0) {
  console.error('usage: npx tsx scripts/explain-turns.ts [--lang ro|en|hu] "message" ["follow-up" …]');
  process.exit(2);
}

// The service's own database, so the stored bot message's meta (not part of the wire message) can be read.
const database = await PgliteDatabase.open();
const service = await openEvaluationService({ config: loadConfig(), database });
try {
  const conversationId = await service.startConversation(lang);
  for (const text of args) {
    const result = await service.say(conversationId, text);
    const reply = result.messages.filter((message) => message.from === 'bot').at(-1);
    const stored = await database.query<{ meta: Record<string, unknown> }>(
      'SELECT meta FROM messages WHERE conversation_id = $1 AND seq = $2',
      [conversationId, reply?.seq ?? -1],
    );
    const { timings: _timings, ...meta } = stored.rows[0]?.meta ?? {};
    console.log(`> ${text}`);
    console.log(
      `  ${result.status ?? '-'} → ${reply?.procedure ?? '(none)'}: ${(reply?.text ?? '').slice(0, 160).replace(/\n/g, ' ')}`,
    );
    console.log(`  ${JSON.stringify(meta)}`);
  }
} finally {
  await service.close();
  await database.close();
}
