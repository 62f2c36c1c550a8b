/**
 * A vector as pgvector's text input, `[0.012345,-0.5,…]`: vectors travel as text and are cast with
 * `::vector` (PGlite cannot bind vector parameters, stack pitfall 12). Six decimals are more than
 * float4 keeps anyway, and keep the SQL short.
 */
export function vectorLiteral(vector: number[]): string {
  return `[${vector.map((value) => (Math.round(value * 1e6) / 1e6).toString()).join(',')}]`;
}
