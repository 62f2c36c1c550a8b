import type * as z from 'zod/mini';

/**
 * A function that copies exactly the fields an object schema of the wire contract declares. Server-side
 * objects may carry more (the handoff module's view, a stored message's meta): only what the protocol
 * promises reaches a client, and the list of fields lives once, in the schema. Copying is cheaper than
 * parsing, so it suits the hot path (every frame to every socket) where the value is already well-typed.
 */
export function declaredFields<Schema extends z.ZodMiniObject>(
  schema: Schema,
): (value: z.infer<Schema>) => z.infer<Schema> {
  const keys = Object.keys(schema.shape) as (keyof z.infer<Schema>)[];
  return (value) => {
    const picked = {} as z.infer<Schema>;
    for (const key of keys) picked[key] = value[key];
    return picked;
  };
}
