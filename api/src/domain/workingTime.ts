import Holidays from "date-holidays";
import { DateTime } from "luxon";
import type { WorkingTimeSettings } from "../contracts/index.js";

/**
 * The one working-day calendar of the program (issue 12): the 36-hour first-response rule counts with it, and so
 * do reminders that wait a number of working days (escalations, issue 9).
 *
 * Everything is pure: callers pass instants (from the injected clock) and get instants back. Local days and
 * working hours are worked out in `settings.timeZone` with luxon, so daylight-saving changes are exact: an hour
 * counted is always a real hour elapsed. Holidays are Sweden's (the program is Swedish whatever zone is set):
 * the public holidays from `date-holidays`, plus midsommarafton, julafton and nyårsafton, which Swedish employers
 * treat as holidays (date-holidays marks them as bank holidays; they are also added by rule, so a change in the
 * library's typing cannot silently make them working days).
 */

const HOUR_MS = 3_600_000;
const FRIDAY = 5;

/** Largest duration accepted, so a bad setting cannot send a loop through centuries (ten years of hours). */
const MAX_HOURS = 24 * 366 * 10;

const swedishCalendar = new Holidays("SE");

const holidayCache = new Map<number, ReadonlyMap<string, string>>();

/** The days of `year` that are not working days besides weekends, `YYYY-MM-DD` → Swedish name. */
export function swedishHolidays(year: number): ReadonlyMap<string, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Map<string, string>();
  for (const holiday of swedishCalendar.getHolidays(year)) {
    if (holiday.type === "public" || holiday.type === "bank") days.set(holiday.date.slice(0, 10), holiday.name);
  }
  // The days treated like holidays, by their rules: midsommarafton is the Friday between 19 and 25 June.
  const june19 = DateTime.fromObject({ year, month: 6, day: 19 }, { zone: "UTC" });
  const midsummerEve = june19.plus({ days: (FRIDAY - june19.weekday + 7) % 7 }).toISODate() ?? "";
  for (const [date, name] of [
    [midsummerEve, "midsommarafton"],
    [`${year}-12-24`, "julafton"],
    [`${year}-12-31`, "nyårsafton"],
  ] as const) {
    if (!days.has(date)) days.set(date, name);
  }
  holidayCache.set(year, days);
  return days;
}

/** The holiday's name if the local date `YYYY-MM-DD` is a Swedish holiday or a day treated like one. */
export function holidayName(isoDate: string): string | undefined {
  return swedishHolidays(Number(isoDate.slice(0, 4))).get(isoDate);
}

/** Whether the local date `YYYY-MM-DD` is a working day: Monday–Friday and not a holiday. */
export function isWorkingDay(isoDate: string): boolean {
  const day = DateTime.fromISO(isoDate, { zone: "UTC" });
  if (!day.isValid) throw new RangeError(`ogiltigt datum: ${isoDate}`);
  return day.weekday <= 5 && holidayName(isoDate) === undefined;
}

