/** The KPI report as CSV (one row per scope: overall, each team, each staff member) for spreadsheets. */
import type { KpiFigures, KpiReport } from '../staff/kpis.js';

const HEADER = [
  'scope',
  'name',
  'cases',
  'first_response_median_min',
  'first_response_p90_min',
  'resolution_median_min',
  'resolution_p90_min',
  'promises_kept_percent',
  'onsite_punctual_percent',
  'satisfaction_average',
  'bot_containment_percent',
  'visits_done',
  'visits_on_time_percent',
  'records_with_cost',
  'cost_total',
  'cost_per_case',
  'over_budget_records',
  'trips',
  'distance_km',
  'trips_per_onsite_case',
];

/** Quotes every cell; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

function row(scope: string, name: string, f: KpiFigures): string {
  return [
    scope,
    name,
    f.cases,
    f.firstResponse.medianMinutes,
    f.firstResponse.p90Minutes,
    f.resolution.medianMinutes,
    f.resolution.p90Minutes,
    f.promises.keptPercent,
    f.arrival.punctualPercent,
    f.satisfaction.average,
    f.containment?.percent ?? null,
    f.visits.done,
    f.visits.onTimePercent,
    f.cost.records,
    f.cost.total,
    f.cost.perCase,
    f.cost.overBudget.length,
    f.trips.trips,
    f.trips.distanceKm,
    f.trips.perResolvedOnsiteCase,
  ]
    .map(cell)
    .join(',');
}

export function kpiCsv(report: KpiReport): string {
  const lines = [
    HEADER.map(cell).join(','),
    row('overall', report.team ?? 'all', report.overall),
    ...Object.entries(report.byTeam).map(([name, f]) => row('team', name, f)),
    ...Object.entries(report.byStaff).map(([name, f]) => row('staff', name, f)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
