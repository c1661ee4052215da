import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../setup/provided.js";
import { parse } from "yaml";
import { registerFunctions, type FunctionsApp } from "../../api/src/functions/register.js";
import { routes } from "../../api/src/routes.js";
import { freePort, waitForHttp } from "../../scripts/lib/ports.js";

// `teamsapp deploy` runs the npm steps of teamsapp.yml and ships three folders. This test runs those steps, copies
// the folders out of the repository (so nothing can fall back on the workspace's node_modules or its .ts sources)
// and starts them as Azure would: the bot with plain `node` and the command infra/azure.bicep gives App Service;
// the Functions app by loading its package.json `main` against a stand-in for the worker's registration API
// (`@azure/functions-core`, which only the Functions host provides), then serving a request through the
// registered handler against Azurite with a token signed by keys made here.

const root = path.resolve(import.meta.dirname, "../..");
const TENANT = "7c6f3a51-0d1e-4c8e-9a55-3b9f1e2d4c6a";
const AUDIENCE = "api://naravard.test/4f1d2c3b";
const BOT_ID = "0b6e2d5c-8a71-4f3e-b9d2-6c1a7e4f5b80";
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const API_ENDPOINT = "https://naravard-artifact-test-api.azurewebsites.net";

type Action = { uses: string; name?: string; with?: Record<string, string>; env?: Record<string, string> };
const teamsapp = parse(fs.readFileSync(path.join(root, "teamsapp.yml"), "utf8")) as { deploy: Action[] };
const bicep = fs.readFileSync(path.join(root, "infra/azure.bicep"), "utf8");

/** The values Teams Toolkit would substitute into teamsapp.yml's `${{NAME}}` placeholders. */
const toolkitValues: Record<string, string> = { API_FUNCTION_ENDPOINT: API_ENDPOINT, AAD_APP_CLIENT_ID: randomUUID() };
const substitute = (text: string) =>
  text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = toolkitValues[name];
    if (value === undefined) throw new Error(`teamsapp.yml deploy reads ${name}; give the test a value for it`);
    return value;
  });

function artifactFolder(uses: string): string {
  const action = teamsapp.deploy.find((a) => a.uses === uses);
  if (!action?.with?.["artifactFolder"]) throw new Error(`teamsapp.yml deploy has no ${uses} with an artifactFolder`);
  return path.resolve(root, action.with["workingDirectory"] ?? ".", action.with["artifactFolder"]);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "naravard-artifacts-"));
const shipped = { tabs: path.join(work, "tabs"), api: path.join(work, "api"), bot: path.join(work, "bot") };
const tabsApiBaseUrl = `${API_ENDPOINT}/api`;

