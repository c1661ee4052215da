// `npm start`: the whole app on this machine, on its embedded defaults, until Ctrl+C.
import net from "node:net";
import path from "node:path";
import { DEV_DATA_DIR, DEV_PORTS, startStack, type RunningStack, type StackPorts } from "./lib/stack.js";
import { killAllServices, repoRoot } from "./lib/processes.js";
import { isAlive, jobAncestors } from "./lib/ancestors.js";
import { DEMO_USERS } from "../api/src/contracts/routes.js";

/** Everything must be down this long after Ctrl+C, whatever state startup was in. */
const STOP_DEADLINE_MS = 9000;

// Installed before anything starts: Ctrl+C during startup must stop what has started so far, not leave it running.
const abort = new AbortController();
let stack: RunningStack | undefined;
let stopping = false;
let stoppingSince = 0;
/** A part that ended by itself: the rest is stopped, and `npm start` ends with an error saying which. */
let partFailed: string | null = null;

function stopped(code: number): never {
  if (code === 0 && partFailed) {
    process.stderr.write(`✖ ${partFailed}; allt annat är stoppat. Se utskriften ovan och starta igen med npm start.\n`);
    process.exit(1);
  }
  process.stdout.write(code === 0 ? "Allt är stoppat.\n" : "");
  process.exit(code);
}

function onPartExit(part: string, code: number | null, signal: NodeJS.Signals | null): void {
  if (stopping) return;
  partFailed = `${part} avslutades av sig självt (${code !== null ? `kod ${code}` : `signal ${signal ?? "okänd"}`})`;
  shutdown(`${part} avslutades`);
}

function onSignal(signal: NodeJS.Signals): void {
  if (!stopping) return shutdown(signal);
  // npm passes the terminal's signal on to its script as well, so the same one can come twice in a moment. A
  // Ctrl+C pressed again later means: stop now, without waiting for anything to close cleanly.
  if (Date.now() - stoppingSince < 1000) return;
  process.stdout.write("Stoppar direkt …\n");
  killAllServices();
  process.exit(130);
}

function shutdown(reason: string): void {
  if (stopping) return;
  stopping = true;
  stoppingSince = Date.now();
  process.stdout.write(`\nStoppar (${reason}) …\n`);
  setTimeout(() => {
    process.stderr.write("✖ Allt hann inte stoppas i tid; resten avslutas med SIGKILL.\n");
    killAllServices();
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  // Before startup has finished, aborting makes startStack stop what it started and reject (handled in main()).
  abort.abort(new Error("stoppad"));
  if (stack) {
    stack.stop().then(
      () => stopped(0),
      () => stopped(1),
    );
  }
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
// A closed terminal (SIGHUP) takes our stdout with it: writing there must not end us before the stop is done.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

// npm and a shell sit between the terminal and us. If one of them is killed outright (kill -9 of npm start)
// the job is gone for the user and nothing could stop us any more, so stop as if Ctrl+C had been pressed.
const parentAtStart = process.ppid;
const ancestors = jobAncestors();
setInterval(() => {
  if (process.ppid !== parentAtStart || !ancestors.every(isAlive)) shutdown("npm start avslutades");
}, 500).unref();

/** Ports from NARAVARD_<PART>_PORT, for when a documented port is taken on this machine (and for the tests). */
function portsFromEnv(): StackPorts {
  const ports: StackPorts = { ...DEV_PORTS };
  for (const part of Object.keys(ports) as Array<keyof StackPorts>) {
    const name = `NARAVARD_${part.toUpperCase()}_PORT`;
    const value = process.env[name];
    if (value === undefined || value === "") continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${value} är inget portnummer.`);
    ports[part] = port;
  }
  return ports;
}

async function main(): Promise<void> {
  process.stdout.write("Startar Nära vård i Teams lokalt (Azurite, API, bot, flikar, Agents Playground) …\n");
  const ports = portsFromEnv();
  const dataDir = process.env.NARAVARD_DATA_DIR ? path.resolve(process.env.NARAVARD_DATA_DIR) : DEV_DATA_DIR;
  const busy = await busyPorts([ports.api, ports.bot, ports.tabs, ports.playground, ports.smtp, ports.table, ports.queue, ports.blob]);
  if (busy.length > 0) {
    process.stderr.write(`✖ Portarna ${busy.join(", ")} används redan. Stoppa det som kör där (kanske ett tidigare npm start) och försök igen.\n`);
    process.exit(1);
  }
  try {
    stack = await startStack({ mode: "dev", echo: process.env.NARAVARD_QUIET !== "1", ports, dataDir, signal: abort.signal, onPartExit });
  } catch (err) {
    // Ctrl+C during startup: startStack has stopped what it had started before rejecting.
    if (stopping) stopped(0);
    throw err;
  }
  if (stopping) {
    // The signal came after the last wait of startup but before we held the stack.
    await stack.stop();
    stopped(0);
  }
  // Everything binds to 127.0.0.1; `localhost` is what people type and what the README shows.
  const shown = (url: string | null) => url?.replace("//127.0.0.1:", "//localhost:") ?? null;
  const shownDir = path.relative(repoRoot, dataDir).startsWith("..") ? dataDir : path.relative(repoRoot, dataDir) || ".";
  const users = Object.values(DEMO_USERS).filter((u) => u !== DEMO_USERS.bot);
  const lines = [
    "",
    "Nära vård i Teams kör lokalt:",
    `  Portfölj (flik)      ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/portfolio`,
    `  Beslutslogg (flik)   ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/decisions`,
    `  Eskaleringar (flik)  ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/escalations`,
    `  Risklista (flik)     ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/risks`,
    `  Uppföljning (flik)   ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/followup`,
    `  Ärenden (flik)       ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/inquiries`,
    `  Chatta med boten     ${shown(stack.playgroundUrl) ?? "(boten saknas)"}   (Microsoft 365 Agents Playground, kanal msteams)`,
    `  API                  ${shown(stack.apiUrl)}   (t.ex. ${shown(stack.apiUrl)}/projects med rubriken x-dev-user)`,
    `  Bot                  ${shown(stack.botUrl) ?? "(saknas)"}`,
    `  Funktionsbrevlåda    smtp://${stack.smtp.replace("127.0.0.1:", "localhost:")}   (SMTP för post till naravard@rvn.se, t.ex. curl --mail-rcpt; se README)`,
    `  Azurite              tabeller :${stack.ports.table}, köer :${stack.ports.queue}   (data sparas i ${path.join(shownDir, "azurite")})`,
    "",
    "Demoanvändare (välj i flikens växlare eller med ?as=<e-post>):",
    ...users.map((u) => `  ${u}`),
    "",
    "Öppna adresserna i din webbläsare; inget öppnas av sig självt. Avsluta med Ctrl+C.",
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

async function busyPorts(ports: number[]): Promise<number[]> {
  const checks = await Promise.all(
    ports.map(
      (port) =>
        new Promise<number | null>((resolve) => {
          const server = net.createServer();
          server.once("error", () => resolve(port));
          server.listen(port, "127.0.0.1", () => server.close(() => resolve(null)));
        }),
    ),
  );
  return checks.filter((p): p is number => p !== null);
}

main().catch((err: unknown) => {
  process.stderr.write(`✖ Kunde inte starta: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
