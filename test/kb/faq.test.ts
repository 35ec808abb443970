import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { matchFaq } from '../../src/kb/match.js';

const kb = loadKnowledgeBase(fileURLToPath(new URL('../../flows/kb', import.meta.url)));

/** Questions customers ask → the FAQ that answers them (null: not a question the FAQ answers). */
const questions: Array<[text: string, expected: string | null]> = [
  ['保修多久？', 'warranty_terms'],
  ['how long is the warranty?', 'warranty_terms'],
  ['三包是怎么规定的', 'warranty_terms'],
  ['买了5天可以退货吗', 'warranty_terms'],
  ['什么情况不保修？', 'warranty_exclusions'],
  ['Does the warranty cover water damage?', 'warranty_exclusions'],
  ['过保了维修怎么收费', 'paid_repair_terms'],
  ['How much is the repair if it is out of warranty?', 'paid_repair_terms'],
  ['刚到货开箱就坏了怎么办', 'dead_on_arrival'],
  ['维修后保修期会延长吗', 'warranty_after_repair'],
  ['你们客服电话是多少', 'contact_channels'],
  ["What's your fax number?", 'contact_channels'],
  ['What are your opening hours?', 'service_hours'],
  ['周末有人吗', 'service_hours'],
  ['Can you connect remotely to fix it?', 'remote_session'],
  ['可以远程协助吗', 'remote_session'],
  ['维护记录单是什么？', 'maintenance_record'],
  ['How long does the repair take?', 'repair_time'],
  ['多久能修好', 'repair_time'],
  ['工程师能上门吗', 'onsite_service'],
  ['I need to reschedule the appointment', 'onsite_service'],
  ['维修会不会泄露我的数据', 'data_privacy'],
  ['我想问一下发票', 'proof_of_purchase'],
  ['I lost my receipt, is that a problem?', 'proof_of_purchase'],
  // Fault reports and small talk are not FAQ questions.
  ["my laptop won't turn on", null],
  ['打印机卡纸了', null],
  ['电脑蓝屏了', null],
  ['hello', null],
  ['', null],
];

describe('matchFaq', () => {
  it.each(questions)('%j → %s', (text, expected) => {
    expect(matchFaq(kb, text)?.faq.id ?? null).toBe(expected);
  });

  it('prefers triage when a message is mostly a fault report', () => {
    expect(matchFaq(kb, '我的笔记本开不了机，按电源没反应，还在保修吗')).toBeNull();
  });
});
