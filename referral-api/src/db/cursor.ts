// Keyset cursors for the worklists: the last row's sort keys, base64url JSON. The values go into
// SQL casts, so anything but what the API issued is refused here (400 invalid_cursor), not by a cast.
import { Invalid } from '@tiered-care/platform';
import type { z } from 'zod';

export function cursorCodec<S extends z.ZodType>(shape: S) {
  return {
    decode: (s: string): z.output<S> => {
      try {
        const parsed = shape.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
        if (parsed.success) return parsed.data;
      } catch {
        // not JSON: the same answer as any other foreign cursor
      }
      throw Invalid('invalid_cursor', 'the cursor is not one this API returned');
    },
    encode: (c: z.input<S>): string => Buffer.from(JSON.stringify(c)).toString('base64url'),
  };
}
