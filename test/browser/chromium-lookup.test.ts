import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../support/browser.js';

describe('finding Chromium for the browser tests', () => {
  const root = mkdtempSync(join(tmpdir(), 'antonia-chromium-lookup-'));
  const configured = join(root, 'configured-chromium');
  const system = join(root, 'system-chromium');
  writeFileSync(configured, '');
  writeFileSync(system, '');
  const missing = join(root, 'missing');
  const noNpm = async (): Promise<string> => {
    throw new Error('not asked');
  };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes CHROMIUM_PATH first, then the first system Chromium that exists', async () => {
    await expect(
      findChromium({ env: { CHROMIUM_PATH: configured }, systemPaths: [system], npmChromium: noNpm }),
    ).resolves.toEqual({ path: configured, source: 'CHROMIUM_PATH' });
    await expect(
      findChromium({ env: {}, systemPaths: [missing, system], npmChromium: noNpm }),
    ).resolves.toEqual({ path: system, source: 'system' });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of quietly using another browser', async () => {
    await expect(
      findChromium({ env: { CHROMIUM_PATH: missing }, systemPaths: [system], npmChromium: noNpm }),
    ).rejects.toThrow(`CHROMIUM_PATH is set to ${missing}, which does not exist: fix it or unset it.`);
  });

  it('says what to install when there is no Chromium at all', async () => {
    await expect(findChromium({ env: {}, systemPaths: [missing], npmChromium: noNpm })).rejects.toThrow(
      /^No Chromium found: .*failed: not asked\. Install a Chromium \(Debian: sudo apt-get install -y chromium\) or set CHROMIUM_PATH\.$/,
    );
  });

  it('falls back to the npm Chromium on a machine without one, and that browser renders a page with our flags', async () => {
    const found = await findChromium({ env: {}, systemPaths: [missing] });
    expect(found.source).toBe('npm');
    const browser = await chromium.launch({
      executablePath: found.path,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>Bună ziua</h1></main><script>document.title = String(6 * 7)</script>');
      expect(await page.textContent('h1')).toBe('Bună ziua');
      expect(await page.title()).toBe('42');
    } finally {
      await browser.close();
    }
  });
});
