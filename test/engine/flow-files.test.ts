/**
 * Flow files are checked at start-up: every problem, in every file, as `file:LINE:COL message`,
 * and a bad folder never half-loads.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent, loadContent } from '../../src/content.js';
import { FlowFilesInvalidError } from '../../src/flows/yaml-file.js';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A copy of the shipped flows folder with one file replaced or edited. */
function flowsWith(edits: Record<string, (text: string) => string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  dirs.push(dir);
  cpSync('flows', dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    let current = '';
    try {
      current = readFileSync(join(dir, file), 'utf8');
    } catch {}
    writeFileSync(join(dir, file), edit(current));
  }
  return dir;
}

function problemsOf(dir: string): string[] {
  return checkContent(dir).problems.map((problem) => problem.toString().replace(`${dir}/`, 'flows/'));
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('the shipped flows', () => {
  it('load without problems', () => {
    expect(problemsOf('flows')).toEqual([]);
    const content = loadContent('flows');
    expect([...content.bundle.flows.keys()]).toContain('fault_report');
    expect(content.bundle.defaultFlow).toBe('welcome');
  });
});

describe('problems are reported with file, line and column', () => {
  it('an unknown action', () => {
    const dir = flowsWith({
      'cancel.yaml': (text) => text.replace('action: reset_conversation', 'action: reset_everything'),
    });
    const text = readFileSync(join(dir, 'cancel.yaml'), 'utf8');
    expect(problemsOf(dir)).toContain(
      `flows/cancel.yaml:${lineOf(text, 'reset_everything')}:13 unknown action "reset_everything"`,
    );
  });

  it('an unknown step, slot and flow', () => {
    const dir = flowsWith({
      'extra.yaml': () =>
        [
          'id: extra',
          'title: {zh: 额外, en: Extra}',
          'steps:',
          '  - ask: nothing',
          '    prompt: {zh: 问, en: Ask}',
          '  - say: {zh: 说, en: Say}',
          '    next: nowhere',
          '  - flow: no_such_flow',
          '',
        ].join('\n'),
    });
    const problems = problemsOf(dir);
    expect(problems).toContain('flows/extra.yaml:4:10 unknown slot "nothing" (declare it under `slots:`)');
    expect(problems).toContain('flows/extra.yaml:7:11 unknown step "nowhere" in flow "extra"');
    expect(problems).toContain('flows/extra.yaml:8:11 unknown flow "no_such_flow"');
  });

  it('a schema error names the field and says what is wrong', () => {
    const dir = flowsWith({
      'help.yaml': (text) => text.replace('title: {zh: 帮助, en: Help}', 'title: {zh: 帮助}'),
    });
    expect(problemsOf(dir)).toContain(
      'flows/help.yaml:3:8 title.en: Invalid input: expected string, received undefined',
    );
  });

  it('the comma trap in {zh, en} gets a hint', () => {
    const dir = flowsWith({
      'help.yaml': (text) =>
        text.replace('title: {zh: 帮助, en: Help}', 'title: {zh: 帮助, en: Help, please}'),
    });
    expect(problemsOf(dir).join('\n')).toMatch(
      /help\.yaml:3:\d+ title: Unrecognized key: "please" \(a comma inside/,
    );
  });

  it('broken YAML', () => {
    const dir = flowsWith({ 'help.yaml': (text) => `${text}\n  - say: [unclosed\n` });
    expect(problemsOf(dir).some((problem) => /^flows\/help\.yaml:\d+:\d+ /.test(problem))).toBe(true);
  });
});

describe('problems across files are reported with file, line and column', () => {
  it('an intent naming a flow that does not exist, in bot.yaml', () => {
    const dir = flowsWith({ 'bot.yaml': (text) => text.replace('flow: handoff', 'flow: handover') });
    const text = readFileSync(join(dir, 'bot.yaml'), 'utf8');
    expect(problemsOf(dir)).toContain(
      `flows/bot.yaml:${lineOf(text, 'flow: handover')}:11 unknown flow "handover"`,
    );
  });

  it('action arguments are checked against the action', () => {
    const dir = flowsWith({
      'fault_report.yaml': (text) =>
        text.replace('args: {consent: remote_session}', 'args: {consent: telepathy}'),
    });
    const text = readFileSync(join(dir, 'fault_report.yaml'), 'utf8');
    const line = lineOf(text, 'consent: telepathy');
    expect(problemsOf(dir).join('\n')).toMatch(
      new RegExp(`fault_report\\.yaml:${line}:\\d+ action "record_consent" args\\.consent:`),
    );
  });

  it('two default flows', () => {
    const dir = flowsWith({
      'help.yaml': (text) =>
        text.replace('title: {zh: 帮助, en: Help}', 'title: {zh: 帮助, en: Help}\ntrigger: {default: true}'),
    });
    expect(problemsOf(dir).join('\n')).toMatch(
      /more than one default flow \((help, welcome|welcome, help)\)/,
    );
  });

  it('problems in several files are all reported at once, and nothing loads', () => {
    const dir = flowsWith({
      'cancel.yaml': (text) => text.replace('action: reset_conversation', 'action: nope'),
      'policy.yaml': (text) => text.replace('timezone: Asia/Shanghai', 'timezone: 42'),
      'kb/printer.yaml': (text) => text.replace(/steps:/, 'stepz:'),
    });
    const problems = problemsOf(dir);
    expect(problems.some((p) => p.startsWith('flows/cancel.yaml:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('flows/policy.yaml:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('flows/kb/printer.yaml:'))).toBe(true);
    expect(() => loadContent(dir)).toThrow(FlowFilesInvalidError);
  });
});

describe('npm run flows:check', () => {
  it('prints problems as file:line:col and exits 1', () => {
    const dir = flowsWith({
      'cancel.yaml': (text) => text.replace('action: reset_conversation', 'action: nope'),
    });
    let output = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/flows-check.ts', dir], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const failure = error as { status: number; stderr: string };
      status = failure.status;
      output = failure.stderr;
    }
    expect(status).toBe(1);
    expect(output).toMatch(/cancel\.yaml:\d+:\d+ unknown action "nope"/);
  });
});
