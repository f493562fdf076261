// OpenAPI 3.1 from the route list. 3.1 uses JSON Schema 2020-12, which is what zod emits.
import { z } from 'zod';
import type { Route } from './route';
import type { PlatformServices } from './services';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

/** Requests as the client may send them ('input'); responses as the client receives them ('output'). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const js: Record<string, unknown> = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  delete js.$schema;
  return js;
}

function queryParameters(schema: z.ZodType, location: 'query' | 'path') {
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

export function openApiDocument<S extends PlatformServices>(routes: readonly Route<S>[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.options.summary,
      tags: [path.split('/')[2] ?? 'api'],
      parameters: [
        ...(r.schemas.params ? queryParameters(r.schemas.params, 'path') : []),
        ...(r.schemas.query ? queryParameters(r.schemas.query, 'query') : []),
      ],
      responses: {
        [String(r.options.status ?? 200)]: {
          description: 'success',
          content: {
            [r.options.produces ?? 'application/json']: r.options.response
              ? { schema: jsonSchema(r.options.response, 'output') }
              : {},
          },
        },
        default: { description: 'error', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      },
    };
    if (r.schemas.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.schemas.body) } },
      };
    }
    if (!r.options.public) op.security = [{ bearer: [] }];
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tiered-care referral API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
