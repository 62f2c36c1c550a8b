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

/**
 * Fields of an error that carry data rather than a description of the failure: a query's parameters
 * (PGlite attaches them to its errors; message text, dialogue state, a ticket's name and contact) and
 * PostgreSQL's `detail`, which quotes the failing row or key ("Failing row contains (…)"). Names and
 * free text in them cannot be caught by patterns, so they are dropped whole.
 */
const DATA_CARRYING_ERROR_FIELDS: ReadonlySet<string> = new Set(['params', 'parameters', 'values', 'detail']);
const MAX_DEPTH = 6;

/** Deep copy of a log record with every string redacted (objects, arrays and errors; depth-limited). */
export function redactRecord(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactRecord(item, depth + 1));
  if (value instanceof Error) return redactError(value, depth);
  // Other class instances (requests, replies, sockets) go to their serializers, which pick safe fields.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactRecord(item, depth + 1);
  return copy;
}

/**
 * An error as a plain record for the log: its type, message and stack, its own fields (a database
 * error's code, table, constraint …) and its causes, every string redacted and the data-carrying fields
 * left out. Also the `err` serializer, so an error that reaches pino by another path is treated alike.
 */
export function redactError(error: Error, depth = 0): Record<string, unknown> {
  const record: Record<string, unknown> = {
    type: error.constructor?.name || error.name,
    message: redactPersonalData(String(error.message)),
  };
  if (typeof error.stack === 'string') record.stack = redactPersonalData(error.stack);
  for (const [key, item] of Object.entries(error)) {
    if (key in record || item === undefined) continue;
    record[key] = DATA_CARRYING_ERROR_FIELDS.has(key) ? '[omitted]' : redactRecord(item, depth + 1);
  }
  // `cause` (and AggregateError's `errors`) are not enumerable when set by the constructor.
  if (error.cause !== undefined) record.cause = redactRecord(error.cause, depth + 1);
  if (error instanceof AggregateError) record.errors = redactRecord(error.errors, depth + 1);
  return record;
}

/** pino serializer for `err`: errors are redacted; anything else (already redacted by the formatter) passes. */
export function serializeLoggedError(value: unknown): unknown {
  return value instanceof Error ? redactError(value) : value;
}
