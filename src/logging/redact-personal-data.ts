/**
 * Citizens type their CNP, phone number, e-mail or IBAN into the chat. Those may be stored for the clerk
 * who handles the conversation, but never written to logs, which travel further (files, collectors).
 */
const PATTERNS: Array<[RegExp, string]> = [
  // E-mail addresses.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // IBAN (RO and other countries), with or without spaces in groups of four.
  [/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g, '[iban]'],
  // CNP: 13 digits, first 1-9, then a plausible birth date (YYMMDD).
  [/\b[1-9]\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{6}\b/g, '[cnp]'],
  // Phone numbers: Romanian (07xx xxx xxx, 0264 596 030, +40 …) and international +CC forms.
  [/(?<![\w+])(?:\+|00)\d{1,3}[ .-]?\(?\d{2,4}\)?(?:[ .-]?\d{2,4}){2,4}\b/g, '[phone]'],
  [/\b0[237]\d{2}[ .-]?\d{3}[ .-]?\d{3}\b/g, '[phone]'],
];

export function redactPersonalData(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Deep copy of a log record with every string redacted (objects and arrays only; depth-limited). */
export function redactRecord(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactRecord(item, depth + 1));
  // Only plain records are copied; requests, errors and other class instances go to their serializers.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactRecord(item, depth + 1);
  return copy;
}
