import { describe, expect, it } from "@jest/globals";
import { RoleSchema, type Permission, type Role } from "../../src/contracts/index.js";
import { permissionsFor } from "../../src/domain/permissions.js";

const ESCALATE: Permission[] = ["escalations.read", "escalations.raise"];
const READ: Permission[] = ["portfolio.read", ...ESCALATE, "risks.read"];
const READ_APPLY: Permission[] = ["portfolio.read", "portfolio.apply", ...ESCALATE, "risks.read"];
const SURVEYS: Permission[] = ["surveys.manage", "surveys.read"];
const OFFICE: Permission[] = [...READ_APPLY, "portfolio.edit", "portfolio.assess", "portfolio.changeStatus", "reference.edit", "deliveries.read", "members.read", ...SURVEYS, "inquiries.read"];
const ASSIGNS_INQUIRIES: Permission[] = ["inquiries.assign", "inquiries.settings"];

const EXPECTED: Record<Role, Permission[]> = {
  programledare: [...OFFICE, "members.manage", "bot.programOfficeChannel", "risks.manage", ...ASSIGNS_INQUIRIES],
  koordinator: [...OFFICE, "risks.manage", ...ASSIGNS_INQUIRIES],
  forandringsledare: OFFICE,
  programomradesansvarig: [...READ, ...SURVEYS],
  controller: [...READ, "surveys.read"],
  kommunikator: READ,
  styrgrupp_ordforande: [...READ, "portfolio.decide", "surveys.read"],
  styrgrupp_vice_ordforande: [...READ, "portfolio.decide", "surveys.read"],
  styrgrupp_ledamot: [...READ, "portfolio.decide", "surveys.read"],
  bestallare: READ,
  forandringsagare: READ_APPLY,
  projektledare: READ_APPLY,
  projektagare: READ_APPLY,
  deltagare: READ,
  naravardsamordnare: READ,
  bot: ["portfolio.read"],
};

describe("permissions by role", () => {
  it.each(RoleSchema.options)("%s", (role) => {
    expect(new Set(permissionsFor([role]))).toEqual(new Set(EXPECTED[role]));
  });

  it("only the program office reads members; managing them implies reading them", () => {
    const readers = RoleSchema.options.filter((role) => permissionsFor([role]).includes("members.read"));
    expect(readers).toEqual(["programledare", "koordinator", "forandringsledare"]);
    for (const role of RoleSchema.options) {
      const p = permissionsFor([role]);
      if (p.includes("members.manage")) expect(p).toContain("members.read");
    }
    expect(permissionsFor(["programledare"]).slice(-14)).toEqual([
      "reference.edit",
      "members.read",
      "members.manage",
      "bot.programOfficeChannel",
      "deliveries.read",
      "escalations.read",
      "escalations.raise",
      "risks.read",
      "risks.manage",
      "surveys.manage",
      "surveys.read",
      "inquiries.read",
      "inquiries.assign",
      "inquiries.settings",
    ]);
  });

  it("only the programledare and the koordinator manage risks (PP 9.4); everyone in the program reads them", () => {
    expect(RoleSchema.options.filter((role) => permissionsFor([role]).includes("risks.manage"))).toEqual(["programledare", "koordinator"]);
    expect(RoleSchema.options.filter((role) => !permissionsFor([role]).includes("risks.read"))).toEqual(["bot"]);
  });

  it("rounds are run by the program office and programområdesansvariga; the steering group and the controller read results", () => {
    const managers = RoleSchema.options.filter((role) => permissionsFor([role]).includes("surveys.manage"));
    expect(managers).toEqual(["programledare", "koordinator", "forandringsledare", "programomradesansvarig"]);
    const readers = RoleSchema.options.filter((role) => permissionsFor([role]).includes("surveys.read"));
    expect(readers).toEqual([...managers, "controller", "styrgrupp_ordforande", "styrgrupp_vice_ordforande", "styrgrupp_ledamot"]);
  });

  it("no roles, no permissions", () => {
    expect(permissionsFor([])).toEqual([]);
  });

  it("roles combine as a union, in a stable order", () => {
    const p = permissionsFor(["styrgrupp_ledamot", "koordinator"]);
    expect(p).toContain("portfolio.decide");
    expect(p).toContain("portfolio.assess");
    expect(p.indexOf("portfolio.read")).toBe(0);
    expect(new Set(p).size).toBe(p.length);
  });
});
