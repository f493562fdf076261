import type { z } from 'zod';

/**
 * A part's configuration from the environment, checked against its schema. Refuses to start with
 * every problem named at once, rather than failing later on the first missing value.
 */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`configuration is incomplete: ${problems}`);
  }
  return parsed.data;
}

/** A comma-separated list (`A, B,C`), empty when unset. */
export function commaList(list: string | undefined): string[] {
  return list ? list.split(',').map((k) => k.trim()) : [];
}
