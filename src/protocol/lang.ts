import * as z from 'zod/mini';

/** The languages ANTONIA speaks: Romanian first, then English and Hungarian (Cluj's large Hungarian community). */
export const LANGS = ['ro', 'en', 'hu'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;
