import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { connectionString, uniqueName } from "../helpers.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const main = path.resolve(here, "../../src/local/main.ts");

function run(env: Record<string, string>, onLine?: (line: string, child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", main], {
      env: { PATH: process.env["PATH"] ?? "", ...env },
      cwd: path.resolve(here, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      for (const line of d.toString().split("\n")) if (line) onLine?.(line, child);
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// Each case is a separate process; run them side by side.
describe("local host process", () => {
  it.concurrent("refuses to start in local mode on a non-loopback host, naming the setting", async () => {
    const r = await run({ NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true", API_HOST: "0.0.0.0" });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("API_HOST");
    expect(r.stderr).toContain("loopback");
  });

  it.concurrent("refuses to start without a connection string", async () => {
    const r = await run({ NARAVARD_MODE: "local" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("STORAGE_CONNECTION_STRING");
  });

  it.concurrent("starts, logs one ready line, serves, and stops cleanly on SIGTERM", async () => {
    let health: number | null = null;
    const r = await run(
      {
        NARAVARD_MODE: "local",
        STORAGE_CONNECTION_STRING: connectionString(),
        TABLE_PREFIX: uniqueName("t"),
        PROGRAM_ID: uniqueName("p"),
        NOTIFICATIONS_QUEUE: uniqueName("q"),
        API_PORT: "0",
        MAILBOX_SMTP_PORT: "0",
        SEED_ON_START: "false",
      },
      (line, child) => {
        const m = /^API lyssnar på (http:\/\/127\.0\.0\.1:\d+\/api)$/.exec(line);
        if (m?.[1]) {
          fetch(`${m[1]}/health`)
            .then((res) => {
              health = res.status;
            })
            .catch(() => {
              health = -1;
            })
            .finally(() => child.kill("SIGTERM"));
        }
      },
    );
    expect(r.stdout).toMatch(/^API lyssnar på http:\/\/127\.0\.0\.1:\d+\/api$/m);
    expect(r.stdout).toMatch(/^Funktionsbrevlåda \(SMTP\) 127\.0\.0\.1:\d+ tar emot post till naravard@rvn\.se$/m);
    expect(health).toBe(200);
    expect(r.code).toBe(0);
  });
});
