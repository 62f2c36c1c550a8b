import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config.js';
import {
  checkServiceUrl,
  hostMatches,
  isLoopbackHost,
} from '../../../src/channels/botframework/service-url-policy.js';

const defaultHosts = loadConfig({}).BOTFRAMEWORK_SERVICE_HOSTS;
const allowList = { kind: 'allow-list', hosts: defaultHosts } as const;

describe('serviceUrl policy', () => {
  it.each([
    'https://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net/teams/',
    'https://directline.botframework.com/',
    'https://europe.directline.botframework.com/',
    'https://webchat.botframework.com/',
  ])('accepts the Bot Framework service %s by default', (url) => {
    expect(checkServiceUrl(url, allowList)).toEqual({ ok: true });
  });

  it.each([
    'http://directline.botframework.com/',
    'https://botframework.com.attacker.example/',
    'https://attacker-botframework.com/',
    'https://trafficmanager.net/',
    'https://evil.trafficmanager.net/',
    'https://169.254.169.254/latest/meta-data/',
    'https://user:pw@smba.trafficmanager.net/',
    '//smba.trafficmanager.net/',
    42,
    undefined,
  ])('refuses %s with credentials', (url) => {
    expect(checkServiceUrl(url, allowList).ok).toBe(false);
  });

  it('matches a wildcard against subdomains only, and exact names exactly', () => {
    expect(hostMatches('a.b.botframework.com', '*.botframework.com')).toBe(true);
    expect(hostMatches('botframework.com', '*.botframework.com')).toBe(false);
    expect(hostMatches('SMBA.trafficmanager.net.', 'smba.trafficmanager.net')).toBe(true);
    expect(hostMatches('x.smba.trafficmanager.net', 'smba.trafficmanager.net')).toBe(false);
  });

  it('knows the loopback names and nothing else', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of [
      '0.0.0.0',
      '128.0.0.1',
      '127.0.0.1.nip.io',
      '[::ffff:7f00:1]',
      'localhost.example.org',
    ]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it('refuses a list with something that is no host name', () => {
    expect(() => loadConfig({ BOTFRAMEWORK_SERVICE_HOSTS: 'https://x.example/' })).toThrow(
      /BOTFRAMEWORK_SERVICE_HOSTS must be a comma-separated list/,
    );
    expect(() => loadConfig({ BOTFRAMEWORK_SERVICE_HOSTS: '*' })).toThrow(/BOTFRAMEWORK_SERVICE_HOSTS/);
  });
});
