import { describe, expect, it } from "@jest/globals";
import { ASSIGNABLE_ROLES, MemberInputSchema } from "../../src/contracts/index.js";
import { checkProgramledareKept, LAST_PROGRAMLEDARE_TEXT, programledareDelta } from "../../src/domain/members.js";

describe("programledareDelta", () => {
  it("counts gaining, losing and keeping the role", () => {
    expect(programledareDelta(null, ["programledare"])).toBe(1);
    expect(programledareDelta(["koordinator"], ["koordinator", "programledare"])).toBe(1);
    expect(programledareDelta(["programledare"], ["koordinator"])).toBe(-1);
    expect(programledareDelta(["programledare", "deltagare"], null)).toBe(-1);
    expect(programledareDelta(["programledare"], ["programledare", "deltagare"])).toBe(0);
    expect(programledareDelta(["deltagare"], null)).toBe(0);
    expect(programledareDelta(null, ["deltagare"])).toBe(0);
  });
});

describe("the last programledare rule", () => {
  const problem = (field: string) => [{ field, message: LAST_PROGRAMLEDARE_TEXT }];

  it("refuses to drop the role of the last programledare, naming roles", () => {
    expect(checkProgramledareKept({ before: ["programledare"], after: ["koordinator"], programledareCount: 1, field: "roles" })).toEqual(problem("roles"));
  });

  it("refuses to delete the last programledare, naming the given field", () => {
    expect(checkProgramledareKept({ before: ["programledare", "deltagare"], after: null, programledareCount: 1, field: "email" })).toEqual(problem("email"));
  });

  it("refuses also when the stored count is off (never goes below one)", () => {
    expect(checkProgramledareKept({ before: ["programledare"], after: null, programledareCount: 0, field: "email" })).toEqual(problem("email"));
  });

  it("allows it when another programledare remains", () => {
    expect(checkProgramledareKept({ before: ["programledare"], after: ["koordinator"], programledareCount: 2, field: "roles" })).toEqual([]);
    expect(checkProgramledareKept({ before: ["programledare"], after: null, programledareCount: 3, field: "email" })).toEqual([]);
  });

  it("never blocks changes that keep or add programledare, or concern other roles", () => {
    expect(checkProgramledareKept({ before: ["programledare"], after: ["programledare", "koordinator"], programledareCount: 1, field: "roles" })).toEqual([]);
    expect(checkProgramledareKept({ before: null, after: ["programledare"], programledareCount: 0, field: "roles" })).toEqual([]);
    expect(checkProgramledareKept({ before: ["deltagare"], after: null, programledareCount: 1, field: "email" })).toEqual([]);
    expect(checkProgramledareKept({ before: ["koordinator"], after: ["deltagare"], programledareCount: 0, field: "roles" })).toEqual([]);
  });

  it("speaks Swedish and English", () => {
    expect(LAST_PROGRAMLEDARE_TEXT.sv).toBe("Programmet måste ha minst en programledare.");
    expect(LAST_PROGRAMLEDARE_TEXT.en).toBe("The program must have at least one program manager.");
  });
});

describe("the member input contract", () => {
  it("accepts every role but the bot's", () => {
    expect(ASSIGNABLE_ROLES).not.toContain("bot");
    expect(MemberInputSchema.safeParse({ displayName: "A", roles: [...ASSIGNABLE_ROLES] }).success).toBe(true);
    const bot = MemberInputSchema.safeParse({ displayName: "A", roles: ["deltagare", "bot"] });
    expect(bot.success).toBe(false);
    expect(bot.error?.issues.map((i) => i.path.join("."))).toEqual(["roles"]);
  });

  it("needs a name and at least one role", () => {
    const r = MemberInputSchema.safeParse({ displayName: "", roles: [] });
    expect(r.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["displayName", "roles"]);
  });
});
