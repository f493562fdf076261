// The slice of pino's Logger this package uses, so callers pass their own pino logger (or a child)
// without the SFU depending on pino at run time.
type LogFn = (obj: object | string, msg?: string) => void;

export interface SfuLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child: (bindings: Record<string, unknown>) => SfuLogger;
}

/** A logger that drops everything (defaults, and tests that don't inspect logs). */
export const silentLogger: SfuLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
