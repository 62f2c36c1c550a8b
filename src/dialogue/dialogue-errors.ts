/** Errors the engine raises for the channels to translate (404, 400); anything else is a 500. */
export class UnknownConversationError extends Error {
  override name = 'UnknownConversationError';
  constructor(readonly conversationId: string) {
    super(`Unknown conversation ${conversationId}`);
  }
}

export class InvalidTurnInputError extends Error {
  override name = 'InvalidTurnInputError';
  constructor(
    readonly field: 'text' | 'action',
    message: string,
  ) {
    super(message);
  }
}
