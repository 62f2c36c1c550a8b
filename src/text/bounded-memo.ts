/**
 * Memoises a pure function of a short string. A turn normalises the same text several times (the
 * question in each step that reads it, the passage cue phrases on every question); the first call
 * pays. Long texts are not kept (a pasted page would fill the memory for nothing), and the memo is
 * emptied when full so odd input cannot grow it without bound.
 */
export function boundedMemo<T>(
  compute: (text: string) => T,
  { maxEntries = 4096, maxKeyLength = 256 }: { maxEntries?: number; maxKeyLength?: number } = {},
): (text: string) => T {
  const memo = new Map<string, T>();
  return (text: string) => {
    if (text.length > maxKeyLength) return compute(text);
    const known = memo.get(text);
    if (known !== undefined) return known;
    const computed = compute(text);
    if (memo.size >= maxEntries) memo.clear();
    memo.set(text, computed);
    return computed;
  };
}
