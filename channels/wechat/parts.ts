/**
 * A text message of the customer-service API carries at most 2,048 bytes of UTF-8 (about 680 Chinese
 * characters): longer texts go out as several, split between lines or sentences where possible.
 */
const MAX_BYTES = 2000;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export function splitByBytes(text: string, maxBytes = MAX_BYTES): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (bytes(rest) > maxBytes) {
    let cut = 0;
    let size = 0;
    const chars = [...rest];
    while (cut < chars.length && size + bytes(chars[cut]!) <= maxBytes) size += bytes(chars[cut++]!);
    const head = chars.slice(0, cut).join('');
    const boundary = Math.max(
      head.lastIndexOf('\n'),
      ...['。', '！', '？', '. ', '! ', '? '].map((s) => head.lastIndexOf(s)),
    );
    const end = boundary > head.length / 2 ? boundary + 1 : head.length;
    parts.push(head.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}
