import { z } from 'zod';

import { LANGS, type Lang } from './protocol/lang.js';

// The languages are part of the wire contract (src/protocol/lang.ts); the server validates its inputs
// with full zod, so the schema is built here from the same list.
export { LANGS, type Lang };
export const LangSchema = z.enum(LANGS);

/** Text in Romanian, optionally translated. */
export const LocalizedSchema = z.object({
  ro: z.string().min(1),
  en: z.string().min(1).optional(),
  hu: z.string().min(1).optional(),
});
export type Localized = z.infer<typeof LocalizedSchema>;

/** Text required in all three languages (titles, summaries, UI strings). */
export const LocalizedFullSchema = z.object({
  ro: z.string().min(1),
  en: z.string().min(1),
  hu: z.string().min(1),
});
export type LocalizedFull = z.infer<typeof LocalizedFullSchema>;

export const LocalizedListSchema = z.object({
  ro: z.array(z.string().min(1)),
  en: z.array(z.string().min(1)).optional(),
  hu: z.array(z.string().min(1)).optional(),
});
export type LocalizedList = z.infer<typeof LocalizedListSchema>;

/** The text in `lang` if present, else Romanian; `translated` says whether `lang` was available. */
export function pick<T>(value: { ro: T; en?: T; hu?: T }, lang: Lang): { text: T; translated: boolean } {
  const text = value[lang];
  return text === undefined ? { text: value.ro, translated: lang === 'ro' } : { text, translated: true };
}
