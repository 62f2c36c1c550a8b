/**
 * Which pages may open a chat socket: the configured origins (the city's sites) and the service's own
 * origin (same host), so the demo page and the chat frame the service serves work without configuration.
 * A request with no Origin is not a browser's; the check protects citizens' browsers from other sites,
 * it is not authentication, so such clients pass.
 */
export function isOriginAllowed(
  origin: string | undefined,
  serviceHost: string | undefined,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.has(origin)) return true;
  if (!serviceHost || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === serviceHost.toLowerCase();
}