function parseClock(time: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`ogiltig tid: ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

interface Window {
  start: number;
  end: number;
}

/** The working day as two instants for the local `day` (start of day in the zone), or null on a non-working day. */
function windowOf(day: DateTime, settings: WorkingTimeSettings): Window | null {
  if (!isWorkingDay(day.toISODate() ?? "")) return null;
  const start = day.set(parseClock(settings.dayStart)).toMillis();
  const end = day.set(parseClock(settings.dayEnd)).toMillis();
  return end > start ? { start, end } : null;
}

function localDay(at: number, settings: WorkingTimeSettings): DateTime {
  const day = DateTime.fromMillis(at, { zone: settings.timeZone });
  if (!day.isValid) throw new RangeError(`okänd tidszon: ${settings.timeZone}`);
  return day.startOf("day");
}

function checkHours(hours: number): void {
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS) {
    throw new RangeError(`antal timmar ska vara mellan 0 och ${MAX_HOURS}, var ${hours}`);
  }
}

/** Working hours in one working day (wall-clock length of the window). */
export function workingDayHours(settings: WorkingTimeSettings): number {
  const start = parseClock(settings.dayStart);
  const end = parseClock(settings.dayEnd);
  return (end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60;
}

/** `start` plus `hours` of working time, counting only working hours whatever `settings.mode` says. */
function addWorkingHours(start: Date, hours: number, settings: WorkingTimeSettings): Date {
  let remaining = hours * HOUR_MS;
  const from = start.getTime();
  let day = localDay(from, settings);
  // Weekends and holidays leave at least one working day in every run of nine calendar days, so this bounds the walk.
  const maxDays = Math.ceil(hours / Math.max(workingDayHours(settings), 1 / 60)) * 3 + 30;
  for (let step = 0; step <= maxDays; step += 1) {
    const window = windowOf(day, settings);
    if (window) {
      const begin = Math.max(from, window.start);
      if (begin < window.end) {
        const available = window.end - begin;
        // `<=`: a duration ending exactly at the close of the day is due then, not at the next day's opening.
        if (remaining <= available) return new Date(begin + remaining);
        remaining -= available;
      }
    }
    day = day.plus({ days: 1 });
  }
  throw new RangeError("arbetstiden räcker inte till: kontrollera arbetsdagens inställning");
}

/**
 * `start` plus `hours` counted as the setting says: real elapsed hours in `calendar` mode (36 h across a
 * daylight-saving change is still 36 h), working hours in `working` mode. A start outside working time begins
 * counting at the next working day's opening.
 */
export function addWorkingDuration(start: Date, hours: number, settings: WorkingTimeSettings): Date {
  checkHours(hours);
  if (hours === 0) return new Date(start.getTime());
  if (settings.mode === "calendar") return new Date(start.getTime() + hours * HOUR_MS);
  return addWorkingHours(start, hours, settings);
}

/**
 * `end` minus `hours` counted as the setting says: the inverse of addWorkingDuration, e.g. "remind 12 hours before
 * the due time". In working mode an `end` outside working time counts back from the previous closing.
 */
export function subtractWorkingDuration(end: Date, hours: number, settings: WorkingTimeSettings): Date {
  checkHours(hours);
  if (hours === 0) return new Date(end.getTime());
  if (settings.mode === "calendar") return new Date(end.getTime() - hours * HOUR_MS);
  let remaining = hours * HOUR_MS;
  const to = end.getTime();
  let day = localDay(to, settings);
  const maxDays = Math.ceil(hours / Math.max(workingDayHours(settings), 1 / 60)) * 3 + 30;
  for (let step = 0; step <= maxDays; step += 1) {
    const window = windowOf(day, settings);
    if (window) {
      const finish = Math.min(to, window.end);
      if (finish > window.start) {
        const available = finish - window.start;
        if (remaining <= available) return new Date(finish - remaining);
        remaining -= available;
      }
    }
    day = day.minus({ days: 1 });
  }
  throw new RangeError("arbetstiden räcker inte till: kontrollera arbetsdagens inställning");
}

/**
 * Hours from `a` to `b` counted as the setting says (negative when `b` is before `a`): the inverse of
 * addWorkingDuration, e.g. for "time left" and first-response statistics.
 */
export function workingHoursBetween(a: Date, b: Date, settings: WorkingTimeSettings): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -workingHoursBetween(b, a, settings);
  if (settings.mode === "calendar") return (to - from) / HOUR_MS;
  let total = 0;
  for (let day = localDay(from, settings); day.toMillis() < to; day = day.plus({ days: 1 })) {
    const window = windowOf(day, settings);
    if (!window) continue;
    const begin = Math.max(from, window.start);
    const end = Math.min(to, window.end);
    if (end > begin) total += end - begin;
  }
  return total / HOUR_MS;
}

/**
 * The instant `days` whole working days of working time after `start` ("remind after 2 working days"). Working
 * days are what the words say, so this counts on the working calendar in either mode: Friday 10:00 + 2 is
 * Tuesday 10:00; a start outside working time counts from the next opening (Saturday + 2 is Tuesday at closing).
 */
export function addWorkingDays(start: Date, days: number, settings: WorkingTimeSettings): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`antal arbetsdagar ska vara ett heltal ≥ 0, var ${days}`);
  const hours = days * workingDayHours(settings);
  checkHours(hours);
  if (days === 0) return new Date(start.getTime());
  return addWorkingHours(start, hours, { ...settings, mode: "working" });
}
