import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const binPath = (name: string): string => path.join(repoRoot, "node_modules", ".bin", name);

/**
 * Command and arguments that run a TypeScript entry point in one Node process, with tsx's loader. Not the `tsx`
 * command: that one runs the file in a second process and, on a busy machine, SIGKILLs it when it does not
 * confirm a relayed Ctrl+C within 30 ms, which cuts a graceful stop short.
 */
export function typescriptEntry(entry: string): [command: string, args: string[]] {
  return [process.execPath, ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, entry]];
}

/** Preloaded into every Node process a service runs, so it exits when the process that started it is gone. */
const parentWatch = path.join(repoRoot, "scripts/lib/parent-watch.cjs");

export interface Service {
  name: string;
  child: ChildProcess;
  /** SIGTERM to the service's process group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Print the service's output prefixed with its name (npm start) or keep it for failures only (tests). */
  echo?: boolean;
  /** More CommonJS files to preload into the service's Node processes (`--require`). */
  preload?: string[];
  /** Once aborted, no new service starts: a stack being stopped must not grow behind our back. */
  signal?: AbortSignal;
  /** Called when the service exits by itself (not through `stop()`), whatever its exit code. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Every service started by this process and not yet exited. */
const running = new Set<{ child: ChildProcess }>();

/**
 * Last resort when this process exits without having stopped its services (an uncaught error, a forced exit):
 * SIGKILL every service's process group, synchronously, as 'exit' handlers must be.
 */
export function killAllServices(): void {
  for (const { child } of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  running.clear();
}
process.on("exit", killAllServices);

/** NODE_OPTIONS with our preloads added to what the caller already had. Quoted: the repo path may hold spaces. */
function nodeOptions(preloads: string[], inherited: string | undefined): string {
  const requires = preloads.map((file) => `--require "${file.replace(/(["\\])/g, "\\$1")}"`);
  return [inherited ?? "", ...requires].filter(Boolean).join(" ");
}

/**
 * Starts a long-running child in its own process group so stopping it also stops what it spawned (esbuild under
 * the API, the bot and Vite). Being in its own group, the child gets no Ctrl+C from the terminal: the
 * caller stops it. If the caller dies without doing so (kill -9), the preloaded parent watch makes it exit.
 */
export function startService(name: string, command: string, args: string[], options: SpawnOptions = {}): Service {
  if (options.signal?.aborted) throw new Error(`${name} startas inte: stacken stoppas`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  env.NODE_OPTIONS = nodeOptions([parentWatch, ...(options.preload ?? [])], env.NODE_OPTIONS);
  env.NARAVARD_PARENT_PID = String(process.pid);
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const entry = { child };
  running.add(entry);
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    if (options.echo) {
      for (const line of text.split(/\r?\n/)) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
    } else {
      tail.push(text);
      if (tail.length > 200) tail.shift();
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let exited = false;
  let stopping = false;
  child.once("error", (err) => {
    exited = true;
    running.delete(entry);
    process.stderr.write(`[${name}] kunde inte startas: ${err.message}\n`);
  });
  child.once("exit", (code, signal) => {
    exited = true;
    running.delete(entry);
    if (stopping) return;
    // Exit code 0 too: a server that ends by itself has stopped serving, whatever it says.
    process.stderr.write(`[${name}] avslutades oväntat (kod ${code ?? signal}).\n${tail.join("").slice(-4000)}\n`);
    options.onExit?.(code, signal);
  });
  return {
    name,
    child,
    async stop(graceMs = 4000) {
      stopping = true;
      if (exited || child.pid === undefined) return;
      const pid = child.pid;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return; // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // exited between the check and the kill
        }
      }, graceMs);
      await gone;
      clearTimeout(timer);
      // The leader has exited; anything of its group still alive (a grandchild ignoring SIGTERM) goes now.
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // the whole group is gone, as it should be
      }
    },
  };
}
