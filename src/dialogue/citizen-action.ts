import { z } from 'zod';

/**
 * The values quick replies send back (a suggestion's `value`). Channels pass them through unchanged;
 * the dialogue is the only place that reads them.
 */
export const ACTION_PATTERN = /^(procedure:[a-z0-9]+(?:-[a-z0-9]+)*|handoff:request|handoff:cancel)$/;
export const CitizenActionSchema = z.string().regex(ACTION_PATTERN, {
  message: 'must be procedure:<slug>, handoff:request or handoff:cancel',
});

export type CitizenAction =
  | { kind: 'procedure'; slug: string }
  | { kind: 'handoff_request' }
  | { kind: 'handoff_cancel' }
  | { kind: 'unknown'; value: string };

export function readAction(value: string): CitizenAction {
  if (value === 'handoff:request') return { kind: 'handoff_request' };
  if (value === 'handoff:cancel') return { kind: 'handoff_cancel' };
  const procedure = /^procedure:([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(value);
  return procedure ? { kind: 'procedure', slug: procedure[1] } : { kind: 'unknown', value };
}

export const procedureAction = (slug: string) => `procedure:${slug}`;
export const HANDOFF_REQUEST_ACTION = 'handoff:request';
export const HANDOFF_CANCEL_ACTION = 'handoff:cancel';
