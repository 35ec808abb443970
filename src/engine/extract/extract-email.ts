import type { Found } from './found.js';

const LOCAL_CHAR = /[A-Za-z0-9._%+'-]/;
const DOMAIN =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/;
const MAX_LOCAL = 64;

/**
 * Finds the first email address, lower-cased. Scans from each "@" outwards instead of running one big
 * pattern over the text, so a 100 KB message without an address costs one pass.
 */
export function extractEmail(text: string): Found<string> | null {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1]!)) start--;
    // Sentence dots before the address ("…. bob@x.com") are not part of it.
    while (start < at && (text[start] === '.' || text[start] === "'")) start++;
    if (start === at || text[at - 1] === '.') continue;
    const domain = DOMAIN.exec(text.slice(at + 1, at + 256));
    if (!domain) continue;
    const end = at + 1 + domain[0].length;
    return { value: text.slice(start, end).toLowerCase(), start, end };
  }
  return null;
}
