import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "@jest/globals";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTVerifyGetKey } from "jose";
import { createServices, type Services } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { runRoute } from "../../src/http/pipeline.js";
import { HttpRequest, InvocationContext } from "../../src/http/runtime.js";
import { routes } from "../../src/routes.js";
import type { Logger } from "../../src/services/log.js";
import { BOOTSTRAP_ACTOR } from "../../src/services/membership.js";
import { connectionString, R, uniqueName } from "../helpers.js";

const TENANT = "11111111-2222-3333-4444-555555555555";
const AUDIENCE = "api://naravard.example/abcd";
const BOT_ID = "bot-app-id-0001";
const BOSS = "first.boss@rvn.se";

let privateKey: CryptoKey;
let getKey: JWTVerifyGetKey;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  getKey = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k", alg: "RS256", use: "sig" }] });
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

function env(store: { prefix: string; program: string }, extra: Record<string, string> = {}) {
  return {
    NARAVARD_MODE: "production",
    STORAGE_CONNECTION_STRING: connectionString(),
    TABLE_PREFIX: store.prefix,
    PROGRAM_ID: store.program,
    NOTIFICATIONS_QUEUE: uniqueName("q"),
    ENTRA_TENANT_ID: TENANT,
    API_AUDIENCE: AUDIENCE,
    BOT_CLIENT_ID: BOT_ID,
    ...extra,
  };
}

async function start(vars: Record<string, string>) {
  const log = recordingLogger();
  const services = await createServices(loadConfig(vars), { getKey, log });
  return { services, log };
}

/** A person's delegated token for the API, as the tab's SSO gets it; each name has its own object id. */
async function bearer(email: string): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const oid = randomUUID();
  const token = await new SignJWT({ preferred_username: email, oid, tid: TENANT, scp: "access_as_user" })
    .setProtectedHeader({ alg: "RS256", kid: "k" })
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
  return { authorization: `Bearer ${token}` };
}

async function call(services: Services, routeName: string, url: string, headers: Record<string, string>, params: Record<string, string> = {}, body?: unknown) {
  const def = routes.find((r) => r.name === routeName);
  if (!def) throw new Error(routeName);
  const req = new HttpRequest({
    method: def.methods[0],
    url: `http://localhost/api/${url}`,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    params,
    ...(body === undefined ? {} : { body: { string: JSON.stringify(body) } }),
  });
  const res = await runRoute(def, req, new InvocationContext({ functionName: def.name, logHandler: () => undefined }), services);
  return { status: res.status ?? 200, body: res.jsonBody as unknown };
}

