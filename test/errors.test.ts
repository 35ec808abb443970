import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../src/errors.js';

describe('error catalogue', () => {
  const table = readFileSync('docs/errors.md', 'utf8');
  const documented = new Set(
    [...table.matchAll(/^\|\s*`(SUPPORT_ERR_[A-Z_]+)`\s*\|\s*(\d{3}|—)\s*\|/gm)].map((m) => m[1]!),
  );

  it('every code is documented in docs/errors.md', () => {
    for (const code of Object.keys(errorCatalogue)) expect(documented, code).toContain(code);
  });

  it('docs/errors.md documents no code that does not exist', () => {
    for (const code of documented) expect(Object.keys(errorCatalogue), code).toContain(code);
  });

  it('documented HTTP statuses match the catalogue', () => {
    for (const match of table.matchAll(/^\|\s*`(SUPPORT_ERR_[A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
      const spec = errorCatalogue[match[1] as keyof typeof errorCatalogue];
      expect(spec.status, match[1]).toBe(Number(match[2]));
    }
  });
});
