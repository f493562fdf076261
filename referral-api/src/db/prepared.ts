// Named prepared statements for the hot paths: PostgreSQL parses and plans a named statement once
// per connection and reuses the plan (row-level security included) instead of planning every
// request's statements again. The name is derived from the text, so one name never means two texts.
import { createHash } from 'node:crypto';

const names = new Map<string, string>();

export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (!name) {
    name = `q_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    // Texts built from code (effect columns), so the map stays small; bounded all the same.
    if (names.size < 1000) names.set(text, name);
  }
  return { name, text, values };
}
