import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Security headers on every response, and CORS limited to the configured origins (the city's sites).
 * Pages that must be framed by the city's site (the chat frame) relax `frame-ancestors` per route.
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'self'"],
          // The service is often reached over plain HTTP inside the city's network or on localhost.
          'upgrade-insecure-requests': null,
        },
      },
      // The widget loader and the chat frame are loaded cross-origin by the city's pages.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginEmbedderPolicy: false,
    });
    const allowed = new Set(app.config.ALLOWED_ORIGINS);
    await app.register(cors, {
      origin: (origin, callback) => callback(null, origin === undefined || allowed.has(origin)),
      credentials: false,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
    });
  },
  { name: 'security', dependencies: ['config'] },
);
