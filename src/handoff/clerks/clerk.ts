import { z } from 'zod';
import { storableText } from '../../validation/boundary-values.js';

/** Roles are cumulative: an admin can do everything a supervisor can, a supervisor everything a clerk can. */
export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const AvailabilitySchema = z.enum(['available', 'away']);
export type Availability = z.infer<typeof AvailabilitySchema>;

export function hasRole(actual: Role, needed: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}

export const ClerkSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** Display name, shown to citizens ("Ana"). */
  name: z.string(),
  role: RoleSchema,
  departments: z.array(z.string()),
  availability: AvailabilitySchema,
  active: z.boolean(),
  /** Conversations currently assigned to the clerk (with_clerk). */
  openChats: z.number().int(),
});
export type Clerk = z.infer<typeof ClerkSchema>;

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
