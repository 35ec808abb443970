/**
 * `npm run bench`: what a customer message costs, measured — never asserted in `npm test`.
 *
 *   1. HTTP, side by side (bench/http): signed Twilio webhooks from thousands of customers walking a
 *      fault report, through the whole app and through a bare baseline, in the same run: messages/s at
 *      saturation, latency at 25 / 50 / 80 % of it and at a fixed rate (open loop), Redis commands,
 *      round trips and CPU per message, one vs two app processes, Redis memory per conversation and
 *      per closed case.
 *   2. Staff (bench/claims.ts): "take next case" with 10 to 10,000 cases waiting; escalation → listed.
 *   3. The desk alone (bench/desk.ts): round trips per answer, one turn's latency, a 50,000-message soak.
 *   4. The record (bench/record.ts): the desk with the record streams and the recorder on against off,
 *      alternated; the recorder's lag at saturation.
 *
 * Progress goes to stderr; the table to stdout; everything to bench/results/<time>.json.
 *   5. Finding cases (bench/record-search.ts): search p95 and the KPI page over a seeded year of the
 *      record (100,000 cases, 2,000,000 transcript lines).
 * BENCH_PARTS=http,claims,desk,record,search picks parts (default all).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type ClaimFigures, claimBench } from './claims.js';
import { type DeskFigures, deskBench } from './desk.js';
import type { PhaseResult } from './http/load.js';
import { type HttpFigures, httpBench } from './http/run.js';
import { type RecordFigures, recordBench } from './record.js';
import { type SearchFigures, searchBench } from './record-search.js';

const say = (line: string) => process.stderr.write(`${line}\n`);
const parts = new Set((process.env.BENCH_PARTS ?? 'http,claims,desk,record,search').split(','));

function table(rows: Array<Array<string | number>>): string {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => String(row[column] ?? '').length)),
  );
  return rows
    .map((row) => row.map((cell, column) => String(cell).padEnd(widths[column]! + 2)).join(''))
    .join('\n');
}

const ms = (r: PhaseResult, key: 'ack' | 'reply') => `${r[key].p50} / ${r[key].p95} / ${r[key].p99}`;

function httpTable(figures: HttpFigures): string {
  const rows: Array<Array<string | number>> = [
    ['', 'load', 'messages/s', 'answer p50/p95/p99 ms', 'reply p50/p95/p99 ms', 'not answered'],
  ];
  const systems = [
    ['baseline', figures.baseline],
    ['bot', figures.bot],
    ['bot, record off', figures.unrecorded],
    ['bot, 2 processes', figures.twoProcesses],
  ] as const;
  for (const [name, f] of systems) {
    const line = (load: string, r: PhaseResult) =>
      rows.push([name, load, r.rate, ms(r, 'ack'), ms(r, 'reply'), r.errors + r.noReply]);
    line('closed loop, saturation', f.saturation);
    for (const open of f.open) line(`open loop ${open.target}/s (${open.share * 100} %)`, open);
    if (f.fixed) line(`open loop ${figures.fixedRate}/s`, f.fixed);
  }
  const ratio = (figures.bot.saturation.rate / figures.baseline.saturation.rate).toFixed(2);
  const lines = [
    table(rows),
    '',
    table([
      ['', 'baseline', 'bot'],
      ['throughput ratio (bot / baseline, target ≥ 0.5)', '1', ratio],
      ['app CPU per message (ms)', figures.baseline.cpuPerMessage.app, figures.bot.cpuPerMessage.app],
      ['Redis CPU per message (ms)', figures.baseline.cpuPerMessage.redis, figures.bot.cpuPerMessage.redis],
      [
        'Redis commands per message, end to end',
        figures.baseline.commandsPerMessage,
        figures.bot.commandsPerMessage,
      ],
      ['Redis round trips per message, end to end', '2', figures.roundTripsPerMessage],
      [
        'recorder lag at saturation p50 / p99 ms (target p99 ≤ 1,000)',
        '',
        `${figures.bot.record?.lagP50 ?? '?'} / ${figures.bot.record?.lagP99 ?? '?'}`,
      ],
      ['record caught up after saturation (s)', '', figures.bot.record?.catchUpSeconds ?? '?'],
      [
        'throughput with the record / without (target ≥ 0.90)',
        '',
        `${figures.bot.saturation.rate} / ${figures.unrecorded.saturation.rate} = ${(
          figures.bot.saturation.rate / figures.unrecorded.saturation.rate
        ).toFixed(2)}`,
      ],
      ['Redis bytes per open conversation (target ≤ 2,048)', '', figures.memory.openConversation],
      [
        `Redis bytes per closed case (${figures.memory.transcriptEntries}-entry transcript)`,
        '',
        figures.memory.closedCase,
      ],
      [
        `Redis bytes per closed case after HOT_DAYS (${figures.memory.evicted} evicted)`,
        '',
        figures.memory.afterHotDays,
      ],
    ]),
  ];
  return lines.join('\n');
}

function claimTable(figures: ClaimFigures): string {
  return table([
    ['cases waiting', 'take next case p50 ms', 'p95 ms'],
    ...figures.claim.map((c) => [c.waiting, c.p50, c.p95]),
    ['escalated → listed in the team queue', figures.visible.p50, figures.visible.p95],
  ]);
}

async function main(): Promise<void> {
  const results: {
    http?: HttpFigures;
    claims?: ClaimFigures;
    desk?: DeskFigures;
    record?: RecordFigures;
    search?: SearchFigures;
  } = {};
  if (parts.has('http')) results.http = await httpBench(say);
  if (parts.has('claims')) results.claims = await claimBench(say);
  if (parts.has('desk')) results.desk = await deskBench(say);
  if (parts.has('record')) results.record = await recordBench(say);
  if (parts.has('search')) results.search = await searchBench(say);

  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '?',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const out: string[] = [
    `machine: ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}`,
  ];
  if (results.http?.baseline) out.push('', httpTable(results.http));
  if (results.claims) out.push('', claimTable(results.claims));
  if (results.desk) out.push('', table([['desk alone', 'value', 'target'], ...results.desk.rows]));
  if (results.record) out.push('', table([['the record', 'value', 'target'], ...results.record.rows]));
  if (results.search) out.push('', table([['finding cases', 'value', 'target'], ...results.search.rows]));
  process.stdout.write(`${out.join('\n')}\n`);

  mkdirSync('bench/results', { recursive: true });
  const file = join('bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine, ...results }, null, 2));
  say(`results written to ${file}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
