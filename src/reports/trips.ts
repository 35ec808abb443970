/**
 * Fewer trips (集中服务以减少车辆使用的浪费): visits in the same district go to one engineer's day, in
 * an order that makes sense.
 *
 * - **The engineer's day as a route**: their booked visits that day, district by district — the
 *   districts in the order of their earliest window, the visits of a district one after another by
 *   window — so the engineer does not cross town and back.
 * - **A suggestion when dispatching**: for a case and a day, the engineers already booked in its
 *   district that day (most visits there first), and the other on-site cases of that district still
 *   waiting for a visit, which could go on the same trip.
 * - **KPIs**: trips per on-site case and visits per trip, from the maintenance records.
 *
 * Read from the record (open cases are there within a second of each change).
 */
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Case } from '../cases/types.js';
import type { RecordDb } from '../db/connect.js';
import { districtOf } from './districts.js';

export interface Stop {
  ref: string;
  district: string | null;
  address: string | null;
  window: { start: string; end: string };
  summary: string;
}

export interface RouteStop extends Stop {
  /** 1, 2, 3… in the order the engineer goes. */
  n: number;
}

function stopOf(kase: Case): Stop | null {
  if (!kase.appointment) return null;
  const address = typeof kase.slots?.address === 'string' ? kase.slots.address : null;
  return {
    ref: kase.ref,
    district: districtOf(address),
    address,
    window: kase.appointment.window,
    summary: kase.summary ?? '',
  };
}

/** District by district (by each one's earliest window), then by window within a district. Pure. */
export function orderRoute(stops: readonly Stop[]): RouteStop[] {
  const key = (stop: Stop) => stop.district ?? `\u0000${stop.ref}`;
  const first = new Map<string, string>();
  for (const stop of stops) {
    const k = key(stop);
    const seen = first.get(k);
    if (!seen || stop.window.start < seen) first.set(k, stop.window.start);
  }
  return [...stops]
    .sort(
      (a, b) =>
        first.get(key(a))!.localeCompare(first.get(key(b))!) ||
        key(a).localeCompare(key(b)) ||
        a.window.start.localeCompare(b.window.start),
    )
    .map((stop, i) => ({ ...stop, n: i + 1 }));
}

const OPEN = ['open', 'waiting_customer', 'escalated', 'assigned'];

function dayBounds(day: string, zone: string) {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  return { from: start.toISO()!, to: start.plus({ days: 1 }).toISO()! };
}

/** The cases with a visit booked on `day` (any engineer, or one), as the record holds them. */
async function bookedOn(db: RecordDb, day: string, zone: string, engineer?: string): Promise<Case[]> {
  const { from, to } = dayBounds(day, zone);
  const rows = await sql<{ data: Case }>`select data from cases
    where status = any(${OPEN}) and data -> 'appointment' is not null
      and (data -> 'appointment' -> 'window' ->> 'start')::timestamptz >= ${from}::timestamptz
      and (data -> 'appointment' -> 'window' ->> 'start')::timestamptz < ${to}::timestamptz
      and (${engineer ?? null}::text is null or data -> 'appointment' ->> 'engineer' = ${engineer ?? null})`.execute(
    db,
  );
  return rows.rows.map((row) => row.data);
}

export interface EngineerDay {
  engineer: string;
  day: string;
  stops: RouteStop[];
  /** Districts in the order visited. */
  districts: string[];
}

export async function engineerDay(
  db: RecordDb,
  engineer: string,
  day: string,
  zone: string,
): Promise<EngineerDay> {
  const stops = orderRoute((await bookedOn(db, day, zone, engineer)).flatMap((kase) => stopOf(kase) ?? []));
  const districts: string[] = [];
  for (const stop of stops) {
    const name = stop.district ?? '—';
    if (districts.at(-1) !== name) districts.push(name);
  }
  return { engineer, day, stops, districts };
}

