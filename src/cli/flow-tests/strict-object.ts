/**
 * A zod mapping that rejects unknown keys the way a support manager needs: the mistyped key, the
 * closest allowed one ("reply_contain" → did you mean reply_contains?) and the full list.
 */
import { z } from 'zod';

/** Edit distance, for "did you mean" on a mistyped key. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, n) => n);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A mapping that names a mistyped key and suggests the closest allowed one (`reply_contain`). */
export function strict<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys
        .map((key) => {
          const closest = allowed
            .map((name) => ({ name, d: distance(key, name) }))
            .sort((x, y) => x.d - y.d)[0];
          const guess =
            closest && closest.d <= Math.max(1, Math.floor(key.length / 3))
              ? `did you mean ${closest.name}? `
              : '';
          return `unknown key "${key}": ${guess}(allowed: ${allowed.join(', ')})`;
        })
        .join('; ');
    },
  });
}
