/**
 * Checks that span fields of a schema-valid policy: references between sections, holiday data that
 * contradicts itself, periods in the wrong order. Each problem carries the YAML path it is about, so
 * the loader can point at file:line:col.
 */

import { addDays, comparePeriods, type Duration, type IsoDate, weekday } from './dates.js';
import type { Opening } from './hours-schema.js';
import { weekdayKeys } from './hours-schema.js';
import type { Policy } from './schema.js';
import { explanationPlaceholders, PROOF_OF_PURCHASE_EXCLUSION, placeholdersIn } from './warranty-text.js';

export interface PolicyProblem {
  path: PropertyKey[];
  message: string;
}

/** Product categories the flows and the rest of the system refer to by id. */
export const requiredCategories = [
  'laptop',
  'desktop',
  'monitor',
  'printer',
  'server',
  'network',
  'tablet',
  'phone',
  'projector',
] as const;

const periodOrder = ['return_period', 'exchange_period', 'unit_period', 'main_parts_period'] as const;

/** Every cross-section problem of a policy that already passed the schema. */
export function policyProblems(policy: Policy): PolicyProblem[] {
  return [...warrantyProblems(policy), ...hoursProblems(policy), ...slaProblems(policy)];
}

function warrantyProblems(policy: Policy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const { warranty } = policy;
  for (const category of requiredCategories) {
    if (!warranty.categories[category]) {
      problems.push({ path: ['warranty', 'categories'], message: `category \`${category}\` is missing` });
    }
  }
  for (const [key, category] of Object.entries(warranty.categories)) {
    category.main_parts?.forEach((part, i) => {
      if (!warranty.parts[part]) {
        problems.push({
          path: ['warranty', 'categories', key, 'main_parts', i],
          message: `unknown part \`${part}\` (not in warranty.parts)`,
        });
      }
    });
    const terms = { ...warranty, ...category };
    for (let i = 1; i < periodOrder.length; i++) {
      const shorter = periodOrder[i - 1]!;
      const longer = periodOrder[i]!;
      if (comparePeriods(terms[shorter] as Duration, terms[longer] as Duration) > 0) {
        const where = longer in category ? ['warranty', 'categories', key, longer] : ['warranty', longer];
        problems.push({ path: where, message: `for \`${key}\`, ${longer} is shorter than ${shorter}` });
      }
    }
  }
  const seen = new Set<string>();
  policy.exclusions.forEach((exclusion, i) => {
    if (seen.has(exclusion.id)) {
      problems.push({ path: ['exclusions', i, 'id'], message: `duplicate exclusion id \`${exclusion.id}\`` });
    }
    seen.add(exclusion.id);
    exclusion.categories?.forEach((category, j) => {
      if (!warranty.categories[category]) {
        problems.push({
          path: ['exclusions', i, 'categories', j],
          message: `unknown category \`${category}\``,
        });
      }
    });
  });
  if (!seen.has(PROOF_OF_PURCHASE_EXCLUSION)) {
    problems.push({
      path: ['exclusions'],
      message: `exclusion \`${PROOF_OF_PURCHASE_EXCLUSION}\` is required (a missing invoice is decided by it)`,
    });
  }
  for (const [key, text] of Object.entries(warranty.explanations)) {
    problems.push(...unknownPlaceholders(['warranty', 'explanations', key], text, explanationPlaceholders));
  }
  for (const [key, text] of Object.entries(warranty.since)) {
    problems.push(...unknownPlaceholders(['warranty', 'since', key], text, ['date']));
  }
  return problems;
}

function unknownPlaceholders(
  path: PropertyKey[],
  text: { zh: string; en: string },
  allowed: readonly string[],
): PolicyProblem[] {
  return (['zh', 'en'] as const).flatMap((lang) =>
    placeholdersIn(text[lang])
      .filter((name) => !allowed.includes(name))
      .map((name) => ({
        path: [...path, lang],
        message: `unknown placeholder {{${name}}}; use one of ${allowed.map((a) => `{{${a}}}`).join(', ')}`,
      })),
  );
}

