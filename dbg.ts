import { loadContent } from './src/content.js';
import { readLabelledSet } from './src/nlu/labelled-set.js';

const c = loadContent('flows');
const m = c.bundle.nlu!;
for (const l of ['zh', 'en']) {
  const msgs = readLabelledSet(`test/nlu/heldout.${l}.yaml`).filter((x) => x.intent !== 'unknown_question');
  let ok = 0;
  const bins: number[][] = [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  for (const x of msgs) {
    const [t] = m.classify(x.text);
    const good = t!.label === x.intent;
    if (good) ok++;
    const b = Math.min(4, Math.floor(t!.probability * 5));
    bins[b]![good ? 0 : 1]!++;
    if (!good) console.log('  ', x.intent, '->', t!.label, t!.probability.toFixed(2), x.text);
  }
  console.log(l, 'top1', ok / msgs.length, 'bins(ok,bad) by p', JSON.stringify(bins));
}
