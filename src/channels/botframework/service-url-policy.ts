/**
 * Which `serviceUrl` an incoming activity may name. The bot answers by POSTing to that URL, so an
 * unchecked one lets anyone who can reach /api/messages make this server send requests to any address
 * (server-side request forgery: internal services, cloud metadata endpoints, the database port).
 */
export type ServiceUrlPolicy =
  /** Credentials configured: https only, to a Bot Framework host on the allow-list. */
  | { kind: 'allow-list'; hosts: readonly string[] }
  /** The Bot Framework Emulator on this machine: loopback addresses only. */
  | { kind: 'loopback' };

export type ServiceUrlVerdict = { ok: true } | { ok: false; reason: string };

const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * True for the names that always mean this machine. Literal only: a DNS name that happens to resolve to
 * 127.0.0.1 is refused, and so is 0.0.0.0 (which Linux also routes to this machine, but is no loopback
 * name the Emulator uses).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || IPV4_LOOPBACK.test(host);
}

/** `*.botframework.com` matches any subdomain of botframework.com (not the bare domain); else exact. */
export function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const wanted = pattern.toLowerCase();
  if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1));
  return host === wanted;
}

export function checkServiceUrl(serviceUrl: unknown, policy: ServiceUrlPolicy): ServiceUrlVerdict {
  if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) {
    return { ok: false, reason: 'serviceUrl must be an absolute URL' };
  }
  const url = new URL(serviceUrl);
  if (url.username || url.password) return { ok: false, reason: 'serviceUrl must not carry credentials' };
  if (policy.kind === 'loopback') {
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) {
      return { ok: true };
    }
    return {
      ok: false,
      reason: 'the Emulator mode answers loopback serviceUrls only (localhost, 127.x, [::1])',
    };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'serviceUrl must use https' };
  if (policy.hosts.some((pattern) => hostMatches(url.hostname, pattern))) return { ok: true };
  return { ok: false, reason: 'serviceUrl is not a Bot Framework host (BOTFRAMEWORK_SERVICE_HOSTS)' };
}
