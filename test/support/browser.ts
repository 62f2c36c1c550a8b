import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium (CI installs the `chromium` package: scripts/ci/install-chromium.sh). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

/** Fails loudly when Chromium is missing: browser tests are never skipped. */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests need Debian's chromium package ` +
        '(sudo apt-get install -y chromium, or bash scripts/ci/install-chromium.sh), or CHROMIUM_PATH set to a Chromium binary.',
    );
  }
}

/**
 * Headless Chromium with a fresh user-data directory of its own (deleted on close), so no state leaks
 * between test files or from a developer's profile. The persistent context keeps localStorage across
 * page reloads and tabs, as a citizen's browser would.
 */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<OpenedBrowser> {
  assertChromiumInstalled();
  const userDataDir = mkdtempSync(join(tmpdir(), 'antonia-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
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
  assertChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
