/**
 * Whether two words are at most one typing slip apart: one letter replaced, added or dropped, and — with
 * `swaps` — two neighbouring letters swapped ("opeartor"). Callers that compare stems of the knowledge
 * base's vocabulary leave swaps out: they were fitted without them, and a swap inside a short stem turns
 * one word into another more often than a replaced letter does.
 */
export function withinOneEdit(a: string, b: string, { swaps = false }: { swaps?: boolean } = {}): boolean {
  if (a === b) return true;
  const lengthDifference = a.length - b.length;
  if (lengthDifference > 1 || lengthDifference < -1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  if (lengthDifference === 0) {
    if (a.slice(start + 1) === b.slice(start + 1)) return true;
    return (
      swaps &&
      a[start] === b[start + 1] &&
      a[start + 1] === b[start] &&
      a.slice(start + 2) === b.slice(start + 2)
    );
  }
  return lengthDifference > 0 ? a.slice(start + 1) === b.slice(start) : a.slice(start) === b.slice(start + 1);
}
