import { describe, expect, it } from "@jest/globals";
import { ProjectStatusSchema, type Permission, type ProjectStatus } from "../../src/contracts/index.js";
import { allowedActions, allowedTransitions, checkStatusChange, transitionVia, type TransitionVia } from "../../src/domain/lifecycle.js";
import { permissionsFor } from "../../src/domain/permissions.js";

const S = ProjectStatusSchema.options;

/** The whole lifecycle as a table: from → to → which endpoint does it (null = not allowed). */
const EXPECTED: Record<ProjectStatus, Partial<Record<ProjectStatus, TransitionVia>>> = {
  ide: { ansokan_inlamnad: "status" },
  ansokan_inlamnad: { ide: "status", bedomd: "assessment" },
  bedomd: { inkluderad: "decision", avslagen: "decision" },
  inkluderad: { pagaende: "status" },
  avslagen: { ide: "status" },
  pagaende: { vilande: "status", avslutad: "status" },
  vilande: { pagaende: "status", avslutad: "status" },
  avslutad: {},
};

const office = { email: "koordinator@naravard.test", permissions: permissionsFor(["koordinator"]) };
const project = (status: ProjectStatus, createdBy = "someone@naravard.test") => ({ status, createdBy, projectLeader: {} });

describe("lifecycle transitions: every pair", () => {
  for (const from of S) {
    for (const to of S) {
      const via = from === to ? null : (EXPECTED[from][to] ?? null);
      it(`${from} → ${to}: ${via ?? "refused"}`, () => {
        expect(transitionVia(from, to)).toBe(from === to ? null : via);
        const check = checkStatusChange(office, project(from), to);
        if (via === "status") {
          expect(check).toEqual({ ok: true });
        } else {
          expect(check.ok).toBe(false);
          if (!check.ok) {
            expect(check.kind).toBe("rule_violation");
            expect(check.field).toBe("status");
          }
        }
      });
    }
  }
});

describe("lifecycle messages", () => {
  it("says in Swedish which move is not possible", () => {
    const check = checkStatusChange(office, project("avslutad"), "pagaende");
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message.sv).toBe("Ett utvecklingsarbete med status Avslutad kan inte ändras till Pågående.");
      expect(check.message.en).toBe("An effort with status Closed cannot be changed to Ongoing.");
    }
  });
  it("points assessment and decision moves to their endpoints", () => {
    const a = checkStatusChange(office, project("ansokan_inlamnad"), "bedomd");
    const d = checkStatusChange(office, project("bedomd"), "inkluderad");
    expect(!a.ok && a.message.sv).toContain("/assessment");
    expect(!d.ok && d.message.sv).toContain("/decision");
    expect(!d.ok && d.message.sv).toContain("styrgruppen");
  });
});

describe("who may move what", () => {
  const applicantEmail = "projektledare1@naravard.test";
  const applicant = { email: applicantEmail, permissions: permissionsFor(["projektledare"]) };
  const other = { email: "deltagare1@naravard.test", permissions: permissionsFor(["deltagare"]) };
  const chair = { email: "chair@naravard.test", permissions: permissionsFor(["styrgrupp_ordforande"]) };

  it("the applicant may withdraw, resubmit and restart after a rejection, nothing else", () => {
    expect(allowedTransitions(applicant, project("ansokan_inlamnad", applicantEmail))).toEqual(["ide"]);
    expect(allowedTransitions(applicant, project("ide", applicantEmail))).toEqual(["ansokan_inlamnad"]);
    expect(allowedTransitions(applicant, project("avslagen", applicantEmail))).toEqual(["ide"]);
    expect(allowedTransitions(applicant, project("pagaende", applicantEmail))).toEqual([]);
    const check = checkStatusChange(applicant, project("pagaende", applicantEmail), "vilande");
    expect(!check.ok && check.kind).toBe("forbidden");
  });

  it("someone else's application cannot be moved by a participant", () => {
    expect(allowedTransitions(other, project("ansokan_inlamnad"))).toEqual([]);
    expect(allowedActions(other, project("ansokan_inlamnad"))).toEqual([]);
  });

  it("actions follow role and status", () => {
    expect(allowedActions(office, project("ansokan_inlamnad"))).toEqual(["edit", "assess", "changeStatus"]);
    expect(allowedActions(chair, project("bedomd"))).toEqual(["decide"]);
    expect(allowedActions(chair, project("ansokan_inlamnad"))).toEqual([]);
    expect(allowedActions(applicant, project("ansokan_inlamnad", applicantEmail))).toEqual(["edit", "changeStatus"]);
    expect(allowedActions(applicant, project("bedomd", applicantEmail))).toEqual([]);
    expect(allowedActions(office, project("avslutad"))).toEqual(["edit"]);
  });

  it("the project leader named on the effort counts as applicant", () => {
    const p = { status: "ide" as const, createdBy: "x@naravard.test", projectLeader: { email: applicantEmail } };
    expect(allowedActions(applicant, p)).toContain("edit");
  });

  it("no permissions, no actions", () => {
    const none = { email: "x@y.se", permissions: [] as Permission[] };
    for (const s of S) expect(allowedActions(none, project(s))).toEqual([]);
  });
});
