/**
 * The contract import file: CSV (RFC 4180 — quoted fields may hold commas, quotes doubled, line breaks)
 * with a header row naming the columns below, in any order. Lists (serials, covers, excludes, visit
 * dates) are separated by `;`. Each data line becomes a contract input or a list of problems that name
 * the line and the column, so a whole file can be fixed in one pass.
 */
import { type ContractInput, contractInputSchema } from '../policy/contract.js';

export const CSV_COLUMNS = [
  'number',
  'customer',
  'phone',
  'email',
  'serials',
  'site_category',
  'site_quantity',
  'start',
  'end',
  'level',
  'response_hours',
  'covers',
  'excludes',
  'visit_every_months',
  'visit_dates',
  'engineer',
  'team',
] as const;
const REQUIRED = ['number', 'customer', 'start', 'end', 'level', 'response_hours'] as const;

/** Splits CSV text into records, each with the line it starts on. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  const body = text.replace(/^\uFEFF/, '');
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((value) => value.trim() !== '')) records.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += char;
  }
  fields.push(field);
  if (fields.some((value) => value.trim() !== '')) records.push({ line: start, fields });
  return records;
}

export interface CsvLine {
  line: number;
  input?: ContractInput;
  problems: string[];
}

const list = (value: string | undefined) =>
  value
    ? value
        .split(/[;；|]/)
        .map((item) => item.trim())
        .filter(Boolean)
    : undefined;

const number = (value: string | undefined) => (value ? Number(value) : undefined);

/** Reads the file's lines; a header problem is reported on line 1 and no line is read. */
export function readContractCsv(text: string): { header: string[]; lines: CsvLine[] } {
  const [head, ...rows] = parseCsv(text);
  if (!head)
    return { header: [], lines: [{ line: 1, problems: ['the file is empty: a header row is needed'] }] };
  const header = head.fields.map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (unknown.length || missing.length) {
    const problems = [
      ...unknown.map((name) => `unknown column "${name}" (columns: ${CSV_COLUMNS.join(', ')})`),
      ...missing.map((name) => `missing column "${name}"`),
    ];
    return { header, lines: [{ line: head.line, problems }] };
  }
  const lines = rows.map(({ line, fields }): CsvLine => {
    if (fields.length !== header.length) {
      return { line, problems: [`has ${fields.length} fields, the header has ${header.length}`] };
    }
    const cell = (name: string) => {
      const value = fields[header.indexOf(name)]?.trim();
      return value === '' ? undefined : value;
    };
    const siteCategory = cell('site_category');
    const everyMonths = number(cell('visit_every_months'));
    const visitDates = list(cell('visit_dates'));
    const raw = {
      number: cell('number'),
      customer: {
        name: cell('customer'),
        ...(cell('phone') ? { phone: cell('phone') } : {}),
        ...(cell('email') ? { email: cell('email') } : {}),
      },
      serials: list(cell('serials')) ?? [],
      ...(siteCategory ? { site: { category: siteCategory, quantity: number(cell('site_quantity')) } } : {}),
      start: cell('start'),
      end: cell('end'),
      level: cell('level'),
      responseHours: number(cell('response_hours')),
      covers: list(cell('covers')) ?? [],
      excludes: list(cell('excludes')) ?? [],
      ...(everyMonths !== undefined || visitDates
        ? {
            visits: {
              ...(everyMonths !== undefined ? { everyMonths } : {}),
              ...(visitDates ? { dates: visitDates } : {}),
            },
          }
        : {}),
      ...(cell('engineer') ? { engineer: cell('engineer') } : {}),
      ...(cell('team') ? { team: cell('team') } : {}),
    };
    const parsed = contractInputSchema.safeParse(raw);
    if (parsed.success) return { line, input: parsed.data, problems: [] };
    return {
      line,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`),
    };
  });
  return { header, lines };
}
