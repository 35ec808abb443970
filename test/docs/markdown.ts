/**
 * Just enough Markdown for the documentation test: the links a page makes and the anchors its headings
 * get on GitHub. Code (fenced blocks and `inline spans`) is neither a link nor a heading: a YAML comment
 * in a fenced block starts with `#` too.
 */

export interface MarkdownLink {
  target: string;
  line: number;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[\s\S]*?\1/g;
const LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_REFERENCE = /<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/g;
const HTML_ANCHOR = /<a\s[^>]*?(?:id|name)="([^"]+)"/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/** Each line of the page with code blanked out, so positions and line numbers stay. */
function proseLines(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    const opening = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = null;
      return '';
    }
    if (opening) {
      fence = opening;
      return '';
    }
    return line.replace(INLINE_CODE, (code) => ' '.repeat(code.length));
  });
}

/** Links to other files or anchors of this repository (web addresses and `mailto:` are not checked). */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  proseLines(markdown).forEach((line, index) => {
    for (const pattern of [LINK, HTML_REFERENCE]) {
      for (const match of line.matchAll(pattern)) {
        const target = match[1]!;
        if (!SCHEME.test(target)) links.push({ target, line: index + 1 });
      }
    }
  });
  return links;
}

/**
 * GitHub's anchor for a heading (as github-slugger makes it): the text as shown, lower case, without
 * punctuation or symbols other than `-` and `_`, spaces as `-`.
 */
export function slugOf(heading: string): string {
  const shown = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return shown
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page offers: its headings' slugs (a repeated one gets `-1`, `-2`…) and HTML ids. */
export function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  const raw = markdown.split('\n');
  proseLines(markdown).forEach((line, index) => {
    for (const match of line.matchAll(HTML_ANCHOR)) slugs.add(match[1]!);
    if (!/^\s{0,3}#{1,6}\s/.test(line)) return;
    // Slug from the raw line: code spans in a heading are shown, so they count.
    const heading = raw[index]!.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '');
    const base = slugOf(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  });
  return slugs;
}
