import { describe, expect, it } from "vitest";
import { RoleSchema, type Permission, type Role } from "../../src/contracts/index.js";
import { permissionsFor } from "../../src/domain/permissions.js";

const READ_APPLY: Permission[] = ["portfolio.read", "portfolio.apply"];
const SURVEYS: Permission[] = ["surveys.manage", "surveys.read"];
const OFFICE: Permission[] = [...READ_APPLY, "portfolio.edit", "portfolio.assess", "portfolio.changeStatus", "reference.edit", "deliveries.read", "members.read", ...SURVEYS];

const EXPECTED: Record<Role, Permission[]> = {
  programledare: [...OFFICE, "members.manage", "bot.programOfficeChannel"],
  koordinator: OFFICE,
  forandringsledare: OFFICE,
  programomradesansvarig: [...READ_APPLY, ...SURVEYS],
  controller: [...READ_APPLY, "surveys.read"],
  kommunikator: READ_APPLY,
  styrgrupp_ordforande: [...READ_APPLY, "portfolio.decide", "surveys.read"],
  styrgrupp_vice_ordforande: [...READ_APPLY, "portfolio.decide", "surveys.read"],
  styrgrupp_ledamot: [...READ_APPLY, "portfolio.decide", "surveys.read"],
  bestallare: READ_APPLY,
  forandringsagare: READ_APPLY,
  projektledare: READ_APPLY,
  projektagare: READ_APPLY,
  deltagare: READ_APPLY,
  naravardsamordnare: READ_APPLY,
  bot: ["portfolio.read"],
};

describe("permissions by role", () => {
  for (const role of RoleSchema.options) {
    it(role, () => {
      expect(new Set(permissionsFor([role]))).toEqual(new Set(EXPECTED[role]));
    });
  }

  it("only the program office reads members; managing them implies reading them", () => {
    const readers = RoleSchema.options.filter((role) => permissionsFor([role]).includes("members.read"));
    expect(readers).toEqual(["programledare", "koordinator", "forandringsledare"]);
    for (const role of RoleSchema.options) {
      const p = permissionsFor([role]);
      if (p.includes("members.manage")) expect(p).toContain("members.read");
    }
    expect(permissionsFor(["programledare"]).slice(-7)).toEqual(["reference.edit", "members.read", "members.manage", "bot.programOfficeChannel", "deliveries.read", "surveys.manage", "surveys.read"]);
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
