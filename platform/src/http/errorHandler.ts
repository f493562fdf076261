import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { AppError, type ErrorKind } from '../errors/errors';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many: 429,
  unavailable: 503,
  /** An upstream (the PACS) answered with a failure of its own: 502, as a gateway would say. */
  upstream: 502,
  /** An upstream (the PACS) did not answer in time: 504, as a gateway would say. */
  timeout: 504,
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function zodDetails(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
}

/** Errors thrown by body-parser carry a `type` and a status; map them to our codes. */
interface ParserError {
  type?: string;
  status?: number;
}
const PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'malformed_json', 'the request body is not valid JSON'],
  'entity.too.large': [413, 'payload_too_large', 'the request body is too large'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported_charset', 'unsupported charset'],
  'request.aborted': [400, 'request_aborted', 'the request was aborted'],
};

/**
 * PostgreSQL refusing the text it was given (a NUL byte, a character the encoding lacks): the
 * client sent it, so it is their 400; the transaction rolled back, nothing was written.
 */
const PG_TEXT_ERRORS = new Set(['22021', '22P05']);

/**
 * The database is away (restarting, unreachable, shutting down, or the pool timed out waiting
 * for it): the request failed without changing anything and may be retried.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    code.startsWith('08') || // connection exceptions
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now (starting up)
    code === 'ECONNREFUSED' ||
    code === 'ENOENT' || // the Unix socket is gone while the server restarts
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      message,
    )
  );
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof AppError) {
      if (err.kind === 'too_many') {
        const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) res.setHeader('Retry-After', String(retry));
      }
      res.status(STATUS[err.kind]).json(errorBody(err.code, err.message, err.details));
      return;
    }
    if (err instanceof ZodError) {
      res.status(400).json(errorBody('invalid_request', 'the request is not valid', zodDetails(err)));
      return;
    }
    if (isDatabaseUnavailable(err)) {
      log.warn(
        { method: req.method, path: req.path, code: (err as { code?: unknown }).code },
        'database unavailable',
      );
      res.setHeader('Retry-After', '5');
      res
        .status(503)
        .json(
          errorBody(
            'database_unavailable',
            'the database is not reachable just now; nothing was changed, try again shortly',
          ),
        );
      return;
    }
    const pgCode = (err as { code?: unknown }).code;
    if (typeof pgCode === 'string' && PG_TEXT_ERRORS.has(pgCode)) {
      res.status(400).json(errorBody('invalid_text', 'the text contains a character that cannot be stored'));
      return;
    }
    // Any other data exception (class 22: a date out of range, a number too large, a value that
    // doesn't parse) comes from what the client sent; the schemas refuse most of them first.
    if (typeof pgCode === 'string' && /^22[0-9A-Z]{3}$/.test(pgCode)) {
      log.warn({ code: pgCode, method: req.method, path: req.path }, 'a value the database refused');
      res.status(400).json(errorBody('invalid_value', 'a value in the request is out of range or malformed'));
      return;
    }
    const parser = err as ParserError;
    const known = parser.type ? PARSER_ERRORS[parser.type] : undefined;
    if (known) {
      res.status(known[0]).json(errorBody(known[1], known[2]));
      return;
    }
    if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
      res.status(parser.status).json(errorBody('bad_request', 'the request could not be read'));
      return;
    }
    // Anything else is our fault: log it with the stack, tell the client nothing internal.
    log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json(errorBody('internal', 'something went wrong on our side; nothing was changed'));
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('route_not_found', `no route ${req.method} ${req.path}`));
};
