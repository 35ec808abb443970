/**
 * `npm run nlu:eval`: how well the bot understands first messages, on the held-out sets
 * (test/nlu/heldout.zh.yaml, heldout.en.yaml) that are never used for training. Prints per language
 * the intent accuracy, precision and recall per intent, a confusion table of the mistakes, per-slot
 * accuracy, and the messages that went wrong. Exit 1 when a target is missed.
 */
import { loadContent } from '../content.js';
import { type EvaluationReport, evaluate } from './nlu-evaluate.js';
import { readLabelledSet } from './nlu-labelled-set.js';

/** The targets (issue: intent ≥ 95 %, every slot ≥ 95 %, no confident wrong flow start). */
export const TARGETS = { intent: 0.95, slot: 0.95, confidentWrong: 0 };
const NOW = new Date('2026-11-26T10:00:00+08:00');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function print(lang: string, report: EvaluationReport): boolean {
  const out: string[] = [];
  out.push(`\n== ${lang}: ${report.results.length} messages, intent accuracy ${pct(report.accuracy)}`);
  out.push('intent                          precision  recall  support');
  for (const [label, m] of report.perIntent)
    out.push(
      `${label.padEnd(32)}${pct(m.precision).padStart(9)}${pct(m.recall).padStart(8)}${String(m.support).padStart(9)}`,
    );
  out.push('confusion (expected → predicted: count), mistakes only:');
  let mistakes = 0;
  for (const [expected, row] of report.confusion)
    for (const [predicted, count] of row)
      if (expected !== predicted) {
        out.push(`  ${expected} → ${predicted}: ${count}`);
        mistakes++;
      }
  if (mistakes === 0) out.push('  none');
  out.push('slot            accuracy  (correct/total)');
  for (const [slot, s] of report.slotAccuracy)
    out.push(`${slot.padEnd(16)}${pct(s.accuracy).padStart(8)}  (${s.correct}/${s.total})`);
  out.push(`wrong flow started with high confidence: ${report.confidentWrong}`);
  const clarified = report.results.filter((r) => r.reason === 'clarify');
  out.push(
    `clarifying question asked: ${clarified.length} (likeliest intent right in ${clarified.filter((r) => r.expected === r.predicted).length})`,
  );
  const wrong = report.results.filter((r) => r.expected !== r.predicted || r.slotErrors.length > 0);
  if (wrong.length > 0) out.push('messages with a mistake:');
  for (const r of wrong) {
    const intent =
      r.expected === r.predicted
        ? ''
        : ` intent ${r.predicted} (${r.reason} ${r.confidence.toFixed(2)}) instead of ${r.expected}`;
    const slots = r.slotErrors
      .map((e) => ` ${e.slot}=${JSON.stringify(e.got)} instead of ${JSON.stringify(e.expected)}`)
      .join(';');
    out.push(`  "${r.text}":${intent}${slots}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return (
    report.accuracy >= TARGETS.intent &&
    [...report.slotAccuracy.values()].every((s) => s.accuracy >= TARGETS.slot) &&
    report.confidentWrong <= TARGETS.confidentWrong
  );
}

const content = loadContent(process.env.FLOWS_DIR ?? 'flows');
let ok = true;
for (const lang of ['zh', 'en'] as const) {
  const messages = readLabelledSet(`test/nlu/heldout.${lang}.yaml`);
  ok = print(lang, evaluate(content, messages, NOW)) && ok;
}
process.stdout.write(ok ? '\ntargets met\n' : '\ntargets NOT met\n');
process.exit(ok ? 0 : 1);
