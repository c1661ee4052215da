import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { fixedClock } from "../../src/domain/clock.js";
import { R, startTestApi, USERS, type TestApi } from "../helpers.js";

const HOUR = 3_600_000;
// Friday 09:00 in Stockholm: two working days later is Tuesday 09:00 (the weekend does not count).
const clock = fixedClock("2026-11-06T08:00:00.000Z");
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { clock });
});
afterAll(async () => {
  await api.close();
});

describe("reminding a holder who has not acknowledged (default 2 working days, once per level)", () => {
  it("reminds after two working days, once, and again after the escalation moves on", async () => {
    const r = await api.call("POST", "/api/escalations", {
      user: USERS.forandringsledare,
      body: { title: "Lokalfrågan", description: "Ingen lokal för teamet.", urgency: "normal" },
    });
    const e = r.as(R.escalation);
    const reminders = async () => (await api.notifications()).filter((n) => n.kind === "escalation" && n.event === "reminder" && n.escalation.id === e.id);

    clock.advance(72 * HOUR); // Monday 09:00: one working day
    expect((await api.services.escalations.remind()).reminded).toBe(0);
    clock.advance(24 * HOUR + 60_000); // Tuesday 09:01
    expect((await api.services.escalations.remind()).reminded).toBe(1);
    expect((await api.services.escalations.remind()).reminded).toBe(0);
    expect((await reminders()).map((n) => n.target)).toEqual([{ kind: "user", email: USERS.programledare }]);
    const now = (await api.call("GET", `/api/escalations/${e.id}`, { user: USERS.programledare })).as(R.escalation);
    expect(now.timeline.at(-1)).toMatchObject({ what: "reminded", by: "system" });

    const up = await api.call("POST", `/api/escalations/${e.id}/actions`, {
      user: USERS.programledare,
      body: { action: "escalate", reason: "Utanför mandatet" },
      headers: { "if-match": now.etag },
    });
    expect(up.status).toBe(200);
    clock.advance(2 * 24 * HOUR); // Thursday: two working days at the chair
    expect((await api.services.escalations.remind()).reminded).toBe(1);
    expect((await reminders()).map((n) => n.target)).toContainEqual({ kind: "user", email: USERS.ordforande });
  });

  it("the interval is a program setting the program office edits", async () => {
    const before = await api.call("GET", "/api/escalations/settings", { user: USERS.koordinator });
    expect(before.json).toMatchObject({ reminderWorkingDays: 2 });
    const put = await api.call("PUT", "/api/escalations/settings", {
      user: USERS.koordinator,
      body: { reminderWorkingDays: 5 },
      headers: { "if-none-match": "*" },
    });
    expect(put.status).toBe(200);
    expect((await api.call("GET", "/api/escalations/settings", { user: USERS.koordinator })).json).toMatchObject({ reminderWorkingDays: 5 });
    const bad = await api.call("PUT", "/api/escalations/settings", { user: USERS.koordinator, body: { reminderWorkingDays: 0 }, headers: { "if-match": put.headers.get("etag") ?? "" } });
    expect(bad.err().details[0]?.field).toBe("reminderWorkingDays");
    expect((await api.call("PUT", "/api/escalations/settings", { user: USERS.projektledare, body: { reminderWorkingDays: 3 }, headers: { "if-match": "x" } })).status).toBe(403);
  });
});
