import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { AppConfig } from '../../src/config.js';
import type { Role } from '../../src/protocol/console-api.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { buildBrowserBundles } from './widget-bundles.js';

/** The real service on PGlite, listening on a free port, with the browser bundles freshly built. */
export interface ServedApp {
  testApp: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

export async function serveApp(overrides: Partial<Record<keyof AppConfig, string>> = {}): Promise<ServedApp> {
  buildBrowserBundles();
  const testApp = await buildTestApp('pglite', { HANDOFF_OFFICE_HOURS: 'always', ...overrides });
  try {
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await testApp.close();
    throw error;
  }
  const { port } = testApp.app.server.address() as AddressInfo;
  return { testApp, baseUrl: `http://127.0.0.1:${port}`, close: () => testApp.close() };
}

export interface TestClerk {
  email: string;
  password: string;
  name: string;
}

/** A clerk account made the way the clerk:add CLI makes one (the handoff module's account service). */
export async function addClerk(
  served: ServedApp,
  input: { email: string; name: string; role?: Role; departments: string[] },
): Promise<TestClerk> {
  const password = 'parola-de-test-lunga-2026';
  await served.testApp.app.clerkConsole.accounts.create(
    {
      email: input.email,
      name: input.name,
      role: input.role ?? 'clerk',
      departments: input.departments,
      password,
    },
    null,
  );
  return { email: input.email, password, name: input.name };
}

/** Runs axe-core in the page (evaluated through the DevTools protocol, so the page's strict CSP still holds). */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; help: string; nodes: string[] }>> {
  const source = readFileSync(fromProjectRoot('node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
    const results = await axe.run(document);
    return results.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

interface AxeResults {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }>;
}

export function artifactPath(name: string): string {
  const directory = fromProjectRoot('test-artifacts');
  mkdirSync(directory, { recursive: true });
  return `${directory}/${name}`;
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    const reached = await page.evaluate(
      (wanted) => document.activeElement?.matches(wanted) ?? false,
      selector,
    );
    if (reached) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${selector} with the Tab key in ${limit} presses`);
}
