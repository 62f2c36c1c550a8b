import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { fromProjectRoot } from '../../src/project-root.js';
import { buildBrowserBundles } from './widget-bundles.js';

/** Issue 5: at most 35 KB gzipped for everything the host page loads before the chat is opened. */
const BUDGET_BYTES = 35 * 1024;

function sizes(path: string): { raw: number; gzip: number } {
  const body = readFileSync(fromProjectRoot(path));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

describe('widget size budget', () => {
  beforeAll(() => buildBrowserBundles());

  it('keeps what the host page loads before the chat is opened (widget.js) within 35 KB gzipped', () => {
    const loader = sizes('public/build/widget.js');
    // Loaded only when the citizen opens the chat (the loader creates the iframe on first open).
    const frame = {
      page: sizes('public/widget/frame.html'),
      styles: sizes('public/widget/frame.css'),
      script: sizes('public/build/chat-frame.js'),
    };
    const frameGzip = frame.page.gzip + frame.styles.gzip + frame.script.gzip;
    console.log(
      [
        `widget.js (before opening): ${loader.raw} B raw, ${loader.gzip} B gzip — budget ${BUDGET_BYTES} B`,
        `chat frame (on opening): page ${frame.page.gzip} B + frame.css ${frame.styles.gzip} B + chat-frame.js ${frame.script.gzip} B gzip` +
          ` (${frame.script.raw} B raw) = ${frameGzip} B gzip`,
        `everything, chat open: ${loader.gzip + frameGzip} B gzip`,
      ].join('\n'),
    );
    expect(loader.gzip).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
