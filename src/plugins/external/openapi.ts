import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' zod schemas: JSON at /docs/json, browsable at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'ANTONIA API',
          description:
            'Virtual civil servant of Primăria Municipiului Cluj-Napoca: conversations, messages, health.',
          version: '1.0.0',
        },
        components: {
          securitySchemes: {
            conversationToken: { type: 'http', scheme: 'bearer', description: 'The conversation token.' },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'openapi' },
);
