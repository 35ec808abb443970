import { loadContent } from './src/content.js';
import { fillSlots } from './src/engine/slots.js';
import { matchFaq, matchRemoteFix } from './src/kb/match.js';
import { understand } from './src/nlu/understand.js';

const c = loadContent('flows');
const fault = c.bundle.flows.get('fault_report')!;
for (const text of process.argv.slice(2)) {
  const facts = fillSlots(fault.slots, {}, text, [], {
    lang: 'en',
    now: new Date('2026-11-26T10:00:00+08:00'),
    timezone: 'Asia/Shanghai',
    phoneRegion: 'CN',
  }).filled;
  const d = understand({
    bundle: c.bundle,
    model: c.bundle.nlu!,
    text,
    facts,
    symptomScore: matchRemoteFix(c.kb, text, { limit: 1 })[0]?.score ?? 0,
    faqKeyword: matchFaq(c.kb, text)?.faq.id ?? null,
  });
  console.log(
    text,
    JSON.stringify(d),
    JSON.stringify(facts),
    JSON.stringify(c.bundle.nlu!.classify(text).slice(0, 2)),
  );
}
