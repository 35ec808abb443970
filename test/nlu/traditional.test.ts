import { describe, expect, it } from 'vitest';
import { evaluate, type LabelledMessage } from '../../src/cli/nlu-evaluate.js';
import { loadContent } from '../../src/content.js';

const content = loadContent('flows');
const now = new Date('2026-11-26T10:00:00+08:00');

// Customers writing traditional characters (Hong Kong, Taiwan, abroad) are understood like those
// writing simplified ones: the intent and the facts of the message.
const messages: LabelledMessage[] = [
  {
    text: '我的筆記本電腦開不了機，序號PF5KX2011，去年3月買的',
    intent: 'fault_report',
    slots: { product: 'laptop', serial: 'PF5KX2011', purchase_date: '2025-03-01', symptom: '開不了機' },
  },
  { text: '印表機一直卡紙', intent: 'fault_report', slots: { product: 'printer', symptom: '卡紙' } },
  { text: '路由器連不上網路', intent: 'fault_report', slots: { product: 'network', symptom: '連不上' } },
  { text: '我的顯示器還在保修期內嗎', intent: 'warranty_enquiry' },
  { text: '請幫我轉人工', intent: 'human' },
  { text: '維修進度怎麼樣了', intent: 'status' },
  { text: '謝謝你的幫忙', intent: 'thanks' },
  { text: '保修需要發票嗎', intent: 'faq:proof_of_purchase' },
  { text: '你們幾點上班', intent: 'faq:service_hours' },
];

describe('traditional Chinese', () => {
  it('is understood like simplified Chinese', () => {
    const report = evaluate(content, messages, now);
    const wrong = report.results
      .filter((r) => r.expected !== r.predicted || r.slotErrors.length > 0)
      .map((r) => ({ text: r.text, predicted: r.predicted, slotErrors: r.slotErrors }));
    expect(wrong).toEqual([]);
  });
});
