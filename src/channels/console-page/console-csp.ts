/**
 * The console shows text written by citizens to people with access to every conversation of their
 * department, so its page allows nothing but its own script and stylesheet: no inline script or style,
 * no framing, no third-party connection. `connect-src 'self'` covers the same-origin /ws/console socket.
 */
export const CONSOLE_CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};
