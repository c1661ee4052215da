import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import nodemailer from "nodemailer";
import { DevClockSchema, InquiryListSchema, InquirySchema, SHARED_MAILBOX } from "../../src/contracts/index.js";
import { eventually } from "../../../tests/support/eventually.js";
import { connectionString, R, uniqueName, USERS } from "../helpers.js";

/**
 * The 36-hour rule as a person watches it on a developer machine: the local API host as its own process (its
 * timers, its SMTP stand-in for naravard@rvn.se), a mail sent over SMTP, the dev clock moved 37 hours — and within
 * 60 seconds exactly one escalation for the inquiry in `GET /api/escalations`, the inquiry breached.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const main = path.resolve(here, "../../src/local/main.ts");
const HOUR = 3_600_000;

let child: ChildProcess;
let api = "";
let smtpPort = 0;
let output = "";
let exited: Promise<number | null>;

beforeAll(async () => {
  child = spawn(process.execPath, ["--import", "tsx", main], {
    env: {
      PATH: process.env["PATH"] ?? "",
      NARAVARD_MODE: "local",
      STORAGE_CONNECTION_STRING: connectionString(),
      TABLE_PREFIX: uniqueName("t"),
      PROGRAM_ID: uniqueName("p"),
      NOTIFICATIONS_QUEUE: uniqueName("q"),
      API_PORT: "0",
      MAILBOX_SMTP_PORT: "0",
      SEED_ON_START: "true",
    },
    cwd: path.resolve(here, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await eventually(
    () => {
      const apiLine = /API lyssnar på (http:\/\/\S+\/api)/.exec(output);
      const smtpLine = /Funktionsbrevlåda \(SMTP\) 127\.0\.0\.1:(\d+)/.exec(output);
      expect([apiLine?.[1], smtpLine?.[1]].every(Boolean)).toBe(true);
      api = apiLine?.[1] ?? "";
      smtpPort = Number(smtpLine?.[1]);
    },
    { timeout: 60_000 },
  );
}, 90_000);

afterAll(async () => {
  child.kill("SIGTERM");
  await exited;
});

async function call(method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${api}${route}`, {
    method,
    headers: { "x-dev-user": USERS.programledare, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("the local host: mail in, clock moved, escalated once", () => {
  it("a mail over SMTP is an inquiry due 36 h after receipt; unanswered past PT37H it escalates within 60 s, once", async () => {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true });
    const mail = { from: "Anna Berg <anna.berg@example.se>", to: SHARED_MAILBOX, subject: "Fråga om anslutning", text: "Hej!", messageId: "<host-1@example.se>" };
    await transport.sendMail(mail);
    await transport.sendMail(mail);
    const listed = InquiryListSchema.parse((await call("GET", "/inquiries")).json);
    expect(listed.items).toHaveLength(1);
    const inquiry = listed.items[0]!;
    expect(Date.parse(inquiry.dueAt) - Date.parse(inquiry.receivedAt)).toBe(36 * HOUR);

    const moved = await call("POST", "/dev/clock", { advance: "PT37H" });
    expect(moved.status).toBe(200);
    expect(Date.parse(DevClockSchema.parse(moved.json).now)).toBeGreaterThan(Date.parse(inquiry.dueAt));
    const escalationsOf = async () =>
      R.escalations.parse((await call("GET", "/escalations?sourceKind=inquiry")).json).items.filter((e) => e.source.id === inquiry.id);
    const movedAt = Date.now();
    await eventually(async () => expect(await escalationsOf()).toHaveLength(1), { timeout: 60_000, interval: 500 });
    expect(Date.now() - movedAt).toBeLessThan(60_000);

    const [escalation] = await escalationsOf();
    expect(escalation).toMatchObject({ level: "programledare", status: "open", source: { kind: "inquiry", id: inquiry.id } });
    await eventually(async () => expect(InquirySchema.parse((await call("GET", `/inquiries/${inquiry.id}`)).json)).toMatchObject({ status: "breached", escalationId: escalation!.id }), {
      timeout: 10_000,
    });
    // Later sweeps (another jump makes one run now) raise nothing more.
    await call("POST", "/dev/clock", { advance: "PT1H" });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await escalationsOf()).toHaveLength(1);
  }, 120_000);

  it("stops on SIGTERM with the SMTP listener closed", async () => {
    expect(await portOpen(smtpPort)).toBe(true);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await portOpen(smtpPort)).toBe(false);
  }, 30_000);
});
