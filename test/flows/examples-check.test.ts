import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content.js';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function flowsWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  dirs.push(dir);
  cpSync('flows', dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

const problemsOf = (dir: string) =>
  checkContent(dir).problems.map((problem) => problem.toString().replace(`${dir}/`, 'flows/'));

describe('flows:check on intent examples', () => {
  it('the shipped flows pass', () => {
    expect(checkContent('flows').problems.map(String)).toEqual([]);
  });

  it('reports an example given to two intents, at its line', () => {
    // "我要报修" is a fault_report example; also give it to warranty_enquiry.
    const dir = flowsWith('warranty_enquiry.yaml', (text) =>
      text.replace('      - 帮我查一下保修\n', '      - 帮我查一下保修\n      - 我要报修\n'),
    );
    const line =
      readFileSync(join(dir, 'warranty_enquiry.yaml'), 'utf8').split('\n').indexOf('      - 我要报修') + 1;
    expect(problemsOf(dir)).toEqual([
      `flows/warranty_enquiry.yaml:${line}:9 example "我要报修" is given to both "fault_report" and "warranty_enquiry": keep it in one`,
    ]);
  });

  it('reports an intent with too few examples in a language', () => {
    const dir = flowsWith('bot.yaml', (text) =>
      text.replace(
        / {2}- id: help\n([\s\S]*?) {6}en:\n(?: {8}- .*\n)+/,
        (_, head) => `  - id: help\n${head}      en:\n        - "help"\n`,
      ),
    );
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(/^flows\/bot\.yaml:\d+:5 intent "help" has 1 en example; it needs at least 5$/),
    ]);
  });

  it('reports a global intent without examples', () => {
    const dir = flowsWith('bot.yaml', (text) =>
      text.replace(/( {2}- id: cancel\n[\s\S]*?) {4}examples:\n[\s\S]*?( {4}flow: cancel)/, '$1$2'),
    );
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(/^flows\/bot\.yaml:\d+:5 intent "cancel" has no examples$/),
    ]);
  });
});