export interface TripSuggestion {
  ref: string;
  district: string | null;
  day: string;
  /** Engineers booked that day, those with visits in the district first. */
  engineers: Array<{ engineer: string; sameDistrict: number; visits: number; route: RouteStop[] }>;
  /** Other on-site cases of the district still waiting for a visit: candidates for the same trip. */
  waiting: Array<{ ref: string; summary: string; address: string | null; createdAt: string }>;
}

async function waitingIn(db: RecordDb, district: string, except: string) {
  const rows = await sql<{ data: Case }>`select data from cases
    where status = any(${OPEN}) and team = 'onsite'
      and coalesce(data -> 'appointment', 'null'::jsonb) = 'null'::jsonb
      and ref <> ${except} and data -> 'slots' ->> 'address' is not null
    order by created_at limit 500`.execute(db);
  return rows.rows
    .map((row) => row.data)
    .filter((kase) => districtOf(kase.slots.address as string) === district)
    .map((kase) => ({
      ref: kase.ref,
      summary: kase.summary ?? '',
      address: kase.slots.address as string,
      createdAt: kase.createdAt,
    }));
}

/** What to suggest when dispatching `kase` on `day`. */
export async function suggestTrip(
  db: RecordDb,
  kase: Case,
  day: string,
  zone: string,
): Promise<TripSuggestion> {
  const district = districtOf(typeof kase.slots?.address === 'string' ? kase.slots.address : null);
  const booked = (await bookedOn(db, day, zone)).filter((other) => other.ref !== kase.ref);
  const byEngineer = new Map<string, Case[]>();
  for (const other of booked) {
    const name = other.appointment!.engineer;
    byEngineer.set(name, [...(byEngineer.get(name) ?? []), other]);
  }
  const engineers = [...byEngineer.entries()]
    .map(([engineer, cases]) => {
      const route = orderRoute(cases.flatMap((c) => stopOf(c) ?? []));
      const sameDistrict = district ? route.filter((stop) => stop.district === district).length : 0;
      return { engineer, sameDistrict, visits: route.length, route };
    })
    .sort(
      (a, b) =>
        b.sameDistrict - a.sameDistrict || a.visits - b.visits || a.engineer.localeCompare(b.engineer),
    );
  return {
    ref: kase.ref,
    district,
    day,
    engineers,
    waiting: district ? await waitingIn(db, district, kase.ref) : [],
  };
}

export interface TripFigures {
  /** On-site maintenance records finished in the period (visits made). */
  visits: number;
  /** Distinct (engineer, day, vehicle) among those visits' trips: one trip may serve several visits. */
  trips: number;
  onsiteCases: number;
  tripsPerOnsiteCase: number | null;
  visitsPerTrip: number | null;
}

/**
 * Trips per on-site case and visits per trip over the on-site records finished in [from, to). A trip
 * is an engineer's vehicle on a day (business timezone): two records of the same engineer, day and
 * vehicle were one trip; a record whose trip names no vehicle counts its trips as they are.
 */
export async function tripFigures(db: RecordDb, from: Date, to: Date, zone: string): Promise<TripFigures> {
  const rows = await sql<{ visits: number; trips: number }>`
    with onsite as (
      select ref, engineer, (coalesce(arrived_at, finished_at) at time zone ${zone})::date as day, data
      from maintenance_records
      where mode = 'onsite' and finished_at >= ${from} and finished_at < ${to}
    ), legs as (
      select o.ref, o.engineer, o.day, t.value ->> 'vehicle' as vehicle, t.ordinality as k
      from onsite o cross join lateral jsonb_array_elements(coalesce(o.data -> 'trips', '[]'::jsonb)) with ordinality t
    )
    select (select count(*)::int from onsite) as visits,
      (select count(distinct (engineer, day, vehicle))::int from legs where vehicle is not null)
        + (select count(*)::int from legs where vehicle is null) as trips`.execute(db);
  const { visits, trips } = rows.rows[0] ?? { visits: 0, trips: 0 };
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    visits,
    trips,
    onsiteCases: visits,
    tripsPerOnsiteCase: visits === 0 ? null : round(trips / visits),
    visitsPerTrip: trips === 0 ? null : round(visits / trips),
  };
}
