/**
 * SMS segment counting (3GPP TS 23.038 / 23.040). A text made only of GSM-7 characters is sent in
 * 7-bit units: 160 in a single message, 153 per segment of a concatenated one (the user data header
 * takes the rest); characters of the extension table (^{}\[~]|€ and form feed) cost two units and
 * their escape is never separated from them. Anything else — Chinese, emoji, curly quotes — makes the
 * whole message UCS-2: 70 UTF-16 code units alone, 67 per segment, and a surrogate pair (an emoji)
 * is never split across segments.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export const GSM_SINGLE = 160;
export const GSM_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/** True if every character has a GSM-7 encoding (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return false;
  return true;
}

/** Cost of each character in its encoding: 1 or 2 septets, or 1 or 2 UTF-16 code units. */
function unitsPerCharacter(text: string, encoding: SmsEncoding): number[] {
  return Array.from(text, (char) => (encoding === 'GSM-7' ? (extension.has(char) ? 2 : 1) : char.length));
}

/** Packs indivisible characters into segments of `size` units. */
function packedSegments(costs: number[], size: number): number {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > size) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const costs = unitsPerCharacter(text, encoding);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  if (units === 0) return { encoding, units, segments: 0 };
  const single = encoding === 'GSM-7' ? GSM_SINGLE : UCS2_SINGLE;
  const multi = encoding === 'GSM-7' ? GSM_MULTI : UCS2_MULTI;
  const segments = units <= single ? 1 : packedSegments(costs, multi);
  return { encoding, units, segments };
}
