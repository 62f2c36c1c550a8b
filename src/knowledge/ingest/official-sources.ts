import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fromProjectRoot } from '../../project-root.js';
import type { KnowledgeProblem } from './load-knowledge-base.js';

/**
 * What counts as an official source: the domains listed in `knowledge-base/official-sources.yaml`
 * (data, so reviewers extend it without a release). A URL is official when its host is one of them
 * or a subdomain of one.
 */
export const OFFICIAL_SOURCES_FILE = 'official-sources.yaml';
export const DEFAULT_OFFICIAL_SOURCES_PATH = fromProjectRoot('knowledge-base', OFFICIAL_SOURCES_FILE);

const domain = z.string().regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, {
  message: 'must be a lower-case domain name',
});

export const OfficialSourcesSchema = z.array(z.object({ domain, owner: z.string().min(1) }).strict()).min(1);

export class OfficialDomains {
  private readonly domains: string[];

  constructor(domains: string[]) {
    this.domains = domains.map((name) => name.toLowerCase());
  }

  /** True for an http(s) URL on a listed domain or one of its subdomains; false for anything else. */
  covers(url: string): boolean {
    const host = OfficialDomains.host(url);
    return host !== undefined && this.domains.some((name) => host === name || host.endsWith(`.${name}`));
  }

  /** The URL's host name, lower case and without a trailing dot; undefined when it is not an http(s) URL. */
  static host(url: string): string | undefined {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
      return parsed.hostname.toLowerCase().replace(/\.$/, '');
    } catch {
      return undefined;
    }
  }
}

/**
 * Reads the list from the knowledge-base directory, or the project's own file when the directory has
 * none (as retrieval.yaml does). A bad file is reported as a problem and yields an empty list, so
 * every source is then reported as not official rather than silently accepted.
 */
export function loadOfficialDomains(directory: string, problems: KnowledgeProblem[]): OfficialDomains {
  const local = join(directory, OFFICIAL_SOURCES_FILE);
  const path = existsSync(local) ? local : DEFAULT_OFFICIAL_SOURCES_PATH;
  const shownPath = relative(process.cwd(), path);
  try {
    const result = OfficialSourcesSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
    if (result.success) return new OfficialDomains(result.data.map((entry) => entry.domain));
    for (const issue of result.error.issues)
      problems.push({
        path: shownPath,
        field: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      });
  } catch (error) {
    problems.push({
      path: shownPath,
      field: '(file)',
      message: `invalid YAML: ${(error as Error).message.split('\n')[0]}`,
    });
  }
  return new OfficialDomains([]);
}
