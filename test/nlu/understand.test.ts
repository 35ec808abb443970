import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content.js';
import { intentDefinitions, trainIntentModel } from '../../src/engine/nlu/intent-model.js';
import { understand } from '../../src/engine/nlu/understand.js';
import { fillSlots } from '../../src/engine/slots.js';
import { matchFaq, matchRemoteFix } from '../../src/kb/match.js';

const content = loadContent('flows');
const { bundle, kb } = content;
const model = bundle.nlu!;
const fault = bundle.flows.get('fault_report')!;
const ctx = {
  lang: 'en' as const,
  now: new Date('2026-11-26T10:00:00+08:00'),
  timezone: 'Asia/Shanghai',
  phoneRegion: 'CN',
};

function decide(text: string) {
  const facts = fillSlots(fault.slots, {}, text, [], ctx).filled;
  return understand({
    bundle,
    model,
    text,
    facts,
    symptomScore: matchRemoteFix(kb, text, { limit: 1 })[0]?.score ?? 0,
    faqKeyword: matchFaq(kb, text)?.faq.id ?? null,
  });
}

describe('the intent classifier', () => {
  it('is trained the same way every time from the same files', () => {
    const again = trainIntentModel(intentDefinitions(bundle, kb));
    for (const text of ['my printer jams', '我要投诉', 'what are your opening hours'])
      expect(again.classify(text)).toEqual(model.classify(text));
  });

  it('knows every flow trigger, global intent and FAQ that declares examples', () => {
    const ids = [...model.definitions.keys()];
    expect(ids).toEqual(
      expect.arrayContaining([
        'fault_report',
        'warranty_enquiry',
        'welcome',
        'human',
        'upset',
        'cancel',
        'status',
        'help',
        'thanks',
        'faq:service_hours',
      ]),
    );
  });
});

describe('understand: what a first message is about', () => {
  it('a product, a symptom or a serial number is a fault report without any trigger word', () => {
    expect(decide("My tablet's charging port is loose, serial TB9KX771, got it last August.")).toMatchObject({
      intent: 'fault_report',
      reason: 'evidence',
    });
  });

  it("a question with another flow's trigger word still asks that, even naming a product", () => {
    expect(decide('请问打印机过保了吗？').intent).toBe('warranty_enquiry');
  });

  it('learns intents from examples, not only keywords', () => {
    expect(decide('I want to speak with a person')).toMatchObject({ intent: 'human' });
  });

  it('a keyword of a global intent still decides on its own', () => {
    expect(decide('转人工')).toMatchObject({ intent: 'human', reason: 'keyword' });
  });

  it('below the threshold it offers the two likeliest intents', () => {
    const decision = decide('我想问问保修和维修的事');
    expect(decision.reason).toBe('clarify');
    expect(decision.choices).toHaveLength(2);
    expect(decision.confidence).toBeLessThan(bundle.bot.understanding.threshold);
  });

  it('a message without words goes to the menu', () => {
    expect(decide('1')).toMatchObject({ intent: 'welcome', reason: 'default' });
    expect(decide('👍👍')).toMatchObject({ intent: 'welcome', reason: 'default' });
  });
});

describe('facts attributed to the right slot', () => {
  const facts = (text: string) => fillSlots(fault.slots, {}, text, [], ctx);

  it('"since" is when the fault began; "purchased" is the purchase date', () => {
    const { filled } = facts('The printer has been jamming since last week; we purchased it on 2 May 2024.');
    expect(filled.purchase_date).toEqual({ date: '2024-05-02', precision: 'day' });
    expect(filled.fault_began).toEqual({ date: '2026-11-19', precision: 'day' });
  });

  it('a date without a cue is a purchase date only with its year, and marked for confirmation', () => {
    expect(facts('The printer jams, 2 May 2024')).toMatchObject({
      filled: { purchase_date: { date: '2024-05-02' } },
      uncued: ['purchase_date'],
    });
    expect(facts('The printer jams, last week').filled.purchase_date).toBeUndefined();
  });

  it('reads a contact name after 联系人 / contact', () => {
    expect(facts('打印机卡纸，联系人：王先生，电话13800138000').filled).toMatchObject({
      contact_name: '王先生',
      contact_phone: '+8613800138000',
    });
    expect(facts('The printer jams. Contact: Li Na, phone 13800138000').filled.contact_name).toBe('Li Na');
  });
});
