import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAzurite, type RunningAzurite } from "./azurite.js";
import { freePorts, waitForHttp, waitForPort } from "./ports.js";
import { binPath, repoRoot, startService, typescriptEntry, type Service } from "./processes.js";

/**
 * The whole local stack: Azurite, API, bot, tabs and the Agents Playground. `npm start` runs it on the
 * documented ports with data kept in `.data/`; the end-to-end tests run it on free ports in memory.
 */
export interface StackOptions {
  /** `dev`: fixed ports, persistent Azurite in `.data/azurite`. `test`: free ports, in-memory. */
  mode: "dev" | "test";
  echo?: boolean;
  /** The demo user the Playground's user acts as. */
  playgroundUser?: string;
  /** Leave out parts (e.g. a test that needs only API and tabs). */
  without?: Array<"bot" | "tabs" | "playground">;
  /** `dev` only: ports other than the documented ones. */
  ports?: Partial<StackPorts>;
  /** `dev` only: where Azurite and the bot keep their data (default `.data/` in the repo). */
  dataDir?: string;
  /** Aborting stops starting: what was started is stopped and the returned promise rejects. */
  signal?: AbortSignal;
  /** A part ended by itself (crashed, or exited as if done): `npm start` then stops the rest. */
  onPartExit?: (part: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface StackPorts {
  api: number;
  bot: number;
  tabs: number;
  playground: number;
  /** The API's stand-in for the shared mailbox (SMTP on loopback). */
  smtp: number;
  table: number;
  queue: number;
  blob: number;
}

export interface RunningStack {
  storageConnectionString: string;
  apiUrl: string;
  botUrl: string | null;
  tabsUrl: string | null;
  playgroundUrl: string | null;
  /** The ports in use, Azurite's and the local mailbox's (SMTP) included. */
  ports: StackPorts;
  /** The shared mailbox's local stand-in (SMTP), `127.0.0.1:port`. */
  smtp: string;
  /** Stops every part and resolves when all have exited (within about 7 s: SIGKILL for what lingers). */
  stop(): Promise<void>;
}

export const DEV_PORTS: Readonly<StackPorts> = { api: 7071, bot: 3978, tabs: 53000, playground: 56150, smtp: 2525, table: 10002, queue: 10001, blob: 10000 };
export const DEV_DATA_DIR = path.join(repoRoot, ".data");

const entries = {
  api: path.join(repoRoot, "api/src/local/main.ts"),
  bot: path.join(repoRoot, "bot/src/main.ts"),
  tabs: path.join(repoRoot, "tabs/vite.config.ts"),
  playgroundConfig: path.join(repoRoot, "bot/playground/.m365agentsplayground.yml"),
};

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const dev = options.mode === "dev";
  const echo = options.echo ?? false;
  const { signal } = options;
  const dataDir = options.dataDir ?? DEV_DATA_DIR;
  const services: Service[] = [];
  let azurite: RunningAzurite | undefined;
  const onExit = (part: string) => (code: number | null, signal: NodeJS.Signals | null) => options.onPartExit?.(part, code, signal);
  // The API, bot, tabs and Playground together, then Azurite (so the others never see storage vanish first):
  // at most about 4 s + 3 s even when something ignores SIGTERM.
  const stopAll = async () => {
    await Promise.all(services.map((s) => s.stop(4000)));
    await azurite?.stop(3000);
  };
  try {
    const devPorts = { ...DEV_PORTS, ...options.ports };
    azurite = await startAzurite(
      dev
        ? { location: path.join(dataDir, "azurite"), tablePort: devPorts.table, queuePort: devPorts.queue, blobPort: devPorts.blob, echo: false, signal, onExit: onExit("azurite") }
        : { signal, onExit: onExit("azurite") },
    );
    const ports: StackPorts = dev
      ? devPorts
      : await freePorts(5).then(([api = 0, bot = 0, tabs = 0, playground = 0, smtp = 0]) => ({
          api,
          bot,
          tabs,
          playground,
          smtp,
          table: azurite?.tablePort ?? 0,
          queue: azurite?.queuePort ?? 0,
          blob: azurite?.blobPort ?? 0,
        }));
    const apiOrigin = `http://127.0.0.1:${ports.api}`;
    const apiUrl = `${apiOrigin}/api`;
    const want = (part: "bot" | "tabs" | "playground") => !(options.without ?? []).includes(part);
    // Production is the default of both API and bot; the local stack asks for local mode (demo users, no tokens),
    // which each of them accepts only on loopback.
    const common = { NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: azurite.connectionString, PROGRAM_ID: "gnv" };

    const api = startService("api", ...typescriptEntry(entries.api), {
      echo,
      signal,
      onExit: onExit("api"),
      // The API also runs the shared mailbox's SMTP stand-in; it announces itself only once both listen.
      env: { ...common, API_HOST: "127.0.0.1", API_PORT: String(ports.api), SEED_ON_START: "true", MAILBOX_SMTP_HOST: "127.0.0.1", MAILBOX_SMTP_PORT: String(ports.smtp) },
    });
    services.push(api);

    const tabsUrl = `http://localhost:${ports.tabs}`;
    let tabs: Service | null = null;
    if (want("tabs") && fs.existsSync(entries.tabs)) {
      tabs = startService("tabs", binPath("vite"), ["--port", String(ports.tabs), "--strictPort", "--host", "127.0.0.1"], {
        echo,
        signal,
        onExit: onExit("tabs"),
        cwd: path.join(repoRoot, "tabs"),
        env: { API_PROXY_TARGET: apiOrigin, VITE_LOCAL_MODE: "true" },
      });
      services.push(tabs);
    }

    await waitForHttp(`${apiUrl}/health`, { signal });

    let botUrl: string | null = null;
    if (want("bot") && fs.existsSync(entries.bot)) {
      botUrl = `http://127.0.0.1:${ports.bot}/api/messages`;
      services.push(
        startService("bot", ...typescriptEntry(entries.bot), {
          echo,
          signal,
          onExit: onExit("bot"),
          env: {
            ...common,
            BOT_HOST: "127.0.0.1",
            BOT_PORT: String(ports.bot),
            API_BASE_URL: apiUrl,
            TABS_BASE_URL: tabsUrl,
            LOCAL_DEMO_USER: options.playgroundUser ?? "programledare@naravard.test",
            // Tests get a journal of their own so runs never see each other's (or the developer's) deliveries.
            NOTIFICATION_JOURNAL_PATH: dev
              ? path.join(dataDir, "bot", "notification-journal.jsonl")
              : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "naravard-bot-")), "notification-journal.jsonl"),
          },
        }),
      );
      await waitForPort(ports.bot, { signal });
    }

    let playgroundUrl: string | null = null;
    if (botUrl && want("playground")) {
      playgroundUrl = `http://127.0.0.1:${ports.playground}`;
      const cwd = fs.existsSync(entries.playgroundConfig) ? path.dirname(entries.playgroundConfig) : repoRoot;
      services.push(
        startService(
          "playground",
          binPath("agentsplayground"),
          ["start", "--app-endpoint", botUrl, "--channel-id", "msteams", "--port", String(ports.playground), "--disable-telemetry"],
          {
            echo,
            signal,
            onExit: onExit("playground"),
            cwd,
            // The Playground opens a browser with xdg-open once listening, and exits 1 where there is none (a
            // server, a fresh machine). Only this variable stops it; it ignores BROWSER.
            env: { TEAMSAPPTESTER_BROWSER: "none" },
            preload: [path.join(repoRoot, "scripts/lib/loopback-only.cjs")],
          },
        ),
      );
      await waitForHttp(playgroundUrl, { signal });
    }
    if (tabs) await waitForHttp(tabsUrl, { signal });

    return {
      storageConnectionString: azurite.connectionString,
      apiUrl,
      botUrl,
      tabsUrl: tabs ? tabsUrl : null,
      playgroundUrl,
      ports,
      smtp: `127.0.0.1:${ports.smtp}`,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
