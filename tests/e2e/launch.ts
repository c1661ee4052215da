import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePorts } from "../../scripts/lib/ports.js";
import { repoRoot } from "../../scripts/lib/processes.js";
import type { StackPorts } from "../../scripts/lib/stack.js";

/**
 * `npm start` run the way a person runs it, for the tests of starting and stopping: in a process group of its own
 * (as a terminal's foreground job is), with a PATH holding only node, npm, git and sh (no xdg-open, no browser),
 * on free ports and with its data in a temporary folder, so it never meets a developer's `npm start` or another
 * test run. Every process it starts inherits a tag in its environment, which is how the tests find them all,
 * grandchildren and orphans included.
 */

const TAG = "NARAVARD_TEST_TAG";

export type Ports = StackPorts;

export async function choosePorts(): Promise<Ports> {
  const [api = 0, bot = 0, tabs = 0, playground = 0, table = 0, queue = 0, blob = 0, smtp = 0] = await freePorts(8);
  return { api, bot, tabs, playground, table, queue, blob, smtp };
}

/** Every port `npm start` listens on, the shared mailbox's SMTP stand-in included. */
export const portList = (ports: Ports): number[] => [ports.api, ports.bot, ports.tabs, ports.playground, ports.table, ports.queue, ports.blob, ports.smtp];

function findOnPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** A folder for PATH with only what a fresh machine has: node, npm, git and sh. */
export function barePath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "naravard-bare-path-"));
  const inherited = process.env.PATH ?? "";
  const tools: Record<string, string | null> = {
    node: process.execPath,
    npm: findOnPath("npm", inherited),
    git: findOnPath("git", inherited),
    sh: findOnPath("sh", inherited) ?? "/bin/sh",
  };
  for (const [name, target] of Object.entries(tools)) if (target) fs.symlinkSync(target, path.join(dir, name));
  return dir;
}

export const isOnPath = (name: string, searchPath: string): boolean => findOnPath(name, searchPath) !== null;

export class LaunchedStart {
  readonly tag = randomUUID();
  readonly child: ChildProcess;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "naravard-start-"));
  output = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(ports: Ports, binDir: string) {
    const env: NodeJS.ProcessEnv = {
      HOME: process.env.HOME ?? os.homedir(),
      PATH: binDir,
      TMPDIR: os.tmpdir(),
      [TAG]: this.tag,
      NARAVARD_DATA_DIR: this.dataDir,
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
    };
    for (const [part, port] of Object.entries(ports)) env[`NARAVARD_${part.toUpperCase()}_PORT`] = String(port);
    // --ignore-scripts skips prestart (setup): the tests run on the installed tree and must not reinstall it.
    this.child = spawn(path.join(binDir, "npm"), ["start", "--ignore-scripts"], {
      cwd: repoRoot,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    this.child.stdout?.on("data", collect);
    this.child.stderr?.on("data", collect);
    // 'close', not 'exit': all it wrote has been read by then.
    this.exited = new Promise((resolve) => this.child.once("close", (code, signal) => resolve({ code, signal })));
  }

  /** The process group: npm is its leader. */
  get group(): number {
    if (this.child.pid === undefined) throw new Error("npm start did not start");
    return this.child.pid;
  }

  /** Sends `signal` to the whole group, as the terminal does on Ctrl+C (SIGINT) or a process manager (SIGTERM). */
  signalGroup(signal: NodeJS.Signals): void {
    process.kill(-this.group, signal);
  }

  async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`"${text}" did not appear within ${timeoutMs} ms. Output:\n${this.output}`);
      if (this.child.exitCode !== null) throw new Error(`npm start exited (${this.child.exitCode}) before "${text}". Output:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Every live process this `npm start` started, however deep, reparented or not. */
  processes(): Array<{ pid: number; ppid: number; command: string }> {
    const found: Array<{ pid: number; ppid: number; command: string }> = [];
    const marker = `${TAG}=${this.tag}`;
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (!fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(marker)) continue;
        // Field 4 of stat is the parent; the command name (field 2) may hold spaces, so count from its ")".
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (fields[0] === "Z") continue; // exited, waiting to be reaped: holds no port
        const command = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
        found.push({ pid: Number(entry), ppid: Number(fields[1]), command });
      } catch {
        // gone while we looked, or not ours to read
      }
    }
    return found;
  }

  /** Last resort after a failed test: nothing of this run may outlive it. */
  killAll(): void {
    for (const { pid } of this.processes()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Ports something listens on, tried the way `npm start` checks them before starting. */
export async function busyPorts(ports: number[]): Promise<number[]> {
  const busy = await Promise.all(
    ports.map(
      (port) =>
        new Promise<number | null>((resolve) => {
          const server = net.createServer();
          server.once("error", () => resolve(port));
          server.listen(port, "127.0.0.1", () => server.close(() => resolve(null)));
        }),
    ),
  );
  return busy.filter((p): p is number => p !== null);
}

/**
 * Waits until none of the run's processes is alive and every port is free, or `timeoutMs` has passed; returns
 * what is left (empty lists when all is gone).
 */
export async function leftovers(run: LaunchedStart, ports: Ports, timeoutMs: number): Promise<{ processes: string[]; ports: number[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const processes = run.processes().map((p) => `${p.pid} ${p.command.slice(0, 160)}`);
    const busy = await busyPorts(portList(ports));
    if ((processes.length === 0 && busy.length === 0) || Date.now() > deadline) return { processes, ports: busy };
    await new Promise((r) => setTimeout(r, 250));
  }
}
