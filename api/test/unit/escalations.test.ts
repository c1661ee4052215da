import { describe, expect, it } from "@jest/globals";
import { allowedEscalationActions, checkAction, reminderDue, startLevel, type EscalationState } from "../../src/domain/escalations.js";
import { DomainError } from "../../src/domain/errors.js";

const state = (overrides: Partial<EscalationState> = {}): EscalationState => ({
  id: "esk-1",
  title: "t",
  description: "d",
  urgency: "normal",
  status: "open",
  level: "programledare",
  levelSince: "2026-11-02T08:00:00.000Z",
  path: ["programledare"],
  source: { kind: "manual", id: "esk-1" },
  raisedBy: "fl@x.test",
  raisedAt: "2026-11-02T08:00:00.000Z",
  timeline: [{ at: "2026-11-02T08:00:00.000Z", by: "fl@x.test", what: "raised", level: "programledare" }],
  reminded: [],
  ...overrides,
});

const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.kind : "other";
  }
  return "none";
};

describe("where an escalation starts (PP 9.5)", () => {
  it("deviations go to the programledare; a programområdesansvarig reports to the koordinator", () => {
    expect(startLevel(["forandringsledare"], "normal")).toBe("programledare");
    expect(startLevel(["controller"], "akut")).toBe("programledare");
    expect(startLevel(["programomradesansvarig"], "normal")).toBe("koordinator");
  });
  it("the programledare keeps a normal one and sends an acute one straight to the chair", () => {
    expect(startLevel(["programledare"], "normal")).toBe("programledare");
    expect(startLevel(["programledare"], "akut")).toBe("styrgrupp_ordforande");
  });
  it("the steering group raises to its chair, the chair to the commissioner", () => {
    expect(startLevel(["styrgrupp_ledamot"], "normal")).toBe("styrgrupp_ordforande");
    expect(startLevel(["styrgrupp_ordforande"], "normal")).toBe("bestallare");
  });
});

describe("acting", () => {
  const pl = { email: "pl@x.test", roles: ["programledare"] as const };
  it("the holder may acknowledge, decide, escalate and close; the raiser may only close", () => {
    expect(allowedEscalationActions(state(), { ...pl, roles: [...pl.roles] })).toEqual(["acknowledge", "decide", "escalate", "close"]);
    expect(allowedEscalationActions(state(), { email: "fl@x.test", roles: ["forandringsledare"] })).toEqual(["close"]);
    expect(allowedEscalationActions(state({ status: "decided" }), { ...pl, roles: [...pl.roles] })).toEqual([]);
  });
  it("the vice chair stands in for the chair", () => {
    const s = state({ level: "styrgrupp_ordforande", path: ["programledare", "styrgrupp_ordforande"] });
    expect(allowedEscalationActions(s, { email: "v@x.test", roles: ["styrgrupp_vice_ordforande"] })).toContain("decide");
    expect(allowedEscalationActions(s, { email: "l@x.test", roles: ["styrgrupp_ledamot"] })).toEqual([]);
  });
  it("escalate goes one level up; return goes back the way it came", () => {
    const up = checkAction(state(), { action: "escalate", reason: "r" }, { ...pl, roles: [...pl.roles] }, "pl@x.test");
    expect(up).toMatchObject({ level: "styrgrupp_ordforande", path: ["programledare", "styrgrupp_ordforande"], moved: true });
    const s = state({ level: "styrgrupp_ordforande", path: up.path });
    const back = checkAction(s, { action: "return", reason: "q" }, { email: "c@x.test", roles: ["styrgrupp_ordforande"] }, "c@x.test");
    expect(back).toMatchObject({ level: "programledare", path: ["programledare"], what: "returned" });
  });
  it("decided is final (409 kind conflict), someone else → forbidden, a second acknowledgement → conflict", () => {
    expect(kindOf(() => checkAction(state({ status: "decided" }), { action: "acknowledge" }, { ...pl, roles: [...pl.roles] }, "x"))).toBe("conflict");
    expect(kindOf(() => checkAction(state(), { action: "acknowledge" }, { email: "o@x.test", roles: ["styrgrupp_ordforande"] }, "x"))).toBe("forbidden");
    const acked = state({ acknowledged: { by: "pl@x.test", at: "2026-11-02T09:00:00.000Z" } });
    expect(kindOf(() => checkAction(acked, { action: "acknowledge" }, { ...pl, roles: [...pl.roles] }, "x"))).toBe("conflict");
  });
});

describe("reminders", () => {
  it("are due once per level, only while unacknowledged", () => {
    const due = new Date("2026-11-04T08:00:00.000Z");
    expect(reminderDue(state(), due, new Date("2026-11-04T07:59:00.000Z"))).toBe(false);
    expect(reminderDue(state(), due, due)).toBe(true);
    expect(reminderDue(state({ reminded: ["2026-11-02T08:00:00.000Z"] }), due, due)).toBe(false);
    expect(reminderDue(state({ acknowledged: { by: "pl@x.test", at: "2026-11-02T09:00:00.000Z" } }), due, due)).toBe(false);
  });
});
