/**
 * WeChat's XML, read and written with fast-xml-parser, never with regular expressions. Every value
 * stays a string (`parseTagValue: false`: a 15-digit MsgId or "0012" would otherwise become numbers)
 * and entities are not expanded (`processEntities: false`: a DOCTYPE's entities cannot blow up).
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({
  parseTagValue: false,
  processEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  trimValues: true,
});
const builder = new XMLBuilder({ cdataPropName: '__cdata', suppressEmptyNode: false });

/** The fields of a `<xml>` document, each a string (nested elements are left out); null if malformed. */
export function parseWechatXml(text: string): Record<string, string> | null {
  if (!text.trim() || XMLValidator.validate(text) !== true) return null;
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    return null;
  }
  const root = (parsed as { xml?: unknown } | null)?.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return null;
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === 'string') fields[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
  }
  return fields;
}

/** A `<xml>` document; strings are written as CDATA, numbers as they are. */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const xml: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields))
    xml[name] = typeof value === 'number' ? value : { __cdata: value };
  return builder.build({ xml }) as string;
}
