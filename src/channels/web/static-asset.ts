import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface LoadedAsset {
  body: Buffer;
  gzipped: Buffer;
  /** Strong ETag of the content. */
  etag: string;
  /** Short content hash, for `?v=` cache-busting query strings. */
  version: string;
}

/**
 * A file served from memory, compressed once: the widget's files are small and hot (every page view of
 * the city's site asks for widget.js). The file is re-read when its modification time changes, so a
 * rebuild during development is picked up without a restart.
 */
export class StaticAsset {
  private cached: { mtimeMs: number; asset: LoadedAsset } | undefined;

  constructor(readonly path: string) {}

  /** The current content, or undefined when the file does not exist (e.g. the bundle is not built). */
  load(): LoadedAsset | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.path).mtimeMs;
    } catch {
      return undefined;
    }
    if (this.cached?.mtimeMs !== mtimeMs) {
      const body = readFileSync(this.path);
      const hash = createHash('sha256').update(body).digest('hex');
      this.cached = {
        mtimeMs,
        asset: {
          body,
          gzipped: gzipSync(body, { level: 9 }),
          etag: `"${hash.slice(0, 32)}"`,
          version: hash.slice(0, 12),
        },
      };
    }
    return this.cached.asset;
  }
}
