/**
 * The monthly product report as an email to R&D (`REPORT_EMAIL_TO`): the month's figures, each
 * category, and the most frequent model × symptom × part, in Chinese and English in one mail (its
 * readers are not customers with a language of their own), and a link to the console page.
 */
import { type Category, categoryLabel } from './categories.js';
import type { FaultFigures, ProductReport } from './product-report.js';

/** Rows of the model × symptom × part table a mail carries; the console and CSV have them all. */
const TOP_ROWS = 10;

export interface ReportMail {
  subject: string;
  text: string;
}

const pct = (value: number | null) => (value === null ? '—' : `${value}%`);

function zhFigures(f: FaultFigures): string {
  const c = f.coverage;
  return `故障 ${f.faults}，重复故障率 ${pct(f.repeatPercent)}（${f.repeats}/${f.withSerial}），开箱故障率 ${pct(f.deadOnArrivalPercent)}，三包 ${c.warranty}，付费 ${c.paid}，服务合同 ${c.contract}，未定 ${c.undecided}`;
}

function enFigures(f: FaultFigures): string {
  const c = f.coverage;
  return `${f.faults} faults, repeat-fault rate ${pct(f.repeatPercent)} (${f.repeats}/${f.withSerial}), dead on arrival ${pct(f.deadOnArrivalPercent)}, warranty ${c.warranty}, paid ${c.paid}, contract ${c.contract}, undecided ${c.undecided}`;
}

export function productReportMail(
  report: ProductReport,
  month: string,
  categories: readonly Category[],
  link: string | null,
): ReportMail {
  const label = (value: string) =>
    `${categoryLabel(categories, value, 'zh')} / ${categoryLabel(categories, value, 'en')}`;
  const top = report.breakdown
    .slice(0, TOP_ROWS)
    .map(
      (row, i) =>
        `${i + 1}. ${label(row.category)} · ${row.model || '—'} · ${row.symptom || '—'} · ${row.part || '无 / none'}: ${row.faults}`,
    );
  const lines = [
    `产品故障月报 ${month}`,
    `Product fault report, ${month}`,
    '',
    `合计：${zhFigures(report.overall)}`,
    `All: ${enFigures(report.overall)}`,
    '',
    '按产品类别 / By product category:',
    ...report.byCategory.flatMap((row) => [
      `- ${label(row.category)}`,
      `  ${zhFigures(row)}`,
      `  ${enFigures(row)}`,
    ]),
    '',
    `重复故障：同一序列号 ${report.repeatWithinDays} 天内再次报修。A repeat fault is the same serial reported again within ${report.repeatWithinDays} days.`,
    '',
    '最常见的 型号 · 故障现象 · 更换配件 / Most frequent model · symptom · part replaced:',
    ...(top.length > 0 ? top : ['—']),
    ...(link ? ['', `完整报告 / Full report: ${link}`] : []),
  ];
  return { subject: `产品故障月报 / Product fault report ${month}`, text: `${lines.join('\n')}\n` };
}
