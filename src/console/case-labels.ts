/**
 * Names the flows give things, for the case page: an intent's title, a slot's label, a choice's label,
 * in the reader's language. The flows already say them in zh and en (their `title` and `label`), so
 * the page shows 故障报修 rather than `fault_report`, 产品类型: 打印机 rather than `product: printer`.
 */
import type { FlowBundle } from '../flows/load.js';
import type { ConsoleLang } from './i18n.js';

export interface CaseLabels {
  intent(id: string): string;
  slot(name: string): string;
  choice(slot: string, value: string): string;
}

export function caseLabels(bundle: FlowBundle, lang: ConsoleLang): CaseLabels {
  const flows = [...bundle.flows.values()];
  const slotOf = (name: string) => flows.map((flow) => flow.slots?.[name]).find(Boolean);
  return {
    intent: (id) => bundle.flows.get(id)?.title[lang] ?? id.replace(/_/g, ' '),
    slot: (name) => slotOf(name)?.label[lang] ?? name.replace(/_/g, ' '),
    choice: (slot, value) =>
      slotOf(slot)?.choices?.find((option) => option.value === value)?.label[lang] ?? value,
  };
}
