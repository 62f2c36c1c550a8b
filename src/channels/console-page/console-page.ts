import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { httpErrors } from '../../http/errors.js';
import { fromProjectRoot } from '../../project-root.js';
import { CONSOLE_CSP_DIRECTIVES } from './console-csp.js';

interface ConsoleAsset {
  route: string;
  file: string;
  contentType: string;
}

/**
 * The clerk console's page and its two assets. They are few and small, so each is read from disk when
 * asked for (a rebuilt bundle is picked up without a restart) and revalidated by ETag.
 */
const ASSETS: ConsoleAsset[] = [
  { route: '/console', file: 'public/console/index.html', contentType: 'text/html; charset=utf-8' },
  {
    route: '/console/console.css',
    file: 'public/console/console.css',
    contentType: 'text/css; charset=utf-8',
  },
  {
    route: '/console/console.js',
    file: 'public/build/console.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  { route: '/console/favicon.svg', file: 'public/console/favicon.svg', contentType: 'image/svg+xml' },
];

// Replaces the service-wide policy (which the embeddable chat frame needs) on the console's routes only.
const CONSOLE_HELMET = {
  contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP_DIRECTIVES },
  frameguard: { action: 'deny' as const },
};

/** Serves GET /console (the clerk console) with a CSP stricter than the rest of the service. */
const consolePage: FastifyPluginAsync = async (app) => {
  for (const asset of ASSETS) {
    app.get(asset.route, { schema: { hide: true }, helmet: CONSOLE_HELMET }, (request, reply) =>
      serve(asset, request, reply),
    );
  }
  app.get('/console/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console', 301));
};

async function serve(asset: ConsoleAsset, request: FastifyRequest, reply: FastifyReply) {
  let body: Buffer;
  try {
    body = await readFile(fromProjectRoot(asset.file));
  } catch {
    // The bundle is missing when `npm run build` (scripts/build-browser.mjs) has not run.
    throw httpErrors.unavailable('The clerk console has not been built; run npm run build.');
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', 'no-cache').header('etag', etag).type(asset.contentType);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(body);
}

export default consolePage;
