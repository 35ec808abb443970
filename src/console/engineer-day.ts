/**
 * An engineer's day: the visits booked for them today (business timezone), in the order of their
 * windows, with what they need on the road — district, address, the contact and how to call them.
 */
import { DateTime } from 'luxon';
import type { Case } from '../cases/types.js';
import type { Runtime } from '../runtime.js';

/** A booked visit's case is at most this old. */
const LOOKBACK_MS = 400 * 24 * 3600_000;

export interface DayVisit {
  case: Case;
  address: string | null;
  district: string | null;
  contactName: string | null;
  /** A number to dial (`tel:` link), the contact's or the customer's own. */
  phone: string | null;
}

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The district of an address: "上海市浦东新区张江路200号" → 浦东新区; "12 High St, Camden, London" → Camden. */
export function districtOf(address: string | null): string | null {
  if (!address) return null;
  const zh = /(?:市|省)?([\p{Script=Han}]{1,6}?(?:新区|区|县|旗))/u.exec(address.replace(/^.*?市/u, ''));
  if (zh) return zh[1]!;
  const parts = address.split(/[,，]/).map((part) => part.trim());
  return parts.length >= 3 ? parts[parts.length - 2]! : null;
}

/** A web map search for the address (opens the map app on a phone). */
export function mapLink(address: string): string {
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;
}

export function dayVisit(kase: Case): DayVisit {
  const address = str(kase.slots.address);
  const own = kase.route.identity.startsWith('phone:') ? kase.route.identity.slice(6) : null;
  return {
    case: kase,
    address,
    district: districtOf(address),
    contactName: str(kase.slots.contact_name),
    phone: str(kase.slots.contact_phone) ?? own,
  };
}

export async function visitsToday(runtime: Runtime, engineer: string): Promise<DayVisit[]> {
  const now = runtime.clock.now();
  const zone = runtime.content.policy.hours.timezone;
  const today = DateTime.fromJSDate(now, { zone }).toISODate();
  const cases = await runtime.cases.createdBetween(new Date(now.getTime() - LOOKBACK_MS), now);
  return cases
    .filter(
      (kase) =>
        kase.appointment?.engineer === engineer &&
        DateTime.fromISO(kase.appointment.window.start, { zone }).toISODate() === today,
    )
    .sort((a, b) => a.appointment!.window.start.localeCompare(b.appointment!.window.start))
    .map(dayVisit);
}
