/** Time left to an inquiry's due time, from the API's `now` (also under the local dev clock), as text and a tone. */
export type TimeLeftTone = "ok" | "soon" | "overdue" | "done";

/** Within this much of the due time, the row turns to a warning (the default reminder lead time). */
const SOON_MS = 12 * 3_600_000;

export function timeLeft(dueAt: string, now: string, answered: boolean): { tone: TimeLeftTone; hours: number; minutes: number } {
  const ms = Date.parse(dueAt) - Date.parse(now);
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  if (answered) return { tone: "done", hours, minutes };
  if (ms <= 0) return { tone: "overdue", hours, minutes };
  return { tone: ms <= SOON_MS ? "soon" : "ok", hours, minutes };
}
