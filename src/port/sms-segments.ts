/**
 * SMS segment counting (3GPP TS 23.038 / 23.040), one implementation for the SMS channel (which splits
 * long replies within a segment budget) and the staff console (whose reply box shows the count as
 * staff type). A text made only of GSM-7 characters is sent in 7-bit units: 160 in a single message,
 * 153 per segment of a concatenated one (the user data header takes the rest); characters of the
 * extension table (^{}\[~]|€ and form feed) cost two units and their escape is never separated from
 * them. Anything else — Chinese, emoji, curly quotes — makes the whole message UCS-2: 70 UTF-16 code
 * units alone, 67 per segment, and a surrogate pair (an emoji) is never split across segments.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

/**
 * Counts the segments a text is sent in.
 *
 * Self-contained on purpose — no imports, no module constants, no inner functions — because the
 * console's browser script embeds this function's own source (`smsSegmentsSource`): the count staff
 * see is the sender's.
 */
export function countSmsSegments(text: string): SegmentCount {
  const basic =
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const extension = '^{}\\[~]|€\f';
  let gsm = true;
  for (const char of text) {
    if (!basic.includes(char) && !extension.includes(char)) {
      gsm = false;
      break;
    }
  }
  // Each character's cost: 1 or 2 septets, or 1 or 2 UTF-16 code units; characters are indivisible.
  const costs: number[] = [];
  let units = 0;
  for (const char of text) {
    const cost = gsm ? (extension.includes(char) ? 2 : 1) : char.length;
    costs.push(cost);
    units += cost;
  }
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units === 0) return { encoding, units, segments: 0 };
  if (units <= (gsm ? 160 : 70)) return { encoding, units, segments: 1 };
  const size = gsm ? 153 : 67;
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > size) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}

/** `countSmsSegments` as browser script source, for the console to embed. */
export const smsSegmentsSource: string = countSmsSegments.toString();

/** True if every character has a GSM-7 encoding (basic or extension table). */
export function isGsm7(text: string): boolean {
  return countSmsSegments(text).encoding === 'GSM-7';
}
