import type { FastifyRequest } from 'fastify';

/** A bare http(s) origin such as https://primariaclujnapoca.ro, or undefined. */
export function asOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
      ? url.origin
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a page of `origin` may embed the chat frame: one of ALLOWED_ORIGINS, or this service itself. */
export function mayEmbed(
  origin: string,
  allowedOrigins: readonly string[],
  request: FastifyRequest,
): boolean {
  if (allowedOrigins.includes(origin)) return true;
  return new URL(origin).host === request.host;
}

/**
 * The chat frame's Content-Security-Policy. Helmet's global policy says `frame-ancestors 'self'` (and
 * X-Frame-Options SAMEORIGIN): right for every other page, but the frame exists to be embedded by the
 * city's sites, so this route lists them. Nothing else is relaxed: the frame runs only its own script,
 * and talks only to its own origin (the WebSocket included).
 */
export function frameHelmetOptions(allowedOrigins: readonly string[]) {
  const ancestors = allowedOrigins.map(asOrigin).filter((origin): origin is string => origin !== undefined);
  return {
    frameguard: false as const, // X-Frame-Options cannot list origins; frame-ancestors supersedes it
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // The frame sets a few style properties from script (accent colour, composer height): CSSOM
        // changes are not inline styles, so no 'unsafe-inline' is needed.
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'", ...ancestors],
      },
    },
  };
}
