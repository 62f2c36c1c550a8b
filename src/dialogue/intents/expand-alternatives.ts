/**
 * Intent examples may list alternatives in parentheses, so that every verb meets every noun without
 * pages of near-copies: "vreau să vorbesc cu (un funcționar|un om|cineva)" stands for three examples.
 * An empty alternative makes a part optional: "(vă rog|)". Groups do not nest.
 */
const GROUP = /\(([^()]*)\)/;

/** Expansions of one example above this are a mistake in the file, not a wish. */
export const MAX_EXPANSIONS = 200;

export function expandAlternatives(example: string): string[] {
  const match = GROUP.exec(example);
  if (!match) return [example.replace(/\s+/g, ' ').trim()];
  const before = example.slice(0, match.index);
  const after = example.slice(match.index + match[0].length);
  const expanded = match[1]
    .split('|')
    .flatMap((option) => expandAlternatives(`${before}${option}${after}`))
    .filter((text, index, all) => all.indexOf(text) === index);
  if (expanded.length > MAX_EXPANSIONS) {
    throw new Error(`"${example}" expands to more than ${MAX_EXPANSIONS} examples`);
  }
  return expanded;
}
