/**
 * The documentation holds together: every relative link in README.md, docs/ and flows/ reaches a file
 * that exists, and a `#anchor` a heading of that page (GitHub's slugs); every page under docs/ is linked
 * from README.md or another docs page; the README stays a short front door; its pictures stay small.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingSlugs, markdownLinks } from './markdown.js';

const ROOT = join(import.meta.dirname, '..', '..');
const README_MOST_BYTES = 12 * 1024;
const PICTURE_MOST_BYTES = 200 * 1024;

function filesUnder(folder: string, ending: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

const docsPages = filesUnder('docs', '.md');
const pages = ['README.md', ...docsPages, ...filesUnder('flows', '.md')];
const text = new Map(pages.map((page) => [page, readFileSync(join(ROOT, page), 'utf8')]));

/** The repository path a link in `page` points at (`/x` is from the repository's root, as on GitHub). */
function resolveTarget(page: string, path: string): string {
  const decoded = decodeURIComponent(path);
  return decoded.startsWith('/') ? decoded.slice(1) : relative(ROOT, join(ROOT, dirname(page), decoded));
}

function anchorsOf(page: string): Set<string> {
  const known = text.get(page) ?? readFileSync(join(ROOT, page), 'utf8');
  return headingSlugs(known);
}

/** Why a link does not resolve, or null when it does. */
function brokenBecause(page: string, target: string): string | null {
  const [path = '', anchor] = target.split('#', 2) as [string, string | undefined];
  const file = path === '' ? page : resolveTarget(page, path);
  if (!existsSync(join(ROOT, file))) return `${file} does not exist`;
  if (anchor === undefined || !file.endsWith('.md')) return null;
  return anchorsOf(file).has(decodeURIComponent(anchor)) ? null : `${file} has no heading #${anchor}`;
}

describe('documentation links', () => {
  it('finds the pages it checks', () => {
    expect(pages).toContain('docs/README.md');
    expect(pages).toContain('flows/README.md');
    expect(docsPages.length).toBeGreaterThan(15);
  });

  it.each(pages)('every relative link in %s resolves', (page) => {
    const broken = markdownLinks(text.get(page)!)
      .map((link) => ({ ...link, why: brokenBecause(page, link.target) }))
      .filter((link) => link.why !== null)
      .map((link) => `${page}:${link.line}: (${link.target}) — ${link.why}`);
    expect(broken).toEqual([]);
  });

  it('every page under docs/ is linked from README.md or another docs page', () => {
    const linkedTo = new Set<string>();
    for (const page of ['README.md', ...docsPages]) {
      for (const link of markdownLinks(text.get(page)!)) {
        const path = link.target.split('#', 1)[0]!;
        if (path === '') continue;
        const file = resolveTarget(page, path);
        if (file !== page) linkedTo.add(file);
      }
    }
    expect(docsPages.filter((page) => !linkedTo.has(page))).toEqual([]);
  });
});

describe('the front door', () => {
  it(`README.md stays within ${README_MOST_BYTES} bytes`, () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_MOST_BYTES);
  });

  it('its pictures are PNG files of at most 200 KB', () => {
    const pictures = filesUnder('docs/images', '.png');
    expect(pictures.length).toBeGreaterThanOrEqual(2);
    for (const picture of pictures) {
      const bytes = readFileSync(join(ROOT, picture));
      expect(bytes.subarray(1, 4).toString('latin1'), picture).toBe('PNG');
      expect(bytes.length, picture).toBeLessThanOrEqual(PICTURE_MOST_BYTES);
    }
  });
});
