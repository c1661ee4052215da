import { TableClient } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { ApiError, createApiClient, DEV_USER_HEADER, type MemberRecord } from "../../src/contracts/index.js";
import { DEMO_MEMBERS } from "../../src/seed/members.js";
import { R, startTestApi, USERS, type TestApi } from "../helpers.js";

const STALE_SV = "Någon annan har ändrat detta under tiden. Ladda om och försök igen.";
const LAST_SV = "Programmet måste ha minst en programledare.";
const CREATE = { "If-None-Match": "*" };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

/** The member as `GET /api/members` lists it (null if not listed). */
async function find(on: TestApi, email: string): Promise<MemberRecord | null> {
  const r = await on.call("GET", "/api/members?pageSize=100");
  expect(r.status).toBe(200);
  return r.as(R.members).items.find((m) => m.email === email) ?? null;
}

async function withRole(on: TestApi, role: string): Promise<string[]> {
  const r = await on.call("GET", `/api/members?role=${role}&pageSize=100`);
  expect(r.status).toBe(200);
  return r.as(R.members).items.map((m) => m.email);
}

async function etagOf(on: TestApi, email: string): Promise<string> {
  const m = await find(on, email);
  if (!m) throw new Error(`${email} is not listed`);
  return m.etag;
}

describe("members: who may do what", () => {
  it("401 without identity, 403 outside the program office, 403 on writes for the rest of the office", async () => {
    for (const [method, path] of [
      ["GET", "/api/members"],
      ["PUT", "/api/members/x@example.org"],
      ["DELETE", "/api/members/x@example.org"],
    ] as const) {
      expect([`${method} ${path}`, (await api.call(method, path, { user: null })).status]).toEqual([`${method} ${path}`, 401]);
    }
    for (const user of [USERS.deltagare, USERS.projektledare, USERS.ordforande, USERS.bot]) {
      const r = await api.call("GET", "/api/members", { user });
      expect([user, r.status]).toEqual([user, 403]);
      expect(r.err().code).toBe("forbidden");
    }
    for (const user of [USERS.koordinator, USERS.forandringsledare]) {
      expect([user, (await api.call("GET", "/api/members", { user })).status]).toEqual([user, 200]);
      const put = await api.call("PUT", "/api/members/x@example.org", { user, headers: CREATE, body: { displayName: "X", roles: ["deltagare"] } });
      expect([user, put.status]).toEqual([user, 403]);
      const etag = await etagOf(api, USERS.deltagare);
      const del = await api.call("DELETE", `/api/members/${USERS.deltagare}`, { user, headers: { "If-Match": etag } });
      expect([user, del.status]).toEqual([user, 403]);
    }
    expect(await find(api, "x@example.org")).toBeNull();
    expect(await find(api, USERS.deltagare)).not.toBeNull();
    // The bot acting for the programledare may manage, as the programledare.
    const viaBot = await api.call("GET", "/api/members", { user: USERS.bot, headers: { "x-acting-user": USERS.programledare } });
    expect(viaBot.status).toBe(200);
  });
});

describe("GET /api/members", () => {
  it("pages with continuation tokens, each member with its ETag; no bookkeeping rows", async () => {
    const seen: MemberRecord[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = token ? `&continuationToken=${encodeURIComponent(token)}` : "";
      const r = await api.call("GET", `/api/members?pageSize=4${query}`, { user: USERS.koordinator });
      expect(r.status).toBe(200);
      const page = r.as(R.members);
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items);
      token = page.continuationToken;
      pages++;
    } while (token && pages < 20);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.map((m) => m.email)).toEqual(DEMO_MEMBERS.map((m) => m.email).sort());
    for (const m of seen) expect(m.etag).toMatch(/\S/);
    expect(seen.find((m) => m.email === USERS.ordforande)).toMatchObject({ displayName: "Anders Westin", roles: ["styrgrupp_ordforande"], organisationId: "rvn" });
  });

  it("lists one role through the role index", async () => {
    expect(await withRole(api, "programledare")).toEqual([USERS.programledare]);
    expect(await withRole(api, "forandringsledare")).toEqual(["forandringsledare1@naravard.test", "forandringsledare2@naravard.test", "forandringsledare3@naravard.test"]);
    expect(await withRole(api, "controller")).toEqual([]);
  });

  it("400 naming the parameter for an unknown role or a bad token", async () => {
    const role = await api.call("GET", "/api/members?role=kung");
    expect(role.status).toBe(400);
    expect(role.err().details.map((d) => d.field)).toEqual(["role"]);
    const token = await api.call("GET", "/api/members?continuationToken=bm9wZQ==");
    expect(token.status).toBe(400);
    expect(token.err().details.map((d) => d.field)).toEqual(["continuationToken"]);
  });
});

