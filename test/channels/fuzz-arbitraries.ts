import fc from 'fast-check';

/**
 * Generators for boundary fuzzing: values a client may send that are structurally plausible (the right
 * field names, mostly the right types) but hostile (NUL bytes, lone surrogates, integers above 2^31,
 * wrong types, very long strings, prototype-pollution keys). Valid values are rare on purpose: each one
 * costs a real dialogue turn or database write, and the suite must stay fast on two busy cores.
 */

/** Inputs per boundary (issue #9: at least 10,000 in CI). */
export const RUNS_PER_BOUNDARY = 10_000;
/** A fixed seed keeps a failure reproducible; fast-check prints the counterexample and the path. */
export const FUZZ_SEED = 20_261_206;

const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    'CNP 1960101123456\u0000',
    '\uD800',
    'x\uDFFFy',
    '\uDBFF\uDBFF',
    '   ',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }).map((s) => `${s}\u0000${s}`),
  fc.integer({ min: 2_001, max: 20_000 }).map((n) => 'ș'.repeat(n)),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(2 ** 31, 2 ** 31 - 1, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -1, -0, 0, 0.5, 1e308, -1e308, 1e-7),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
);

/** Anything JSON can hold, for fields given the wrong type. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A string field that never passes: hostile text or another type (no costly dialogue turn behind it). */
export function refusedTextField(): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 2, arbitrary: wrongType });
}

/** A string field: rarely one of `valid`, mostly hostile text or another type. */
export function textField(valid: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 5, arbitrary: hostileText },
    { weight: 2, arbitrary: wrongType },
  );
}

/** A number field (seq, lastSeq): valid small integers sometimes, hostile numbers and types mostly. */
export function numberField(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 }) },
    { weight: 4, arbitrary: hostileNumber },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: hostileText },
  );
}

/** A number in a query string: digits, huge digits, exponents, signs, NUL (percent-encoded). */
export function numberQuery(): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(
        '0',
        '1',
        '2147483647',
        '2147483648',
        '99999999999999999999',
        '1e30',
        '-1',
        '0x10',
        '1.5',
        '',
      ),
      fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
      fc.string({ unit: 'binary', maxLength: 12 }),
    )
    .map((value) => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\u0000')));
}

/** A field picked from `fields`, each present or absent, plus unexpected extra keys. */
export function body(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('extra', 'isAdmin', 'role', 'constructor', 'toString'), wrongType, {
        maxKeys: 2,
      }),
      fc.integer({ min: 0, max: 9 }),
    )
    .map(([record, extra, dice]) => (dice === 0 ? { ...record, ...extra } : record));
}

/**
 * The raw JSON text to send for a body: usually the body itself, sometimes with a `__proto__` key
 * (JSON.stringify drops it, so it is spliced in as text), sometimes not JSON or not an object at all.
 */
export function rawJson(bodyArbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: bodyArbitrary.map((value) => JSON.stringify(value)) },
    {
      weight: 2,
      arbitrary: bodyArbitrary.map((value) => {
        const text = JSON.stringify(value);
        if (!text.startsWith('{')) return text;
        const rest = text.slice(1);
        return `{"__proto__":{"isAdmin":true,"polluted":1}${rest === '}' ? '' : ','}${rest}`;
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '"text"',
        '42',
        '{',
        '{"text":',
        '{"constructor":{"prototype":{"polluted":1}}}',
        '\u0000',
        '{"text":"\\u0000"}',
        '{"text":"\\ud800"}',
      ),
    },
  );
}

/** Fails when a fuzzed request polluted Object.prototype (checked after every run). */
export function prototypeIsClean(): boolean {
  const probe: Record<string, unknown> = {};
  return probe.polluted === undefined && probe.isAdmin === undefined;
}

/**
 * Jest's limit for one fuzz test. Alone on this 2-core machine each takes 10–70 s; in the full run the
 * other worker and the database share the cores, so the default 120 s is too close.
 */
export const FUZZ_TEST_TIMEOUT_MS = 300_000;
