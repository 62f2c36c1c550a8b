import { z } from 'zod';
import { FacetSchema, type Facet } from './facets.js';

/**
 * The values quick replies send back (a suggestion's `value`). Channels pass them through unchanged;
 * the dialogue is the only place that reads them.
 */
export const ACTION_PATTERN =
  /^(procedure:[a-z0-9]+(?:-[a-z0-9]+)*|facet:[a-z0-9]+(?:-[a-z0-9]+)*:[a-z]+|handoff:request|handoff:cancel)$/;
export const CitizenActionSchema = z.string().regex(ACTION_PATTERN, {
  message: 'must be procedure:<slug>, facet:<slug>:<facet>, handoff:request or handoff:cancel',
});

export type CitizenAction =
  | { kind: 'procedure'; slug: string }
  /** A facet quick reply under an answer ("Cât costă?"): that facet of that procedure. */
  | { kind: 'facet'; slug: string; facet: Facet }
  | { kind: 'handoff_request' }
  | { kind: 'handoff_cancel' }
  | { kind: 'unknown'; value: string };

export function readAction(value: string): CitizenAction {
  if (value === 'handoff:request') return { kind: 'handoff_request' };
  if (value === 'handoff:cancel') return { kind: 'handoff_cancel' };
  const procedure = /^procedure:([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(value);
  if (procedure) return { kind: 'procedure', slug: procedure[1] };
  const facet = /^facet:([a-z0-9]+(?:-[a-z0-9]+)*):([a-z]+)$/.exec(value);
  const parsedFacet = facet ? FacetSchema.safeParse(facet[2]) : undefined;
  if (facet && parsedFacet?.success) return { kind: 'facet', slug: facet[1], facet: parsedFacet.data };
  return { kind: 'unknown', value };
}

export const procedureAction = (slug: string) => `procedure:${slug}`;
export const facetAction = (slug: string, facet: Facet) => `facet:${slug}:${facet}`;
export const HANDOFF_REQUEST_ACTION = 'handoff:request';
export const HANDOFF_CANCEL_ACTION = 'handoff:cancel';
