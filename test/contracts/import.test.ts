import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContractStore } from '../../src/cases/contract-store.js';
import { runContractsCli } from '../../src/cli/contracts-cli.js';
import { parseCsv } from '../../src/contracts/csv.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
let dir: string;

const HEADER =
  'number,customer,phone,email,serials,site_category,site_quantity,start,end,level,response_hours,covers,excludes,visit_every_months,visit_dates,engineer,team';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runContractsCli(argv, {
    env: {},
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    runtime,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function file(name: string, lines: string[]) {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

beforeAll(async () => {
  runtime = createTestRuntime();
  dir = await mkdtemp(join(tmpdir(), 'contracts-'));
});
afterAll(() => runtime.close());

describe('CSV', () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and knows each record's line", () => {
    const records = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n\nlast,1');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"\nthere'] },
      { line: 5, fields: ['last', '1'] },
    ]);
  });
});

describe('npm run contracts -- import', () => {
  it('a file with bad lines: every problem named by line and column, and nothing imported', async () => {
    const path = await file('bad.csv', [
      HEADER,
      'HT-2027-0001,华东仓储,13800138000,,PF2ABC12;PF2ABC13,,,2027-01-01,2027-12-31,onsite,4,主机维修,耗材,6,,wang,onsite',
      'HT-2027-0002,Acme,,ops@acme.example,,,,2027-13-01,2027-12-31,weekly,4,,,,,,',
      'HT-2027-0003,李女士,12345,,PF2XYZ99,,,2027-01-01,2027-06-30,onsite,8,,,,,,',
      'HT-2027-0001,重复,13800138001,,PF2DUP01,,,2027-01-01,2027-06-30,onsite,8,,,,,,',
      'HT-2027-0004,too,few,fields',
    ]);
    const result = await cli('import', path);
    expect(result.code).toBe(1);
    const lines = result.err.split('\n');
    expect(lines).toContain(`${path}:3: start: must be a date written YYYY-MM-DD`);
    expect(lines.some((line) => line.startsWith(`${path}:3: level:`))).toBe(true);
    expect(lines).toContain(`${path}:4: customer.phone: 12345 is not a valid phone number`);
    expect(lines).toContain(`${path}:5: number: HT-2027-0001 appears twice (also entry 1)`);
    expect(lines).toContain(`${path}:6: has 4 fields, the header has 17`);
    expect(result.err).toContain('SUPPORT_ERR_IMPORT_INVALID');
    expect(lines.some((line) => line.startsWith(`${path}:2:`))).toBe(false);
    const store = createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
    expect(await store.list()).toEqual([]);
  });

  it('an unknown or missing column is reported on the header line', async () => {
    const path = await file('header.csv', ['number,customer,colour', 'HT-1,x,red']);
    const result = await cli('import', path);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${path}:1: unknown column "colour"`);
    expect(result.err).toContain(`${path}:1: missing column "start"`);
  });

  it('a good file imports every contract; list, show, end and visits read them back', async () => {
    const path = await file('good.csv', [
      HEADER,
      'HT-2027-0001,华东仓储,13800138000,,PF2ABC12;pf2abc13,,,2026-06-01,2027-05-31,onsite,4,"主机维修, 上门",耗材,,2026-12-10;2027-03-10,wang,onsite',
      '"HT-2027-0002","Acme, Ltd",,ops@acme.example,,printer,12,2026-03-01,2026-12-20,return_to_base,8,printers,toner,,,,support',
    ]);
    const result = await cli('import', path, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ imported: ['HT-2027-0001', 'HT-2027-0002'], problems: [] });

    const listed = JSON.parse((await cli('list', '--json')).out) as Array<Record<string, unknown>>;
    expect(listed.map((c) => c.number)).toEqual(['HT-2027-0001', 'HT-2027-0002']);
    expect(listed[0]).toMatchObject({
      serials: ['PF2ABC12', 'PF2ABC13'],
      covers: ['主机维修, 上门'],
      status: 'covered',
    });
    expect(listed[1]).toMatchObject({
      site: { category: 'printer', quantity: 12 },
      customer: { name: 'Acme, Ltd' },
    });
    const due = JSON.parse((await cli('list', '--renewal-due', '--json')).out) as Array<{ number: string }>;
    expect(due.map((c) => c.number)).toEqual(['HT-2027-0002']);

    const visits = JSON.parse((await cli('visits', '--engineer', 'wang', '--days', '30', '--json')).out);
    expect(visits.visits).toMatchObject([{ date: '2026-12-10', state: 'planned', contract: 'HT-2027-0001' }]);

    const ended = await cli(
      'end',
      'HT-2027-0001',
      '--on',
      '2026-12-31',
      '--reason',
      '客户要求',
      '--by',
      'sam',
    );
    expect(ended.code).toBe(0);
    const shown = JSON.parse((await cli('show', 'HT-2027-0001', '--json')).out);
    expect(shown).toMatchObject({
      lastDay: '2026-12-31',
      plannedVisits: ['2026-12-10'],
      endedEarly: { by: 'sam' },
    });
  });

  it('usage errors exit 2; an unknown contract exits 1 with its code', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('end', 'HT-2027-0001')).code).toBe(2);
    const missing = await cli('show', 'HT-NOPE');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('SUPPORT_ERR_CONTRACT_NOT_FOUND');
  });
});
