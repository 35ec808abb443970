/**
 * The layers (docs/architecture.md "Layers"): imports point down, never in a circle. `channels/*`, `src/staff`,
 * `src/cli` → `src/desk` → `src/engine`, `src/queues` → `src/cases`, `src/conversation` → base modules.
 * Nothing in src/ imports channels/ or names a provider except the composition root; a channel adapter
 * reaches the rest only through the port (src/port/) and a few base modules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
/** Composition roots: they wire everything, so they may import anything. */
const ENTRY_POINTS = new Set(['src/main.ts', 'channels/terminal/chat.ts']);

/** Higher imports lower; two different folders of the same rank may not import each other. */
const RANKS: Array<[RegExp, number]> = [
  [/^channels\/index\.ts$/, 95],
  [/^channels\//, 90],
  [/^src\/cli\//, 85],
  [/^src\/console\//, 82],
  [/^src\/staff\//, 80],
  [/^src\/contracts\//, 75],
  [/^src\/runtime\.ts$/, 70],
  [/^src\/reports\//, 67],
  [/^src\/record\//, 65],
  [/^src\/desk\//, 60],
  [/^src\/content\.ts$/, 55],
  [/^src\/actions\//, 50],
  [/^src\/(engine|queues)\//, 40],
  [/^src\/cases\//, 30],
  [/^src\/conversation\//, 25],
  [/^src\/(policy|kb)\//, 20],
  [/^src\/port\//, 15],
  [/^src\/(flows|server)\//, 10],
  [/^src\/files\//, 5],
  [/^src\/db\//, 2],
  [/^src\/redis\//, 0],
  [/^src\/[^/]+\.ts$/, 0],
];

/** What a channel adapter may import from src/: the port and base modules. */
const CHANNEL_MAY_IMPORT = new Set([
  'src/port/channel.ts',
  'src/port/messages.ts',
  'src/port/medium.ts',
  'src/port/refusal.ts',
  'src/port/sms-segments.ts',
  'src/clock.ts',
  'src/config.ts',
  'src/logger.ts',
  'src/metrics.ts',
  'src/errors.ts',
  'src/engine/render.ts',
]);

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm;

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...filesUnder('src'), ...filesUnder('channels')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) =>
      normalize(join(dirname(file), m[1] ?? m[2]!)).replace(/\.js$/, '.ts'),
    );
    graph.set(file, targets);
  }
  return graph;
}

function rankOf(file: string): { rank: number; folder: string } {
  const found = RANKS.find(([pattern]) => pattern.test(file));
  if (!found) throw new Error(`${file}: no layer — add it to RANKS`);
  const parts = file.split('/');
  return { rank: found[1], folder: parts.length > 2 ? parts.slice(0, 2).join('/') : 'src' };
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('imports', () => {
  const graph = importGraph();

  it('form no cycle between files', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('point down the layers, never sideways between folders', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      if (ENTRY_POINTS.has(file)) continue;
      const from = rankOf(file);
      for (const target of targets) {
        if (!graph.has(target)) continue;
        const to = rankOf(target);
        const sameFolder = from.folder === to.folder;
        if (to.rank > from.rank || (to.rank === from.rank && !sameFolder && from.rank !== 0))
          wrong.push(`${file} -> ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keep channel adapters on the port: src/ is reached only through it and base modules', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith('channels/') || ENTRY_POINTS.has(file)) continue;
      for (const target of targets)
        if (target.startsWith('src/') && !CHANNEL_MAY_IMPORT.has(target)) wrong.push(`${file} -> ${target}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keep providers out of src/: no import of channels/, no provider named, but in the composition root', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith('src/') || ENTRY_POINTS.has(file)) continue;
      if (targets.some((target) => target.startsWith('channels/'))) wrong.push(`${file} imports channels/`);
      if (
        /twilio|botbuilder|imapflow|nodemailer|wechat|wecom|weixin|fast-xml-parser/i.test(
          readFileSync(join(ROOT, file), 'utf8'),
        )
      )
        wrong.push(`${file} names a provider`);
    }
    expect(wrong).toEqual([]);
  });
});