/** Runs a command to its end without blocking this worker (the build takes a minute or more). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output.slice(-6000)}`))));
  });
}

beforeAll(async () => {
  const npmSteps = teamsapp.deploy.filter((a) => a.uses === "cli/runNpmCommand");
  // The first step installs the workspace's packages; this checkout has them already.
  const install = npmSteps.filter((a) => /^(install|ci)\b/.test(a.with?.["args"] ?? ""));
  expect(install).toHaveLength(1);
  for (const action of npmSteps.filter((a) => !install.includes(a))) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [key, value] of Object.entries(action.env ?? {})) env[key] = substitute(value);
    const args = (action.with?.["args"] ?? "").split(/\s+/).filter(Boolean);
    await run("npm", args, path.resolve(root, action.with?.["workingDirectory"] ?? "."), env);
  }
  fs.cpSync(artifactFolder("azureStorage/deploy"), shipped.tabs, { recursive: true });
  fs.cpSync(artifactFolder("azureFunctions/zipDeploy"), shipped.api, { recursive: true });
  fs.cpSync(artifactFolder("azureAppService/zipDeploy"), shipped.bot, { recursive: true });
}, 600_000); // the build (Vite for the tabs, esbuild for API and bot) runs once, here

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

const filesUnder = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: "utf8" });

describe("the three artifacts", () => {
  it("hold no TypeScript: the contracts and every workspace import are compiled in", () => {
    for (const dir of Object.values(shipped)) expect([dir, filesUnder(dir).filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))]).toEqual([dir, []]);
  });

  it("tabs: a static site that calls the deployed API, without the local demo-user switcher", () => {
    expect(fs.existsSync(path.join(shipped.tabs, "index.html"))).toBe(true);
    const scripts = filesUnder(shipped.tabs)
      .filter((f) => f.endsWith(".js"))
      .map((f) => fs.readFileSync(path.join(shipped.tabs, f), "utf8"))
      .join("\n");
    expect(scripts).toContain(tabsApiBaseUrl);
    expect(scripts).not.toContain("DemoUserSwitcher");
  });

  it("api: host.json, and a package.json whose main is JavaScript with only production dependencies", () => {
    expect(fs.existsSync(path.join(shipped.api, "host.json"))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(shipped.api, "package.json"), "utf8")) as {
      main: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(manifest.main).toMatch(/\.js$/);
    expect(fs.existsSync(path.join(shipped.api, manifest.main))).toBe(true);
    expect(manifest.devDependencies).toBeUndefined();
    for (const name of Object.keys(manifest.dependencies ?? {})) expect([name, fs.existsSync(path.join(shipped.api, "node_modules", name, "package.json"))]).toEqual([name, true]);
  });
});

/** Runs `command` (as infra/azure.bicep gives it to App Service) in the bot folder with only `env`. */
function startBot(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const command = /appCommandLine:\s*'([^']+)'/.exec(bicep)?.[1];
  if (!command) throw new Error("infra/azure.bicep gives the bot no appCommandLine");
  const [program, ...args] = command.split(/\s+/);
  expect(program).toBe("node");
  const child = spawn(process.execPath, args, { cwd: shipped.bot, env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe("the bot artifact, started with plain node as App Service starts it", () => {
  let bot: ReturnType<typeof startBot> | undefined;
  let base = "";

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // No NARAVARD_MODE: production is what the bot must be without it.
    bot = startBot({
      BOT_HOST: "127.0.0.1",
      BOT_PORT: String(port),
      BOT_ID,
      BOT_PASSWORD: randomBytes(16).toString("hex"),
      BOT_TENANT_ID: TENANT,
      API_AUDIENCE: AUDIENCE,
      API_BASE_URL: `${API_ENDPOINT}/api`,
      TEAMS_APP_ID: randomUUID(),
      STORAGE_CONNECTION_STRING: inject("storageConnectionString"),
      NOTIFICATION_JOURNAL_PATH: path.join(work, "bot-journal.jsonl"),
    });
    await Promise.race([
      waitForHttp(`${base}/healthz`),
      bot.exited.then((code) => {
        throw new Error(`the bot exited (${code}):\n${bot?.output()}`);
      }),
    ]);
  });

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill("SIGTERM");
      await bot.exited;
    }
  });

  it("answers its health probe and says it runs in production", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(bot?.output()).toContain("produktion");
  });

  it("refuses an activity without a Bot Framework token (401)", async () => {
    const activity = {
      type: "message",
      id: "1",
      text: "hjälp",
      channelId: "msteams",
      serviceUrl: "https://smba.trafficmanager.net/emea/",
      conversation: { id: "19:abc" },
      from: { id: "29:user", aadObjectId: randomUUID() },
      recipient: { id: `28:${BOT_ID}` },
    };
    const r = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    expect(r.status).toBe(401);
  });

  it("local mode binds to loopback only: asked for it on 0.0.0.0, it refuses to start", async () => {
    const refused = startBot({ NARAVARD_MODE: "local", BOT_HOST: "0.0.0.0", BOT_PORT: String(await freePort()) });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("BOT_HOST");
  });
});