describe("PUT /api/members/{email}", () => {
  it("creates only with If-None-Match: * (428 without, 412 when the member exists)", async () => {
    const body = { displayName: "Nina Ny", roles: ["deltagare", "projektledare", "deltagare"], organisationId: "timra", title: "Projektledare" };
    const missing = await api.call("PUT", "/api/members/nina.ny@timra.se", { body });
    expect(missing.status).toBe(428);
    expect(missing.err().code).toBe("precondition_required");
    expect(missing.err().details.map((d) => d.field)).toEqual(["If-None-Match", "If-Match"]);
    expect(await find(api, "nina.ny@timra.se")).toBeNull();

    const before = Date.now();
    const created = await api.call("PUT", "/api/members/Nina.Ny@Timra.se", { headers: CREATE, body });
    expect(created.status).toBe(201);
    const member = created.as(R.member);
    expect(member).toMatchObject({
      email: "nina.ny@timra.se",
      displayName: "Nina Ny",
      roles: ["projektledare", "deltagare"],
      organisationId: "timra",
      title: "Projektledare",
      updatedBy: USERS.programledare,
    });
    expect(Date.parse(member.updatedAt ?? "")).toBeGreaterThanOrEqual(before - 1000);
    expect(created.headers.get("etag")).toBe(member.etag);
    expect(await find(api, "nina.ny@timra.se")).toEqual(member);
    // The new member has access at once.
    const me = await api.call("GET", "/api/me", { user: "nina.ny@timra.se" });
    expect(me.as(R.me)).toMatchObject({ email: "nina.ny@timra.se", roles: ["projektledare", "deltagare"] });
    expect(await withRole(api, "projektledare")).toContain("nina.ny@timra.se");

    const again = await api.call("PUT", "/api/members/nina.ny@timra.se", { headers: CREATE, body: { ...body, displayName: "Someone else" } });
    expect(again.status).toBe(412);
    expect(again.err().code).toBe("precondition_failed");
    expect((await find(api, "nina.ny@timra.se"))?.displayName).toBe("Nina Ny");
  });

  it("updates with If-Match; a stale ETag → 412 with the usual message and nothing overwritten", async () => {
    const created = (await api.call("PUT", "/api/members/olle@kramfors.se", { headers: CREATE, body: { displayName: "Olle", roles: ["deltagare"] } })).as(R.member);
    const updated = await api.call("PUT", "/api/members/olle@kramfors.se", {
      user: USERS.programledare,
      headers: { "If-Match": created.etag },
      body: { displayName: "Olle Öberg", roles: ["naravardsamordnare"], organisationId: "kramfors" },
    });
    expect(updated.status).toBe(200);
    const v2 = updated.as(R.member);
    expect(v2).toMatchObject({ displayName: "Olle Öberg", roles: ["naravardsamordnare"], organisationId: "kramfors", updatedBy: USERS.programledare });
    expect(v2.etag).not.toBe(created.etag);
    expect(await find(api, "olle@kramfors.se")).toEqual(v2);
    expect(await withRole(api, "deltagare")).not.toContain("olle@kramfors.se");
    expect(await withRole(api, "naravardsamordnare")).toContain("olle@kramfors.se");

    const stale = await api.call("PUT", "/api/members/olle@kramfors.se", {
      headers: { "If-Match": created.etag },
      body: { displayName: "Överskriven", roles: ["controller"] },
    });
    expect(stale.status).toBe(412);
    expect(stale.err()).toEqual({ code: "precondition_failed", message: STALE_SV, details: [] });
    const staleEn = await api.call("PUT", "/api/members/olle@kramfors.se", {
      headers: { "If-Match": created.etag, "Accept-Language": "en" },
      body: { displayName: "Överskriven", roles: ["controller"] },
    });
    expect(staleEn.err().message).toBe("Someone else changed this in the meantime. Reload and try again.");
    expect(await find(api, "olle@kramfors.se")).toEqual(v2);
    expect(await withRole(api, "controller")).toEqual([]);

    // An update of someone who is not a member → 404; If-Match: * is refused; both headers at once are refused.
    expect((await api.call("PUT", "/api/members/nobody@kramfors.se", { headers: { "If-Match": v2.etag }, body: { displayName: "N", roles: ["deltagare"] } })).status).toBe(404);
    const star = await api.call("PUT", "/api/members/olle@kramfors.se", { headers: { "If-Match": "*" }, body: { displayName: "N", roles: ["deltagare"] } });
    expect(star.status).toBe(400);
    expect(star.err().details.map((d) => d.field)).toEqual(["If-Match"]);
    const both = await api.call("PUT", "/api/members/olle@kramfors.se", { headers: { ...CREATE, "If-Match": v2.etag }, body: { displayName: "N", roles: ["deltagare"] } });
    expect(both.status).toBe(400);
    expect(await find(api, "olle@kramfors.se")).toEqual(v2);
  });

  it("400 naming the field: the role bot, unknown roles, a missing name, another email in the body, a bad email", async () => {
    const bot = await api.call("PUT", "/api/members/robot@example.org", { headers: CREATE, body: { displayName: "Robot", roles: ["deltagare", "bot"] } });
    expect(bot.status).toBe(400);
    expect(bot.err()).toEqual({
      code: "validation_failed",
      message: "Begäran innehåller ogiltiga uppgifter.",
      details: [{ field: "roles", message: "Rollen bot kan inte tilldelas (den är botens egen identitet)." }],
    });
    const botEn = await api.call("PUT", "/api/members/robot@example.org", { headers: { ...CREATE, "Accept-Language": "en" }, body: { displayName: "Robot", roles: ["bot"] } });
    expect(botEn.err().details).toEqual([{ field: "roles", message: "The role bot cannot be assigned (it is the bot's own identity)." }]);
    expect(await find(api, "robot@example.org")).toBeNull();

    // Giving an existing member the role bot is refused the same way.
    const olle = await etagOf(api, "olle@kramfors.se");
    const toBot = await api.call("PUT", "/api/members/olle@kramfors.se", { headers: { "If-Match": olle }, body: { displayName: "Olle", roles: ["bot"] } });
    expect(toBot.status).toBe(400);
    expect(toBot.err().details.map((d) => d.field)).toEqual(["roles"]);

    const unknown = await api.call("PUT", "/api/members/x@example.org", { headers: CREATE, body: { displayName: "X", roles: ["kung"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.err().details.map((d) => d.field)).toEqual(["roles.0"]);
    const empty = await api.call("PUT", "/api/members/x@example.org", { headers: CREATE, body: { roles: [] } });
    expect(empty.err().details.map((d) => d.field).sort()).toEqual(["displayName", "roles"]);
    const other = await api.call("PUT", "/api/members/x@example.org", { headers: CREATE, body: { email: "y@example.org", displayName: "X", roles: ["deltagare"] } });
    expect(other.status).toBe(400);
    expect(other.err().details.map((d) => d.field)).toEqual(["email"]);
    const badEmail = await api.call("PUT", "/api/members/not-an-email", { headers: CREATE, body: { displayName: "X", roles: ["deltagare"] } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.err().details).toEqual([{ field: "email", message: "Ogiltig e-postadress." }]);
    const reserved = await api.call("PUT", `/api/members/${encodeURIComponent("~count|programledare")}`, { headers: CREATE, body: { displayName: "X", roles: ["deltagare"] } });
    expect(reserved.status).toBe(400);
    expect(await find(api, "x@example.org")).toBeNull();
  });
});

describe("DELETE /api/members/{email}", () => {
  it("needs If-Match (428), refuses a stale one (412), removes access (204 → that x-dev-user is 401)", async () => {
    const etag = await etagOf(api, USERS.deltagare);
    const missing = await api.call("DELETE", `/api/members/${USERS.deltagare}`);
    expect(missing.status).toBe(428);
    expect(missing.err().code).toBe("precondition_required");

    const bumped = await api.call("PUT", `/api/members/${USERS.deltagare}`, {
      headers: { "If-Match": etag },
      body: { displayName: "Oskar Nilsson", roles: ["deltagare"], organisationId: "harnosand", title: "Undersköterska" },
    });
    expect(bumped.status).toBe(200);
    const stale = await api.call("DELETE", `/api/members/${USERS.deltagare}`, { headers: { "If-Match": etag } });
    expect(stale.status).toBe(412);
    expect(stale.err().message).toBe(STALE_SV);
    expect((await api.call("GET", "/api/me", { user: USERS.deltagare })).status).toBe(200);

    const fresh = bumped.as(R.member).etag;
    const del = await api.call("DELETE", `/api/members/${USERS.deltagare}`, { headers: { "If-Match": fresh } });
    expect(del.status).toBe(204);
    expect(await find(api, USERS.deltagare)).toBeNull();
    expect(await withRole(api, "deltagare")).not.toContain(USERS.deltagare);
    const gone = await api.call("GET", "/api/projects", { user: USERS.deltagare });
    expect(gone.status).toBe(401);
    expect(gone.err().code).toBe("unauthenticated");
    expect((await api.call("DELETE", `/api/members/${USERS.deltagare}`, { headers: { "If-Match": fresh } })).status).toBe(404);

    // Added again, from scratch (the removal left nothing behind).
    const back = await api.call("PUT", `/api/members/${USERS.deltagare}`, { headers: CREATE, body: { displayName: "Oskar Nilsson", roles: ["deltagare"] } });
    expect(back.status).toBe(201);
    expect((await api.call("GET", "/api/me", { user: USERS.deltagare })).status).toBe(200);
  });
});

describe("the program keeps at least one programledare", () => {
  let own: TestApi;
  beforeAll(async () => {
    own = await startTestApi();
  });
  afterAll(async () => {
    await own.close();
  });

  it("the last programledare can neither drop the role nor delete themselves (400 rule_violation, sv/en)", async () => {
    const etag = await etagOf(own, USERS.programledare);
    const drop = await own.call("PUT", `/api/members/${USERS.programledare}`, { headers: { "If-Match": etag }, body: { displayName: "Maria Lindqvist", roles: ["koordinator"] } });
    expect(drop.status).toBe(400);
    expect(drop.err()).toEqual({ code: "rule_violation", message: LAST_SV, details: [{ field: "roles", message: LAST_SV }] });
    const del = await own.call("DELETE", `/api/members/${USERS.programledare}`, { headers: { "If-Match": etag, "Accept-Language": "en" } });
    expect(del.status).toBe(400);
    expect(del.err()).toEqual({
      code: "rule_violation",
      message: "The program must have at least one program manager.",
      details: [{ field: "email", message: "The program must have at least one program manager." }],
    });
    expect(await etagOf(own, USERS.programledare)).toBe(etag);
    // Keeping the role while adding another is fine.
    const more = await own.call("PUT", `/api/members/${USERS.programledare}`, { headers: { "If-Match": etag }, body: { displayName: "Maria Lindqvist", roles: ["programledare", "koordinator"] } });
    expect(more.status).toBe(200);
  });

  it("with a second programledare either may go, then the rule holds for the one left", async () => {
    const second = (await own.call("PUT", "/api/members/pl2@rvn.se", { headers: CREATE, body: { displayName: "Per Två", roles: ["programledare"] } })).as(R.member);
    expect(await withRole(own, "programledare")).toEqual(["pl2@rvn.se", USERS.programledare]);
    // The first hands over: drops their own role.
    const mine = await etagOf(own, USERS.programledare);
    const handOver = await own.call("PUT", `/api/members/${USERS.programledare}`, { headers: { "If-Match": mine }, body: { displayName: "Maria Lindqvist", roles: ["koordinator"] } });
    expect(handOver.status).toBe(200);
    expect(await withRole(own, "programledare")).toEqual(["pl2@rvn.se"]);
    // …and may no longer manage members.
    const after = await own.call("DELETE", "/api/members/pl2@rvn.se", { headers: { "If-Match": second.etag } });
    expect(after.status).toBe(403);
    // The one left cannot delete themselves.
    const self = await own.call("DELETE", "/api/members/pl2@rvn.se", { user: "pl2@rvn.se", headers: { "If-Match": second.etag } });
    expect(self.status).toBe(400);
    expect(self.err().message).toBe(LAST_SV);
  });

  it("two concurrent removals of the last two programledare: exactly one succeeds", async () => {
    const pl3 = (await own.call("PUT", "/api/members/pl3@rvn.se", { user: "pl2@rvn.se", headers: CREATE, body: { displayName: "Pia Tre", roles: ["programledare"] } })).as(R.member);
    const pl2 = await etagOf(own, "pl2@rvn.se");
    const [a, b] = await Promise.all([
      own.call("PUT", "/api/members/pl2@rvn.se", { user: "pl2@rvn.se", headers: { "If-Match": pl2 }, body: { displayName: "Per Två", roles: ["deltagare"] } }),
      own.call("DELETE", "/api/members/pl3@rvn.se", { user: "pl3@rvn.se", headers: { "If-Match": pl3.etag } }),
    ]);
    const won = [a.status === 200, b.status === 204].filter(Boolean);
    expect(won).toHaveLength(1);
    const loser = a.status === 200 ? b : a;
    expect(loser.status).toBe(400);
    expect(loser.err().code).toBe("rule_violation");
    expect(await withRole(own, "programledare")).toHaveLength(1);
  });
});

describe("storage details", () => {
  it("a tombstone left by an interrupted delete reads as no member and does not block adding the email again", async () => {
    const { config } = api.services;
    const table = TableClient.fromConnectionString(config.storageConnectionString, `${config.tablePrefix}Members`, { allowInsecureConnection: true });
    await table.createEntity({ partitionKey: config.programId, rowKey: "ghost@example.org", removed: true, updatedAt: new Date().toISOString(), updatedBy: USERS.programledare });
    expect(await api.services.members.get("ghost@example.org")).toBeNull();
    expect((await api.call("GET", "/api/me", { user: "ghost@example.org" })).status).toBe(401);
    expect(await find(api, "ghost@example.org")).toBeNull();
    const added = await api.call("PUT", "/api/members/ghost@example.org", { headers: CREATE, body: { displayName: "Ghost", roles: ["kommunikator"] } });
    expect(added.status).toBe(201);
    expect(await find(api, "ghost@example.org")).toEqual(added.as(R.member));
  });

  it("the role index and the programledare count are rebuilt at start for a store without them", async () => {
    const { config } = api.services;
    const table = TableClient.fromConnectionString(config.storageConnectionString, `${config.tablePrefix}Members`, { allowInsecureConnection: true });
    for await (const row of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${config.programId}' and RowKey ge '~'` } })) {
      await table.deleteEntity(row.partitionKey ?? "", row.rowKey ?? "");
    }
    expect(await withRole(api, "programledare")).toEqual([]);
    expect(await api.services.members.ensureIndex()).toBe(true);
    expect(await api.services.members.ensureIndex()).toBe(false);
    expect(await withRole(api, "programledare")).toEqual([USERS.programledare]);
    expect((await api.services.members.guard()).count).toBe(1);
    const etag = await etagOf(api, USERS.programledare);
    const drop = await api.call("PUT", `/api/members/${USERS.programledare}`, { headers: { "If-Match": etag }, body: { displayName: "Maria", roles: ["koordinator"] } });
    expect(drop.status).toBe(400);
  });
});

describe("the typed client", () => {
  it("lists, creates, updates and deletes members", async () => {
    const client = createApiClient({ baseUrl: `${api.url}/api`, headers: () => ({ [DEV_USER_HEADER]: USERS.programledare }) });
    const created = await client.createMember("klient@example.org", { displayName: "Klient", roles: ["controller"] });
    expect(created.roles).toEqual(["controller"]);
    const updated = await client.updateMember("klient@example.org", { displayName: "Klient K", roles: ["controller", "kommunikator"] }, created.etag);
    expect((await client.listMembers({ role: "kommunikator" })).items.map((m) => m.email)).toContain("klient@example.org");
    await expect(client.updateMember("klient@example.org", { displayName: "X", roles: ["controller"] }, created.etag)).rejects.toMatchObject({ status: 412 });
    await expect(client.createMember("klient@example.org", { displayName: "X", roles: ["controller"] })).rejects.toBeInstanceOf(ApiError);
    await client.deleteMember("klient@example.org", updated.etag);
    expect((await client.listMembers({ pageSize: 100 })).items.map((m) => m.email)).not.toContain("klient@example.org");
  });
});
