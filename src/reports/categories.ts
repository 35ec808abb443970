/**
 * Product categories as the flows name them: the choices of the `product` slot of every flow (the
 * fault report's laptop, printer…), with their labels in both languages, so a report shows "笔记本电脑"
 * where the record keeps `laptop`. A category the flows no longer list keeps its stored name.
 */
import type { FlowBundle } from '../flows/load.js';
import type { Lang } from '../port/messages.js';

export interface Category {
  value: string;
  label: Record<Lang, string>;
}

export function productCategories(bundle: FlowBundle): Category[] {
  const found = new Map<string, Category>();
  for (const flow of bundle.flows.values()) {
    for (const choice of flow.slots.product?.choices ?? []) {
      if (!found.has(choice.value)) found.set(choice.value, { value: choice.value, label: choice.label });
    }
  }
  return [...found.values()];
}

export function categoryLabel(categories: readonly Category[], value: string, lang: Lang): string {
  return categories.find((category) => category.value === value)?.label[lang] ?? value;
}
