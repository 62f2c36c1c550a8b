/**
 * A clerk-side action refused by the handoff rules. Channels map `kind` to their own error answer
 * (the console: 403 / 404 / 409 / 400), so the rules stay free of HTTP.
 */
export type HandoffErrorKind = 'forbidden' | 'not_found' | 'conflict' | 'invalid';

export class HandoffError extends Error {
  override name = 'HandoffError';
  constructor(
    readonly kind: HandoffErrorKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