/** What the Functions worker would have been told: each function's trigger binding and handler. */
interface Registered {
  name: string;
  trigger: { type: string; route?: string; methods?: string[]; authLevel?: string; schedule?: string };
  handler: (...args: unknown[]) => unknown;
}
/** The worker's module, as the Functions host injects it; here it records what is registered. */
function installWorkerStandIn(): void {
  const dir = path.join(shipped.api, "node_modules/@azure/functions-core");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "@azure/functions-core", version: "0.0.0-test", main: "index.js" }));
  fs.writeFileSync(
    path.join(dir, "index.js"),
    `"use strict";
exports.setProgrammingModel = () => {};
exports.getProgrammingModel = () => undefined;
exports.registerHook = () => ({ dispose() {} });
exports.registered = [];
exports.registerFunction = (metadata, handler) => {
  const trigger = Object.values(metadata.bindings).find((b) => b.direction === "in" && /Trigger$/.test(b.type));
  exports.registered.push({ name: metadata.name, trigger, handler });
  return { dispose() {} };
};
`,
  );
  // Loads the app's main in a plain Node process (its settings are the process's environment, as in Azure), then
  // calls the HTTP functions it is asked to and prints what was registered and answered.
  fs.writeFileSync(
    path.join(shipped.api, "load-as-host.cjs"),
    `"use strict";
const core = require("@azure/functions-core");
const calls = JSON.parse(process.argv[2] || "[]");
(async () => {
  let error = null;
  try {
    require(require("path").join(__dirname, require("./package.json").main));
  } catch (e) {
    error = String((e && e.message) || e);
  }
  const responses = [];
  if (!error) {
    const functions = require("@azure/functions");
    for (const c of calls) {
      const fn = core.registered.find((r) => r.name === c.name);
      const request = new functions.HttpRequest({ method: c.method, url: c.url, headers: c.headers });
      const context = new functions.InvocationContext({ functionName: c.name, logHandler: () => undefined });
      const res = await fn.handler(request, context);
      responses.push({ status: res.status ?? 200, jsonBody: res.jsonBody ?? null });
    }
  }
  process.stdout.write(JSON.stringify({ error, registered: core.registered.map((r) => ({ name: r.name, trigger: r.trigger })), responses }));
})();
`,
  );
}

interface HostRun {
  error: string | null;
  registered: Array<Omit<Registered, "handler">>;
  responses: Array<{ status: number; jsonBody: unknown }>;
}

