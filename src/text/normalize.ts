/**
 * Text normalisation shared by retrieval and intent matching. Citizens write with or without
 * diacritics, with the old cedilla forms (ş, ţ) or the correct comma-below ones (ș, ț), in any case.
 */

// Romanian comma-below and cedilla forms, and Hungarian long vowels, all fold to plain ASCII letters.
const FOLD = /[\u0300-\u036f]/g;

/** Lower case, no diacritics, punctuation as spaces, single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(FOLD, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Normalised words. */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
}
