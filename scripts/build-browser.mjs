// Bundles the browser code (citizen widget, clerk console) into public/build with esbuild.
// Each entry is optional until its module exists, so the service builds at every stage.
import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const entries = [
  { in: 'src/widget/loader/index.ts', out: 'widget' },
  { in: 'src/widget/frame/index.ts', out: 'chat-frame' },
  { in: 'src/console/browser/index.ts', out: 'console' },
].filter((entry) => existsSync(entry.in));

mkdirSync('public/build', { recursive: true });
if (entries.length > 0) {
  await build({
    entryPoints: entries,
    outdir: 'public/build',
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}
console.log(`browser bundles: ${entries.map((entry) => entry.out).join(', ') || 'none yet'}`);
