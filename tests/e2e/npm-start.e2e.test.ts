import fs from "node:fs";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { waitForPort } from "../../scripts/lib/ports.js";
import { barePath, choosePorts, isOnPath, LaunchedStart, leftovers, type Ports } from "./launch.js";

/**
 * `npm start` on a machine with only Node and git, and stopping it however it is stopped: Ctrl+C during startup,
 * SIGTERM to its process group once it runs, kill -9 of the launcher. Each must leave no process alive and every
 * port free within 10 s, so the next `npm start` starts.
 */
const STOPPED_WITHIN_MS = 10_000;
const READY = "Avsluta med Ctrl+C.";

let bin: string;
const runs: LaunchedStart[] = [];

function launch(ports: Ports): LaunchedStart {
  const run = new LaunchedStart(ports, bin);
  runs.push(run);
  return run;
}

beforeAll(() => {
  bin = barePath();
  for (const missing of ["xdg-open", "chromium", "chromium-browser", "google-chrome", "firefox"]) expect(isOnPath(missing, bin)).toBe(false);
});

afterEach(() => {
  for (const run of runs.splice(0)) run.killAll();
});

afterAll(() => {
  fs.rmSync(bin, { recursive: true, force: true });
});

/** The first line an SMTP server sends on connect. */
function smtpGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(10_000, () => socket.destroy(new Error("no SMTP greeting within 10 s")));
    socket.once("data", (d: Buffer) => {
      resolve(d.toString().split("\r\n")[0] ?? "");
      socket.end("QUIT\r\n");
    });
    socket.once("error", reject);
  });
}

describe("npm start without a browser, stopped at any moment", () => {
  let ports: Ports;
  beforeAll(async () => {
    ports = await choosePorts();
  });

  it("stops everything it has started when Ctrl+C comes during startup", async () => {
    const run = launch(ports);
    // Azurite, the API and the tabs are up; the bot and the Playground are not yet.
    await waitForPort(ports.api, { timeoutMs: 90_000 });
    expect(run.output).not.toContain(READY);
    expect(run.processes().some((p) => p.command.includes("azurite"))).toBe(true);

    run.signalGroup("SIGINT");

    // npm itself is one of the processes: once none is left, the terminal has its prompt back.
    expect(await leftovers(run, ports, STOPPED_WITHIN_MS)).toEqual({ processes: [], ports: [] });
    await run.exited;
    expect(run.output).toContain("Stoppar (SIGINT)");
    expect(run.output).toContain("Allt är stoppat.");
    expect(run.output).not.toContain("Stoppar direkt");
    expect(run.output).not.toContain("Kunde inte starta");
  }, 240_000); // a whole `npm start`, on a shared 2-core machine

  it("starts again right after on the same ports, shows where each part is, and the Playground answers", async () => {
    const run = launch(ports);
    await run.waitForOutput(READY, 150_000);

    expect(run.output).not.toContain("används redan");
    for (const line of [
      `http://localhost:${ports.tabs}/portfolio`,
      `http://localhost:${ports.tabs}/decisions`,
      `http://localhost:${ports.playground}`,
      `http://localhost:${ports.api}/api`,
      `http://localhost:${ports.bot}/api/messages`,
      `tabeller :${ports.table}, köer :${ports.queue}`,
      `http://localhost:${ports.tabs}/inquiries`,
      `smtp://localhost:${ports.smtp}`,
    ])
      expect(run.output).toContain(line);
    // The shared mailbox's stand-in answers like a mail server (then `leftovers` checks its port is freed too).
    expect(await smtpGreeting(ports.smtp)).toMatch(/^220 /);
    const playground = await fetch(`http://127.0.0.1:${ports.playground}/`);
    expect(playground.status).toBe(200);
    expect(await playground.text()).toMatch(/<html/i);
    const health = await fetch(`http://127.0.0.1:${ports.api}/api/health`);
    expect(health.status).toBe(200);
    // Without xdg-open the Playground used to exit right after listening, taking the chat away.
    expect(run.output).not.toContain("avslutades oväntat");
    expect(run.output).not.toMatch(/xdg-open/);
    expect(run.child.exitCode).toBeNull();

    // What a process manager, or a closed terminal's shell, does.
    run.signalGroup("SIGTERM");

    expect(await leftovers(run, ports, STOPPED_WITHIN_MS)).toEqual({ processes: [], ports: [] });
    await run.exited;
    expect(run.output).toContain("Allt är stoppat.");
    expect(run.output).not.toContain("Stoppar direkt");
  }, 240_000); // a whole `npm start`, on a shared 2-core machine
});

describe("a part of npm start that ends by itself", () => {
  it("takes the rest down with it and says which part ended, so nobody works against half an app", async () => {
    const ports = await choosePorts();
    const run = launch(ports);
    await run.waitForOutput(READY, 150_000);
    const api = run.processes().find((p) => p.command.includes("api/src/local/main.ts"));
    if (!api) throw new Error(`no API among:\n${run.processes().map((p) => p.command).join("\n")}`);

    process.kill(api.pid, "SIGKILL");

    expect(await leftovers(run, ports, STOPPED_WITHIN_MS)).toEqual({ processes: [], ports: [] });
    expect((await run.exited).code).toBe(1);
    expect(run.output).toContain("[api] avslutades oväntat");
    expect(run.output).toContain("api avslutades av sig självt (signal SIGKILL)");
    expect(run.output).not.toContain("Allt är stoppat.");
  }, 240_000); // a whole `npm start`, on a shared 2-core machine
});

describe("npm start killed outright", () => {
  it("leaves nothing behind when the launcher is killed: every part notices and exits", async () => {
    const ports = await choosePorts();
    const run = launch(ports);
    await run.waitForOutput(READY, 150_000);
    // The launcher is the process that started Azurite (npm and a shell sit above it).
    const azurite = run.processes().find((p) => p.command.includes("azurite"));
    expect(azurite).toBeDefined();
    const launcher = run.processes().find((p) => p.pid === azurite?.ppid);
    if (!launcher) throw new Error(`no launcher among:\n${run.processes().map((p) => p.command).join("\n")}`);
    expect(launcher.command).toContain("scripts/start.ts");

    process.kill(launcher.pid, "SIGKILL");

    expect(await leftovers(run, ports, STOPPED_WITHIN_MS)).toEqual({ processes: [], ports: [] });
  }, 240_000); // a whole `npm start`, on a shared 2-core machine

  it("stops too when npm itself is killed outright during startup", async () => {
    const ports = await choosePorts();
    const run = launch(ports);
    await waitForPort(ports.api, { timeoutMs: 90_000 });

    process.kill(run.group, "SIGKILL");

    expect(await leftovers(run, ports, STOPPED_WITHIN_MS)).toEqual({ processes: [], ports: [] });
  }, 240_000); // a whole `npm start`, on a shared 2-core machine
});
