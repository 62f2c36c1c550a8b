import { z } from 'zod';
import { AVAILABILITIES, ROLES, type Clerk, type Role } from '../../protocol/console-api.js';
import { storableText } from '../../validation/boundary-values.js';

// The clerk as the console receives it is part of the wire contract (src/protocol/console-api.ts); the
// server validates inputs (new accounts, availability) with full zod, built from the same lists.
export const RoleSchema = z.enum(ROLES);
export const AvailabilitySchema = z.enum(AVAILABILITIES);

export function hasRole(actual: Role, needed: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}

/** Who performs a clerk-side action: enough to authorize it and to sign it. */
export type ClerkActor = Pick<Clerk, 'id' | 'name' | 'role' | 'departments'>;

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an e-mail address' }).max(254));
export const DisplayNameSchema = storableText().trim().min(1).max(80);
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const PasswordSchema = storableText()
  .min(12, { message: 'must have at least 12 characters' })
  .max(256, { message: 'must have at most 256 characters' });
export const DepartmentIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
