import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Where Linux distributions (Debian's `chromium` package in CI) and Google put their browsers. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

export interface FoundChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
}

export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  systemPaths?: readonly string[];
  /** The npm fallback: @sparticuz/chromium unpacks a headless Chromium (x64 Linux) into the temp folder. */
  npmChromium?: () => Promise<string>;
}

const npmChromium = async () => (await import('@sparticuz/chromium')).default.executablePath();

/**
 * The browser for the tests, so that `npm test` passes on a fresh machine with nothing installed:
 * CHROMIUM_PATH if set (and it must exist: a wrong setting is an error, not a silent fallback), then a
 * system Chromium (CI keeps Debian's), then the Chromium build from npm (@sparticuz/chromium).
 */
export async function findChromium(lookup: ChromiumLookup = {}): Promise<FoundChromium> {
  const env = lookup.env ?? process.env;
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (!existsSync(configured)) {
      throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist: fix it or unset it.`);
    }
    return { path: configured, source: 'CHROMIUM_PATH' };
  }
  const system = (lookup.systemPaths ?? SYSTEM_CHROMIUM_PATHS).find((path) => existsSync(path));
  if (system) return { path: system, source: 'system' };
  try {
    return { path: await (lookup.npmChromium ?? npmChromium)(), source: 'npm' };
  } catch (error) {
    throw new Error(
      `No Chromium found: CHROMIUM_PATH is not set, none of ${(lookup.systemPaths ?? SYSTEM_CHROMIUM_PATHS).join(', ')} ` +
        `exists, and the npm build (@sparticuz/chromium, x64 Linux only) failed: ${(error as Error).message}. ` +
        'Install a Chromium (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
  }
}

let found: Promise<FoundChromium> | undefined;

/** The lookup once per test process: unpacking the npm build takes seconds. Fails loudly: browser tests never skip. */
export function chromiumPath(): Promise<string> {
  found ??= findChromium();
  return found.then((chromium) => chromium.path);
}

/**
 * Flags for a quiet, reproducible headless run: no GPU, no sandbox (containers), and none of the
 * background traffic (component updates, sync, QUIC probes) that would reach outside 127.0.0.1.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenedBrowser {
  /** A context with its own fresh profile (storage, cookies, cache). */
  context: BrowserContext;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh user-data directory of its own (deleted on close), so no state leaks
 * between test files or from a developer's profile. The persistent context keeps localStorage across
 * page reloads and tabs, as a citizen's browser would.
 */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<OpenedBrowser> {
  const executablePath = await chromiumPath();
  const userDataDir = mkdtempSync(join(tmpdir(), 'antonia-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      ...options,
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A browser for tests that need several independent contexts (e.g. a citizen and a clerk). Playwright
 * gives each launch a fresh temporary profile and each context its own storage.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}
