import { z } from 'zod';

/** The languages ANTONIA speaks: Romanian first, then English and Hungarian (Cluj's large Hungarian community). */
export const LANGS = ['ro', 'en', 'hu'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;

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
