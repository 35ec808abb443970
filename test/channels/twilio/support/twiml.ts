/**
 * A small XML reader for the TwiML the app answers with, so tests check elements and attributes
 * rather than strings. TwiML is plain XML: elements, attributes, text, the five entities.
 */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[match[1]!] = decode(match[2]!);
  return attrs;
}

export function parseTwiml(xml: string): TwimlNode {
  const root: TwimlNode = { name: '#document', attrs: {}, text: '', children: [] };
  const stack: TwimlNode[] = [root];
  const tokens = /<\?[^>]*\?>|<(\/?)([A-Za-z][\w]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const token of xml.matchAll(tokens)) {
    const [whole, closing, name, attrs, selfClosing, text] = token;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    if (!name) {
      if (!whole.startsWith('<?')) throw new Error(`not TwiML: ${whole}`);
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`mismatched </${name}> in ${xml}`);
      stack.pop();
      continue;
    }
    const node: TwimlNode = { name, attrs: attributes(attrs ?? ''), text: '', children: [] };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed element in ${xml}`);
  const response = root.children[0];
  if (response?.name !== 'Response') throw new Error(`no <Response> in ${xml}`);
  return response;
}

/** Every element named `name`, depth first. */
export function findAll(node: TwimlNode, name: string): TwimlNode[] {
  return node.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}

/** Everything the caller hears (every <Say>), in order. */
export function spokenText(node: TwimlNode): string {
  return findAll(node, 'Say')
    .map((say) => say.text)
    .join('\n');
}
