/**
 * A fresh clientMsgId (docs/protocol.md: 1–64 characters of A–Z a–z 0–9 _ . : -). Built from
 * getRandomValues because crypto.randomUUID exists only in secure contexts, and the service may be
 * reached over plain HTTP inside the city's network.
 */
export function newClientMsgId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `w-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
