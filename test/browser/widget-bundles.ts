import { execFileSync } from 'node:child_process';
import { fromProjectRoot } from '../../src/project-root.js';

/**
 * Builds the browser bundles (public/build) the way `npm test` and `npm run build` do, so a widget test
 * run on its own always serves the current source.
 */
export function buildBrowserBundles(): void {
  execFileSync(process.execPath, [fromProjectRoot('scripts/build-browser.mjs')], {
    cwd: fromProjectRoot(),
    stdio: 'pipe',
  });
}
