import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { httpErrors } from '../../http/errors.js';
import { LangSchema } from '../../language.js';
import { fromProjectRoot } from '../../project-root.js';
import { asOrigin, frameHelmetOptions, mayEmbed } from './frame-security.js';
import { StaticAsset, type LoadedAsset } from './static-asset.js';

const JS = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const HTML = 'text/html; charset=utf-8';
/** widget.js has a fixed address on the city's pages, so it is cached briefly; versioned files for a year. */
const LOADER_CACHE = 'public, max-age=300';
const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

const assets = {
  loader: new StaticAsset(fromProjectRoot('public/build/widget.js')),
  frameScript: new StaticAsset(fromProjectRoot('public/build/chat-frame.js')),
  frameStyles: new StaticAsset(fromProjectRoot('public/widget/frame.css')),
  framePage: new StaticAsset(fromProjectRoot('public/widget/frame.html')),
  demoPage: new StaticAsset(fromProjectRoot('public/demo/index.html')),
  demoStyles: new StaticAsset(fromProjectRoot('public/demo/site.css')),
  testPage: new StaticAsset(fromProjectRoot('public/widget/test.html')),
};

const FrameQuerySchema = z.object({
  lang: LangSchema.optional().catch(undefined),
  parent: z.string().max(200).optional(),
  // Read by the frame's script, not by the server: listed so that the schema documents them.
  color: z.string().max(20).optional(),
  textColor: z.string().max(20).optional(),
  title: z.string().max(200).optional(),
});

const VersionQuerySchema = z.object({ v: z.string().max(40).optional() });

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function required(asset: StaticAsset, what: string): LoadedAsset {
  const loaded = asset.load();
  if (!loaded) throw httpErrors.unavailable(`${what} is not built yet: run \`npm run build\`.`);
  return loaded;
}

/** Sends an asset, gzipped when the client accepts it, answering conditional requests with 304. */
function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: LoadedAsset,
  contentType: string,
  cacheControl: string,
): FastifyReply {
  reply.header('content-type', contentType).header('cache-control', cacheControl).header('etag', asset.etag);
  reply.header('vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(asset.gzipped);
  }
  return reply.send(asset.body);
}

/** The short version of the chat frame's script and styles together, for their `?v=` query strings. */
function frameVersion(): string {
  const script = required(assets.frameScript, 'The chat frame bundle');
  const styles = required(assets.frameStyles, 'The chat frame stylesheet');
  return `${script.version.slice(0, 6)}${styles.version.slice(0, 6)}`;
}

/**
 * The citizen widget on the web: the one-tag loader (/widget.js), the chat frame it embeds
 * (/widget/frame with its script and styles), and — when SERVE_DEMO_PAGE — the demo page at / (a mock
 * of the city's site with the widget) and /widget/test (a hostile host page for the browser tests).
 */
const webRoutes: FastifyPluginAsyncZod = async (app) => {
  const allowedOrigins = app.config.ALLOWED_ORIGINS;
  for (const origin of allowedOrigins) {
    if (!asOrigin(origin))
      app.log.warn({ origin }, 'ALLOWED_ORIGINS entry is not a bare origin; the chat frame ignores it');
  }
  const hidden = { hide: true };

  app.get('/widget.js', { schema: hidden }, async (request, reply) =>
    sendAsset(request, reply, required(assets.loader, 'The widget loader'), JS, LOADER_CACHE),
  );

  app.get(
    '/widget/frame',
    { schema: { ...hidden, querystring: FrameQuerySchema }, helmet: frameHelmetOptions(allowedOrigins) },
    async (request, reply) => {
      const { parent, lang } = request.query;
      if (parent !== undefined) {
        const origin = asOrigin(parent);
        if (!origin || !mayEmbed(origin, allowedOrigins, request)) {
          throw httpErrors.forbidden('This site may not embed the chat: add its origin to ALLOWED_ORIGINS.');
        }
      }
      const template = required(assets.framePage, 'The chat frame page').body.toString('utf8');
      const page = template
        .replaceAll('{{LANG}}', lang ?? 'ro')
        .replaceAll('{{PRIVACY_URL}}', escapeAttribute(app.config.PRIVACY_URL ?? ''))
        .replaceAll('{{VERSION}}', frameVersion());
      return reply.header('content-type', HTML).header('cache-control', 'no-cache').send(page);
    },
  );

  app.get(
    '/widget/chat-frame.js',
    { schema: { ...hidden, querystring: VersionQuerySchema } },
    async (request, reply) => {
      const asset = required(assets.frameScript, 'The chat frame bundle');
      const cache = request.query.v === frameVersion() ? VERSIONED_CACHE : LOADER_CACHE;
      return sendAsset(request, reply, asset, JS, cache);
    },
  );

  app.get(
    '/widget/frame.css',
    { schema: { ...hidden, querystring: VersionQuerySchema } },
    async (request, reply) => {
      const asset = required(assets.frameStyles, 'The chat frame stylesheet');
      const cache = request.query.v === frameVersion() ? VERSIONED_CACHE : LOADER_CACHE;
      return sendAsset(request, reply, asset, CSS, cache);
    },
  );

  if (!app.config.SERVE_DEMO_PAGE) return;

  app.get('/', { schema: hidden }, async (request, reply) =>
    sendAsset(request, reply, required(assets.demoPage, 'The demo page'), HTML, 'no-cache'),
  );
  app.get('/demo/site.css', { schema: hidden }, async (request, reply) =>
    sendAsset(request, reply, required(assets.demoStyles, 'The demo stylesheet'), CSS, 'no-cache'),
  );
  app.get('/widget/test', { schema: hidden }, async (request, reply) =>
    sendAsset(request, reply, required(assets.testPage, 'The widget test page'), HTML, 'no-cache'),
  );
};

export default webRoutes;
