import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const binPath = (name: string): string => path.join(repoRoot, "node_modules", ".bin", name);

export interface Service {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Print the service's output prefixed with its name (npm start) or keep it for failures only (tests). */
  echo?: boolean;
}

/**
 * Starts a long-running child in its own process group so stopping it also stops what it spawned
 * (tsx, vite and the Playground all start grandchildren).
 */
export function startService(name: string, command: string, args: string[], options: SpawnOptions = {}): Service {
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
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
  child.once("exit", (code, signal) => {
    exited = true;
    if (!stopping && code !== 0) {
      process.stderr.write(`[${name}] avslutades oväntat (kod ${code ?? signal}).\n${tail.join("").slice(-4000)}\n`);
    }
  });
  let stopping = false;
  return {
    name,
    child,
    async stop() {
      stopping = true;
      if (exited || child.pid === undefined) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return; // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          // exited between the check and the kill
        }
      }, 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
