import { describe, expect, it } from "@jest/globals";
import { DEFAULT_WORKING_TIME, type WorkingTimeSettings } from "../../src/contracts/index.js";
import {
  answeredInTime,
  DEFAULT_REMIND_HOURS_BEFORE,
  dueAtFor,
  remindAtFor,
  statusOf,
  sweepStep,
  withFirstResponse,
  type InquiryRuleState,
} from "../../src/domain/inquiries.js";

const working: WorkingTimeSettings = { ...DEFAULT_WORKING_TIME, mode: "working" };
const received = new Date("2026-06-18T14:00:00Z"); // Thursday 16:00 in Stockholm, before midsommarafton

function fresh(settings: WorkingTimeSettings = DEFAULT_WORKING_TIME): InquiryRuleState {
  const dueAt = dueAtFor(received, settings);
  return {
    assignee: null,
    dueAt: dueAt.toISOString(),
    remindAt: remindAtFor(received, dueAt, DEFAULT_REMIND_HOURS_BEFORE, settings).toISOString(),
    remindedAt: null,
    breachedAt: null,
    firstResponseAt: null,
  };
}

const at = (iso: string) => new Date(iso);

describe("due and reminder times", () => {
  it("calendar hours: due 36 h after receipt, reminded 12 h before", () => {
    const state = fresh();
    expect(state.dueAt).toBe("2026-06-20T02:00:00.000Z");
    expect(state.remindAt).toBe("2026-06-19T14:00:00.000Z");
  });

  it("working hours: due the next Thursday 16:00, reminded 12 working hours before (Wednesday 13:00)", () => {
    const state = fresh(working);
    expect(state.dueAt).toBe(new Date("2026-06-25T16:00:00+02:00").toISOString());
    expect(state.remindAt).toBe(new Date("2026-06-24T13:00:00+02:00").toISOString());
  });

  it("a reminder asked for more hours before than the rule gives falls on the receipt, not before it", () => {
    const dueAt = dueAtFor(received, DEFAULT_WORKING_TIME);
    expect(remindAtFor(received, dueAt, 48, DEFAULT_WORKING_TIME).toISOString()).toBe(received.toISOString());
  });
});

describe("the sweep", () => {
  it("does nothing before the reminder time, reminds once, then escalates once at the due time", () => {
    let state = fresh();
    expect(sweepStep(state, at("2026-06-19T13:59:59Z"))).toBeNull();
    expect(sweepStep(state, at("2026-06-19T14:00:00Z"))).toBe("remind");
    state = { ...state, remindedAt: "2026-06-19T14:00:05Z" };
    expect(sweepStep(state, at("2026-06-19T20:00:00Z"))).toBeNull();
    expect(sweepStep(state, at("2026-06-20T02:00:00Z"))).toBe("escalate");
    state = { ...state, breachedAt: "2026-06-20T02:00:10Z" };
    expect(sweepStep(state, at("2026-06-21T02:00:00Z"))).toBeNull();
    expect(statusOf(state)).toBe("breached");
  });

  it("an inquiry first seen after its due time (the system was down) is escalated at once, without a late reminder", () => {
    expect(sweepStep(fresh(), at("2026-06-22T08:00:00Z"))).toBe("escalate");
  });

  it("an answered inquiry is never reminded or escalated", () => {
    const answered = withFirstResponse(fresh(), at("2026-06-18T20:00:00Z"));
    expect(sweepStep(answered, at("2026-06-19T15:00:00Z"))).toBeNull();
    expect(sweepStep(answered, at("2026-06-30T00:00:00Z"))).toBeNull();
  });
});

describe("the first response", () => {
  it("in time: answered, within the rule", () => {
    const state = withFirstResponse({ ...fresh(), assignee: "forandringsledare@rvn.se" }, at("2026-06-19T09:00:00Z"));
    expect(statusOf(state)).toBe("answered");
    expect(state.breachedAt).toBeNull();
    expect(answeredInTime(state)).toBe(true);
  });

  it("after the breach: answered, and keeps when it breached", () => {
    const breached = { ...fresh(), breachedAt: "2026-06-20T02:00:10Z" };
    const state = withFirstResponse(breached, at("2026-06-21T09:00:00Z"));
    expect(statusOf(state)).toBe("answered");
    expect(state.breachedAt).toBe("2026-06-20T02:00:10Z");
    expect(answeredInTime(state)).toBe(false);
  });

  it("late but before the sweep saw it: records the due time as the breach", () => {
    const state = withFirstResponse(fresh(), at("2026-06-20T03:00:00Z"));
    expect(state.breachedAt).toBe("2026-06-20T02:00:00.000Z");
    expect(answeredInTime(state)).toBe(false);
  });

  it("only the first response counts", () => {
    const first = withFirstResponse(fresh(), at("2026-06-19T09:00:00Z"));
    const second = withFirstResponse(first, at("2026-06-19T10:00:00Z"));
    expect(second.firstResponseAt).toBe("2026-06-19T09:00:00.000Z");
  });

  it("status follows assignment until answered or breached", () => {
    expect(statusOf(fresh())).toBe("new");
    expect(statusOf({ ...fresh(), assignee: "a@rvn.se" })).toBe("assigned");
  });
});
