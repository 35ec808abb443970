/**
 * Flow files a support manager might get wrong: arbitrary YAML in place of a flow, of bot.yaml or of
 * policy.yaml. Loading either succeeds or fails with FlowFilesInvalidError naming file and line —
 * never another exception.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadContent } from '../../src/content.js';
import { FlowFilesInvalidError } from '../../src/flows/yaml-file.js';
import { fuzz, nastyStrings, RUNS } from './budget.js';

const scalar = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...nastyStrings.filter((s) => s.length < 100)),
);
const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'id',
    'steps',
    'ask',
    'slot',
    'texts',
    'zh',
    'en',
    'trigger',
    'next',
    'type',
    'choices',
    'channel_texts',
    'intents',
    '__proto__',
  ),
);
const node: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const input = fc.record({
  file: fc.constantFrom('fault_report.yaml', 'bot.yaml', 'policy.yaml', 'extra.yaml'),
  doc: node,
  /** Or text as typed by hand, which may not be YAML at all. */
  raw: fc.option(
    fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('a: [1, 2', 'key: "open', '\t- x', ': :', '---\n---\nid: x'),
    ),
  ),
});

describe('fuzz: flow files', () => {
  it('every file loads or is refused with file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-fuzz-'));
    try {
      const failures = await fuzz(
        'flow files',
        input,
        Math.max(20, Math.floor(RUNS / 10)),
        ({ file, doc, raw }) => {
          rmSync(dir, { recursive: true, force: true });
          cpSync('flows', dir, { recursive: true });
          writeFileSync(join(dir, file), raw ?? stringify(doc));
          try {
            loadContent(dir);
            return null;
          } catch (error) {
            if (error instanceof FlowFilesInvalidError && /\.yaml:\d+:\d+ /.test(error.message)) return null;
            return `${file}: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error)}`;
          }
        },
      );
      expect(failures).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