function overlapProblems(path: PropertyKey[], openings: Opening[]): PolicyProblem[] {
  const sorted = openings.map((opening, i) => ({ ...opening, i })).sort((a, b) => (a.from < b.from ? -1 : 1));
  const problems: PolicyProblem[] = [];
  for (let k = 1; k < sorted.length; k++) {
    const opening = sorted[k]!;
    if (opening.from < sorted[k - 1]!.to) {
      const message = `opening ${opening.from}–${opening.to} overlaps another one`;
      problems.push({ path: [...path, opening.i], message });
    }
  }
  return problems;
}

function hoursProblems(policy: Policy): PolicyProblem[] {
  const { hours } = policy;
  const problems: PolicyProblem[] = [];
  for (const day of weekdayKeys)
    problems.push(...overlapProblems(['hours', 'weekly', day], hours.weekly[day]));
  problems.push(...overlapProblems(['hours', 'makeup_day_hours'], hours.makeup_day_hours));
  if (weekdayKeys.every((day) => hours.weekly[day].length === 0)) {
    problems.push({
      path: ['hours', 'weekly'],
      message: 'the service is never open: give at least one day hours',
    });
  }
  const holidayOf = new Map<IsoDate, string>();
  const years = new Set<number>();
  hours.calendar.forEach((entry, y) => {
    const at = (...rest: PropertyKey[]) => ['hours', 'calendar', y, ...rest];
    if (years.has(entry.year))
      problems.push({ path: at('year'), message: `year ${entry.year} is listed twice` });
    years.add(entry.year);
    // A notice for year Y may start its New Year holiday in late December of Y-1 (2019: 2018-12-30).
    const inYear = (date: IsoDate) =>
      date.startsWith(`${entry.year}-`) || date.startsWith(`${entry.year - 1}-12-`);
    entry.holidays.forEach((holiday, h) => {
      const last = holiday.to ?? holiday.from;
      if (last < holiday.from) {
        problems.push({ path: at('holidays', h, 'to'), message: `\`to\` (${last}) is before \`from\`` });
        return;
      }
      for (const [field, date] of [
        ['from', holiday.from],
        ['to', last],
      ] as const) {
        if (!inYear(date)) {
          problems.push({ path: at('holidays', h, field), message: `${date} is not in ${entry.year}` });
        }
      }
      for (let date = holiday.from; date <= last; date = addDays(date, 1)) {
        const other = holidayOf.get(date);
        if (other) {
          problems.push({ path: at('holidays', h), message: `${date} is already a holiday (${other})` });
          break;
        }
        holidayOf.set(date, holiday.name.zh);
      }
    });
    const makeups = new Set<IsoDate>();
    entry.makeup_days.forEach((makeup, m) => {
      const path = at('makeup_days', m, 'date');
      const holiday = holidayOf.get(makeup.date);
      if (!inYear(makeup.date)) problems.push({ path, message: `${makeup.date} is not in ${entry.year}` });
      if (holiday)
        problems.push({ path, message: `${makeup.date} is a holiday (${holiday}), not a working day` });
      if (makeups.has(makeup.date)) problems.push({ path, message: `${makeup.date} is listed twice` });
      makeups.add(makeup.date);
      const day = weekdayKeys[weekday(makeup.date) - 1]!;
      if (hours.weekly[day].length > 0) {
        problems.push({
          path,
          message: `${makeup.date} is a ${day}, already a working day; 调休 moves weekends`,
        });
      }
    });
  });
  return problems;
}

function slaProblems(policy: Policy): PolicyProblem[] {
  const { targets } = policy.sla;
  const problems: PolicyProblem[] = [];
  const order = ['urgent', 'high', 'normal', 'low'] as const;
  order.forEach((priority, i) => {
    const target = targets[priority];
    if (target.resolution < target.first_response) {
      problems.push({
        path: ['sla', 'targets', priority, 'resolution'],
        message: `resolution (${target.resolution}) is shorter than first_response (${target.first_response})`,
      });
    }
    const previous = i > 0 ? order[i - 1]! : undefined;
    for (const kind of ['first_response', 'resolution'] as const) {
      if (previous && target[kind] < targets[previous][kind]) {
        problems.push({
          path: ['sla', 'targets', priority, kind],
          message: `${priority} ${kind} (${target[kind]}) is faster than ${previous} (${targets[previous][kind]})`,
        });
      }
    }
  });
  return problems;
}
