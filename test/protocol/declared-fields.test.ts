import { describe, expect, it } from '@jest/globals';
import { declaredFields } from '../../src/protocol/declared-fields.js';
import { HandoffViewSchema, NO_HANDOFF } from '../../src/protocol/handoff-view.js';

describe('declaredFields', () => {
  const handoffFields = declaredFields(HandoffViewSchema);

  it('keeps every field the schema declares, with its value', () => {
    const view = { ...NO_HANDOFF, status: 'waiting' as const, department: 'urbanism', position: 3 };
    expect(handoffFields(view)).toEqual(view);
  });

  it('drops what the server keeps besides, so it never reaches a client', () => {
    const kept = { ...NO_HANDOFF, queueEntryId: 42, clerkEmail: 'ana@example.org' };
    const sent = handoffFields(kept);
    expect(Object.keys(sent).sort()).toEqual(Object.keys(HandoffViewSchema.shape).sort());
    expect(HandoffViewSchema.safeParse(sent).success).toBe(true);
  });
});
