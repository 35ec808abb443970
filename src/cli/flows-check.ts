/**
 * `npm run flows:check [-- DIR]`: validates every file under the flows folder (flows, bot settings,
 * policy, knowledge base) and prints each problem as `flows/x.yaml:LINE:COL message`. Exit 1 on problems.
 */
import { checkContent } from '../content.js';

const dir = process.argv[2] ?? process.env.FLOWS_DIR ?? 'flows';
const { content, problems } = checkContent(dir);
for (const problem of problems) process.stderr.write(`${problem}\n`);
if (!content) {
  process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}\n`);
  process.exit(1);
}
const { bundle, kb } = content;
process.stdout.write(
  `${dir}: ${bundle.flows.size} flows, ${bundle.bot.intents.length} intents, ${kb.entries.length} knowledge-base entries, ${kb.faqs.length} FAQs, policy ok\n`,
);
