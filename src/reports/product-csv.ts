/**
 * The product report as CSV for R&D's spreadsheets: one section per table (by category, model ×
 * symptom × part, by month), each with its own header line, the sections separated by an empty line.
 */
import type { FaultFigures, ProductReport } from './product-report.js';

/** Quotes every cell; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

const line = (cells: Array<string | number | null>) => cells.map(csvCell).join(',');

const FIGURES = [
  'faults',
  'repeat_faults',
  'with_serial',
  'repeat_percent',
  'dead_on_arrival',
  'dead_on_arrival_percent',
  'warranty',
  'paid',
  'contract',
  'undecided',
];

const figureCells = (f: FaultFigures) => [
  f.faults,
  f.repeats,
  f.withSerial,
  f.repeatPercent,
  f.deadOnArrival,
  f.deadOnArrivalPercent,
  f.coverage.warranty,
  f.coverage.paid,
  f.coverage.contract,
  f.coverage.undecided,
];

export function productReportCsv(report: ProductReport): string {
  const lines = [
    line(['category', ...FIGURES]),
    line(['all', ...figureCells(report.overall)]),
    ...report.byCategory.map((row) => line([row.category, ...figureCells(row)])),
    '',
    line(['category', 'model', 'symptom', 'part_replaced', 'faults']),
    ...report.breakdown.map((row) => line([row.category, row.model, row.symptom, row.part, row.faults])),
    '',
    line(['month', 'category', 'faults']),
    ...report.byMonth.map((row) => line([row.month, row.category, row.faults])),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
