import { pino, type Logger } from 'pino';

/** Structured logs; modules take a child with their name. Never log patient names or ids numbers. */
export function createLogger(level: string, service: string): Logger {
  return pino({
    level,
    base: { service },
    redact: ['req.headers.authorization', '*.password'],
  });
}
