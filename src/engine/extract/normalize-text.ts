const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 and C1 controls except \t and \n (\r is turned into \n first).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Zero-width characters that split words invisibly (copy-paste from web pages and PDFs); ZWJ stays for emoji.
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;
const SPACES = /\p{Zs}+/gu;

/**
 * Cleans a customer message before extraction: NFKC (full-width "ＳＲ－２６１１" → "SR-2611"), line
 * breaks unified to \n, control characters, lone surrogates and U+FFFD runs (mojibake) removed, runs of
 * spaces collapsed, trimmed. Not length-preserving: extract from the normalized text.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(LONE_SURROGATE, '')
    .replace(/\uFFFD+/g, '')
    .normalize('NFKC')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
