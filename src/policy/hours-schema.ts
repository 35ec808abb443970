/**
 * The `hours` section of flows/policy.yaml: time zone, weekly opening hours, public holidays and
 * make-up working days (调休). Cross-field checks (overlaps, make-up days on holidays) are in checks.ts.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { textSchema } from '../flows/schema.js';
import { isIsoDate } from './dates.js';

/** `HH:MM`; `24:00` is allowed as a closing time so a day can run to midnight. */
const clockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM between 00:00 and 24:00');

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' });

/** One opening interval of a day. Intervals never cross midnight: split them at 24:00 instead. */
export const openingSchema = z
  .strictObject({ from: clockTime, to: clockTime })
  .refine((opening) => opening.from < opening.to, {
    message: '`to` must be later than `from` on the same day (use 24:00 for midnight)',
    path: ['to'],
  });
export type Opening = z.infer<typeof openingSchema>;

/** A day's openings; an empty list (or a missing day) means closed. */
const daySchema = z.array(openingSchema).default([]);

export const weeklySchema = z.strictObject({
  mon: daySchema,
  tue: daySchema,
  wed: daySchema,
  thu: daySchema,
  fri: daySchema,
  sat: daySchema,
  sun: daySchema,
});
export type WeeklyHours = z.infer<typeof weeklySchema>;
/** Weekday keys in ISO order (index 0 = Monday = luxon weekday 1). */
export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const holidaySchema = z.strictObject({
  name: textSchema,
  from: isoDateSchema,
  /** Last day off, inclusive; omit for a single day. */
  to: isoDateSchema.optional(),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const makeupDaySchema = z.strictObject({
  date: isoDateSchema,
  name: textSchema,
});
export type MakeupDay = z.infer<typeof makeupDaySchema>;

/** One year of the State Council's holiday notice (国务院办公厅关于X年部分节假日安排的通知). */
export const holidayYearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** `provisional`: the notice is not published yet; only dates fixed by law are listed. */
  status: z.enum(['official', 'provisional']),
  source: z.string().min(1, 'name the notice (or say why the year is provisional)'),
  holidays: z.array(holidaySchema).default([]),
  makeup_days: z.array(makeupDaySchema).default([]),
});
export type HolidayYear = z.infer<typeof holidayYearSchema>;

export const hoursSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), {
        message: 'is not an IANA time zone (e.g. Asia/Shanghai)',
      })
      .default('Asia/Shanghai'),
    weekly: weeklySchema,
    /** Openings on a make-up working day; defaults to Monday's hours. */
    makeup_day_hours: z.array(openingSchema).optional(),
    calendar: z.array(holidayYearSchema).default([]),
  })
  .transform((hours) => ({ ...hours, makeup_day_hours: hours.makeup_day_hours ?? hours.weekly.mon }));
export type BusinessHours = z.output<typeof hoursSchema>;
