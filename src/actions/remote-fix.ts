/**
 * `remote_fix`: the best knowledge-base entry for the symptom and product, as numbered steps
 * (`{{remote_fix.steps}}`). Outcome `none` when nothing fits well enough: the flow then goes straight
 * to an engineer instead of making a useless suggestion. The entries are the `flows/kb/` files and those
 * approved in the console (read fresh, so an approval counts from the next customer on).
 */
import { defineAction } from '../engine/actions.js';
import { matchRemoteFix } from '../kb/match.js';

export function remoteFixAction() {
  return defineAction({
    outcomes: ['found', 'none'],
    async run(turn) {
      const kb = await turn.services.knowledgeBase();
      const { symptom, product } = turn.session.slots as { symptom?: string; product?: string };
      const text = [symptom, turn.text].filter((part): part is string => typeof part === 'string').join(' ');
      const [best] = matchRemoteFix(kb, text, { category: product ?? null, limit: 1 });
      if (!best) return { outcome: 'none' };
      const numbered = (lang: 'zh' | 'en') =>
        best.entry.steps.map((step, n) => `${n + 1}. ${step[lang]}`).join('\n');
      turn.event('remote_fix_suggested', `knowledge base: ${best.entry.id}`, { entry: best.entry.id });
      return {
        outcome: 'found',
        value: {
          id: best.entry.id,
          title: best.entry.title,
          steps: {
            zh: `${best.entry.title.zh}，请按以下步骤试试：\n${numbered('zh')}`,
            en: `${best.entry.title.en} — please try these steps:\n${numbered('en')}`,
          },
        },
      };
    },
  });
}
