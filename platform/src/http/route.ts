// A route is data: method, path, schemas, handler. The same list mounts the express router and
// generates the OpenAPI document, so what is documented is what is validated.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Actor } from '../db/context';
import { Forbidden, NotFound } from '../errors/errors';
import { authenticate } from './authenticate';
import { errorBody } from './errorHandler';
import type { PlatformServices } from './services';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerContext<B, Q, P, S extends PlatformServices = PlatformServices> {
  body: B;
  query: Q;
  params: P;
  /** The signed-in caller; routes marked public get a placeholder that must not be used. */
  actor: Actor;
  services: S;
  req: Request;
  res: Response;
}

export interface Schemas<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  body?: B;
  query?: Q;
  params?: P;
}

export interface RouteOptions {
  summary: string;
  /** Success status (default 200). */
  status?: number;
  /** Reachable without a token (login, health). */
  public?: boolean;
  /** Media type of the success response when it is not JSON. */
  produces?: string;
  /** Open to a user who must change a reset password first (signing out, the password page). */
  beforePasswordChange?: boolean;
  /** Shape of the JSON success body (from common/): documented, and checked when checks are on. */
  response?: z.ZodType;
}

/** A route whose handler sees services `S`: a part's own, or just the platform's. */
export interface Route<S extends PlatformServices = PlatformServices> {
  method: Method;
  path: string;
  schemas: Schemas<z.ZodType, z.ZodType, z.ZodType>;
  options: RouteOptions;
  handle: (c: HandlerContext<unknown, unknown, unknown, S>) => Promise<unknown>;
}

/**
 * `route()` for handlers that use a part's own services: `export const { route } =
 * defineRoutes<Services>()` once in the part. A route that needs only the platform's services is
 * mounted by any part (its handler asks for less than the part gives).
 */
export function defineRoutes<S extends PlatformServices>() {
  function route<
    B extends z.ZodType = z.ZodUnknown,
    Q extends z.ZodType = z.ZodUnknown,
    P extends z.ZodType = z.ZodUnknown,
    R extends z.ZodType = z.ZodUnknown,
  >(
    method: Method,
    path: string,
    schemas: Schemas<B, Q, P>,
    // With a response schema, a handler returning another shape is a compile error.
    handle: (
      c: HandlerContext<z.output<B>, z.output<Q>, z.output<P>, S>,
    ) => Promise<z.input<R> | Reply<z.input<R>> | undefined>,
    options: RouteOptions & { response?: R },
  ): Route<S> {
    return { method, path, schemas, options, handle: handle as Route<S>['handle'] };
  }
  return { route };
}

/** `route()` for handlers that need only the platform's services (pool, tokens, log). */
export const { route } = defineRoutes<PlatformServices>();

/** A handler result with a status other than the route's usual one (e.g. an idempotent replay). */
export class Reply<T = unknown> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

/** `:id` path parameter; anything but a UUID is simply not found. */
export const IdParams = z.strictObject({ id: z.uuid() });

const NO_ACTOR: Actor = Object.freeze({
  userId: '',
  username: '',
  displayName: '',
  consortiumId: '',
  institutionId: null,
  departmentId: null,
  roles: [],
  ip: null,
  userAgent: null,
});

export interface MountOptions {
  /** Check each JSON success body against its route's response schema (tests and development). */
  checkResponses?: boolean;
}

export function mountRoutes<S extends PlatformServices>(
  router: Router,
  routes: readonly Route<S>[],
  services: S,
  options: MountOptions = {},
): void {
  for (const r of routes) {
    router[r.method](r.path, async (req: Request, res: Response) => {
      const actor = r.options.public ? NO_ACTOR : await authenticate(req, services.tokens);
      if (actor.mustChangePassword && !r.options.beforePasswordChange) {
        throw Forbidden('password_change_required', 'choose a new password first');
      }
      const params = r.schemas.params ? r.schemas.params.safeParse(req.params) : null;
      if (params && !params.success) throw NotFound('resource');
      const query = r.schemas.query ? r.schemas.query.parse({ ...req.query }) : undefined;
      const body = r.schemas.body ? r.schemas.body.parse(req.body ?? {}) : undefined;
      const result = await r.handle({ body, query, params: params?.data, actor, services, req, res });
      if (res.headersSent) return;
      const schema = options.checkResponses ? r.options.response : undefined;
      if (schema && result !== undefined && !matchesSchema(r, schema, result, services)) {
        res
          .status(500)
          .json(errorBody('response_invalid', 'the server built a response it does not document'));
        return;
      }
      if (result instanceof Reply) res.status(result.status).json(result.body);
      else if (result === undefined) res.status(r.options.status ?? 204).end();
      else res.status(r.options.status ?? 200).json(result);
    });
  }
}

/**
 * A body that doesn't match its schema is the server's bug: it fails loudly (logged with the
 * route and zod's issues, answered 500) rather than reaching a client that trusts the type.
 */
function matchesSchema<S extends PlatformServices>(
  r: Route<S>,
  schema: z.ZodType,
  result: unknown,
  services: S,
): boolean {
  const parsed = schema.safeParse(result instanceof Reply ? result.body : result);
  if (parsed.success) return true;
  services.log.error(
    { method: r.method.toUpperCase(), route: r.path, issues: parsed.error.issues },
    'response does not match its schema',
  );
  return false;
}
