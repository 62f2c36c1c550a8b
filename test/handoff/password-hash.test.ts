import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  needsRehash,
  parseHash,
  verifyPassword,
} from '../../src/handoff/clerks/password-hash.js';

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a random salt with each hash, and verifies only the right password', async () => {
    const first = await hashPassword('o parolă lungă și bună');
    const second = await hashPassword('o parolă lungă și bună');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('o parolă lungă și bună', first)).toBe(true);
    expect(await verifyPassword('o parola lunga si buna', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treats composed and decomposed diacritics as the same password', async () => {
    const hash = await hashPassword('parolă-cu-ă-compus');
    expect(await verifyPassword('parola\u0306-cu-a\u0306-compus', hash)).toBe(true);
  });

  it('verifies hashes made with other parameters, and asks to re-hash weaker ones', async () => {
    const weak = await hashPassword('parola veche a Anei', { N: 1024, r: 8, p: 1 });
    expect(parseHash(weak)?.parameters).toEqual({ N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('parola veche a Anei', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('parola nouă a Anei'))).toBe(false);
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 15);
  });

  it('never matches a malformed hash', async () => {
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AAAA$BBBB')).toBe(false);
  });
});