/** Starts the Functions app's `main` in a fresh Node process with exactly these settings, as the host does. */
async function loadFunctionsApp(settings: Record<string, string>, calls: Array<{ name: string; method: string; url: string; headers: Record<string, string> }> = []): Promise<HostRun> {
  const child = spawn(process.execPath, ["load-as-host.cjs", JSON.stringify(calls)], {
    cwd: shipped.api,
    env: { PATH: process.env["PATH"] ?? "", ...settings },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the Functions app's process exited ${code}: ${err}`);
  return JSON.parse(out) as HostRun;
}

describe("the Functions artifact, loaded as the Functions host loads it", () => {
  let privateKey: CryptoKey;
  let jwks: http.Server;
  let settings: Record<string, string>;

  beforeAll(async () => {
    installWorkerStandIn();
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "artifact-test", alg: "RS256", use: "sig" };
    jwks = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const suffix = randomBytes(4).toString("hex");
    settings = {
      STORAGE_CONNECTION_STRING: inject("storageConnectionString"),
      TABLE_PREFIX: `a${suffix}`,
      PROGRAM_ID: `p${suffix}`,
      NOTIFICATIONS_QUEUE: `q${suffix}`,
      ENTRA_TENANT_ID: TENANT,
      API_AUDIENCE: AUDIENCE,
      BOT_CLIENT_ID: BOT_ID,
      ENTRA_ISSUER: ISSUER,
      ENTRA_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`,
    };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  it("registers every route of the route table and every timer, as the source does", async () => {
    const expected: Array<{ name: string; kind: string; detail: unknown }> = [];
    const recorder: FunctionsApp = {
      http: (name, o) => expected.push({ name, kind: "httpTrigger", detail: { route: o.route, methods: o.methods, authLevel: o.authLevel } }),
      timer: (name, o) => expected.push({ name, kind: "timerTrigger", detail: { schedule: o.schedule } }),
    };
    registerFunctions(recorder, routes, () => Promise.reject(new Error("not called")));

    const { registered, error } = await loadFunctionsApp(settings);
    expect(error).toBeNull();
    const actual = registered.map((r) => ({
      name: r.name,
      kind: r.trigger.type,
      detail: r.trigger.type === "timerTrigger" ? { schedule: r.trigger.schedule } : { route: r.trigger.route, methods: r.trigger.methods, authLevel: r.trigger.authLevel },
    }));
    expect(actual).toEqual(expected);
    const names = actual.map((a) => a.name);
    for (const route of routes.filter((r) => !r.localOnly)) expect(names).toContain(route.name);
    // Local-only routes (the demo clock) never exist in Azure.
    const localOnly = routes.filter((r) => r.localOnly).map((r) => r.name);
    expect(localOnly).toEqual(expect.arrayContaining(["devClockGet", "devClockAdvance"]));
    for (const name of localOnly) expect(names).not.toContain(name);
    expect(actual.filter((a) => a.kind === "timerTrigger").map((a) => a.name)).toEqual(["outboxSweep", "escalationReminders", "riskReviewReminders", "surveySweep", "inquirySweep", "mailboxSync"]);
    expect(actual.filter((a) => a.kind === "timerTrigger").map((a) => a.name)).toContain("outboxSweep");
  });

  it("serves a request through the registered handler against Azurite, with a token from the tenant's keys", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      oid: randomUUID(),
      tid: TENANT,
      scp: "access_as_user",
      azp: toolkitValues["AAD_APP_CLIENT_ID"],
      preferred_username: "ny.person@kramfors.se",
      upn: "ny.person@kramfors.se",
      name: "Ny Person",
      ver: "2.0",
    })
      .setProtectedHeader({ alg: "RS256", kid: "artifact-test" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    const call = (headers: Record<string, string>) => ({ name: "me", method: "GET", url: `${API_ENDPOINT}/api/me`, headers });
    const run = await loadFunctionsApp(settings, [call({ authorization: `Bearer ${token}` }), call({ "x-dev-user": "programledare@naravard.test" }), call({})]);
    expect(run.registered.map((r) => r.name)).toContain("me");
    const [signedIn, devHeader, none] = run.responses;
    if (!signedIn || !devHeader || !none) throw new Error(`no answers: ${JSON.stringify(run)}`);
    expect([JSON.stringify(signedIn.jsonBody), signedIn.status]).toEqual([JSON.stringify(signedIn.jsonBody), 200]);
    expect(signedIn.jsonBody).toMatchObject({ roles: [] });
    // The dev header of the local host means nothing here.
    expect(devHeader.status).toBe(401);
    expect(none.status).toBe(401);
  });

  it("refuses to start in local mode, registering nothing", async () => {
    const local = await loadFunctionsApp({ ...settings, NARAVARD_MODE: "local" });
    expect(String(local.error)).toContain("NARAVARD_MODE=local");
    expect(local.registered).toEqual([]);
  });

  it("with no mode setting at all it is production: without the Entra settings it refuses to start", async () => {
    const { ENTRA_TENANT_ID: _t, API_AUDIENCE: _a, BOT_CLIENT_ID: _b, ...withoutEntra } = settings;
    const bare = await loadFunctionsApp(withoutEntra);
    expect(String(bare.error)).toContain("ENTRA_TENANT_ID");
    expect(bare.registered).toEqual([]);
  });
});