describe("BOOTSTRAP_PROGRAMLEDARE", () => {
  it("production: creates the first programledare exactly once and never overwrites", async () => {
    const store = { prefix: uniqueName("t"), program: uniqueName("p") };

    // Without it, a signed-in person has no way in.
    const empty = await start(env(store));
    expect((await call(empty.services, "membersList", "members", await bearer(BOSS))).status).toBe(403);

    const first = await start(env(store, { BOOTSTRAP_PROGRAMLEDARE: "First.Boss@RVN.se" }));
    expect(first.log.lines).toContain(`info ${BOOTSTRAP_ACTOR}: ${BOSS} har lagts till som programledare.`);
    const created = await first.services.members.getRecord(BOSS);
    expect(created).toMatchObject({ email: BOSS, displayName: BOSS, roles: ["programledare"], updatedBy: BOOTSTRAP_ACTOR });

    // The bootstrapped programledare signs in with Entra ID and hands out roles.
    const auth = await bearer(BOSS);
    const list = await call(first.services, "membersList", "members", auth);
    expect(list.status).toBe(200);
    expect(R.members.parse(list.body).items.map((m) => m.email)).toEqual([BOSS]);
    const added = await call(first.services, "membersPut", "members/koord%40rvn.se", { ...auth, "if-none-match": "*" }, { email: "koord@rvn.se" }, {
      displayName: "Kim Koordinator",
      roles: ["koordinator"],
    });
    expect(added.status).toBe(201);
    expect(R.member.parse(added.body)).toMatchObject({ email: "koord@rvn.se", roles: ["koordinator"], updatedBy: BOSS });
    // …and fixes their own name.
    // (Their first sign-in bound their object id, a new version of the member.)
    const signedIn = await first.services.members.getRecord(BOSS);
    expect(signedIn?.objectId).toMatch(/^[0-9a-f-]{36}$/);
    const renamed = await first.services.membership.put(BOSS, BOSS, { displayName: "Första Chefen", roles: ["programledare"] }, { kind: "update", etag: signedIn?.etag ?? "" });

    // Restarts change nothing: the member is there, with the edits made in the app.
    for (let i = 0; i < 2; i++) {
      const again = await start(env(store, { BOOTSTRAP_PROGRAMLEDARE: BOSS }));
      expect(again.log.lines).toContain(`info ${BOOTSTRAP_ACTOR}: programmet har redan en programledare; inget ändrat.`);
      expect(await again.services.members.getRecord(BOSS)).toEqual(renamed.record);
      expect((await again.services.membership.list({ role: "programledare", pageSize: 50 })).items.map((m) => m.email)).toEqual([BOSS]);
      expect((await again.services.members.guard()).count).toBe(1);
    }

    // Pointing it at an existing member never changes their roles.
    const other = await start(env(store, { BOOTSTRAP_PROGRAMLEDARE: "koord@rvn.se" }));
    expect((await other.services.members.get("koord@rvn.se"))?.roles).toEqual(["koordinator"]);
    expect((await other.services.members.guard()).count).toBe(1);

    // Once the koordinator is programledare too, the first one may leave, and a restart does not bring them back.
    const koord = (await other.services.members.getRecord("koord@rvn.se"))!;
    await other.services.membership.put(BOSS, "koord@rvn.se", { displayName: "Kim Koordinator", roles: ["programledare", "koordinator"] }, { kind: "update", etag: koord.etag });
    const boss = (await other.services.members.getRecord(BOSS))!;
    await other.services.membership.remove("koord@rvn.se", BOSS, boss.etag);
    const later = await start(env(store, { BOOTSTRAP_PROGRAMLEDARE: BOSS }));
    expect(await later.services.members.get(BOSS)).toBeNull();
    expect(later.log.lines).toContain(`info ${BOOTSTRAP_ACTOR}: programmet har redan en programledare; inget ändrat.`);
  });

  it("concurrent starts create it once", async () => {
    const store = { prefix: uniqueName("t"), program: uniqueName("p") };
    const starts = await Promise.all([1, 2, 3].map(() => start(env(store, { BOOTSTRAP_PROGRAMLEDARE: BOSS }))));
    const created = starts.filter((s) => s.log.lines.some((l) => l.includes("har lagts till"))).length;
    expect(created).toBe(1);
    const [one] = starts;
    expect((await one?.services.membership.list({ pageSize: 50 }))?.items.map((m) => m.email)).toEqual([BOSS]);
    expect((await one?.services.members.guard())?.count).toBe(1);
  });

  it("local mode ignores it (the demo users are the members) and says so", async () => {
    const log = recordingLogger();
    const services = await createServices(
      loadConfig({
        NARAVARD_MODE: "local",
        STORAGE_CONNECTION_STRING: connectionString(),
        TABLE_PREFIX: uniqueName("t"),
        PROGRAM_ID: uniqueName("p"),
        NOTIFICATIONS_QUEUE: uniqueName("q"),
        SEED_ON_START: "false",
        BOOTSTRAP_PROGRAMLEDARE: BOSS,
      }),
      { log },
    );
    expect(await services.members.get(BOSS)).toBeNull();
    expect(log.lines.some((l) => l.startsWith("warn BOOTSTRAP_PROGRAMLEDARE"))).toBe(true);
  });
});
