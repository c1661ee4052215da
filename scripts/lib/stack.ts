import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAzurite, type RunningAzurite } from "./azurite.js";
import { freePorts, waitForHttp, waitForPort } from "./ports.js";
import { binPath, repoRoot, startService, type Service } from "./processes.js";

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
}

export interface RunningStack {
  storageConnectionString: string;
  apiUrl: string;
  botUrl: string | null;
  tabsUrl: string | null;
  playgroundUrl: string | null;
  stop(): Promise<void>;
}

export const DEV_PORTS = { api: 7071, bot: 3978, tabs: 53000, playground: 56150, table: 10002, queue: 10001, blob: 10000 } as const;

const entries = {
  api: path.join(repoRoot, "api/src/local/main.ts"),
  bot: path.join(repoRoot, "bot/src/main.ts"),
  tabs: path.join(repoRoot, "tabs/vite.config.ts"),
  playgroundConfig: path.join(repoRoot, "bot/playground/.m365agentsplayground.yml"),
};

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const dev = options.mode === "dev";
  const echo = options.echo ?? false;
  const services: Service[] = [];
  let azurite: RunningAzurite | undefined;
  const stopAll = async () => {
    for (const s of services.reverse()) await s.stop();
    await azurite?.stop();
  };
  try {
    azurite = await startAzurite(
      dev
        ? { location: path.join(repoRoot, ".data/azurite"), tablePort: DEV_PORTS.table, queuePort: DEV_PORTS.queue, blobPort: DEV_PORTS.blob, echo: false }
        : {},
    );
    const ports = dev
      ? { ...DEV_PORTS }
      : await freePorts(4).then(([api = 0, bot = 0, tabs = 0, playground = 0]) => ({ api, bot, tabs, playground }));
    const apiOrigin = `http://127.0.0.1:${ports.api}`;
    const apiUrl = `${apiOrigin}/api`;
    const want = (part: "bot" | "tabs" | "playground") => !(options.without ?? []).includes(part);
    // Production is the default of both API and bot; the local stack asks for local mode (demo users, no tokens),
    // which each of them accepts only on loopback.
    const common = { NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: azurite.connectionString, PROGRAM_ID: "gnv" };

    const api = startService("api", binPath("tsx"), [entries.api], {
      echo,
      env: { ...common, API_HOST: "127.0.0.1", API_PORT: String(ports.api), SEED_ON_START: "true" },
    });
    services.push(api);

    const tabsUrl = `http://localhost:${ports.tabs}`;
    let tabs: Service | null = null;
    if (want("tabs") && fs.existsSync(entries.tabs)) {
      tabs = startService("tabs", binPath("vite"), ["--port", String(ports.tabs), "--strictPort", "--host", "127.0.0.1"], {
        echo,
        cwd: path.join(repoRoot, "tabs"),
        env: { API_PROXY_TARGET: apiOrigin, VITE_LOCAL_MODE: "true" },
      });
      services.push(tabs);
    }

    await waitForHttp(`${apiUrl}/health`);

    let botUrl: string | null = null;
    if (want("bot") && fs.existsSync(entries.bot)) {
      botUrl = `http://127.0.0.1:${ports.bot}/api/messages`;
      services.push(
        startService("bot", binPath("tsx"), [entries.bot], {
          echo,
          env: {
            ...common,
            BOT_HOST: "127.0.0.1",
            BOT_PORT: String(ports.bot),
            API_BASE_URL: apiUrl,
            TABS_BASE_URL: tabsUrl,
            LOCAL_DEMO_USER: options.playgroundUser ?? "programledare@naravard.test",
            // Tests get a journal of their own so runs never see each other's (or the developer's) deliveries.
            NOTIFICATION_JOURNAL_PATH: dev
              ? path.join(repoRoot, ".data/bot/notification-journal.jsonl")
              : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "naravard-bot-")), "notification-journal.jsonl"),
          },
        }),
      );
      await waitForPort(ports.bot);
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
            cwd,
            env: { BROWSER: "none", NODE_OPTIONS: `--require ${path.join(repoRoot, "scripts/lib/loopback-only.cjs")}` },
          },
        ),
      );
      await waitForHttp(playgroundUrl);
    }
    if (tabs) await waitForHttp(tabsUrl);

    return {
      storageConnectionString: azurite.connectionString,
      apiUrl,
      botUrl,
      tabsUrl: tabs ? tabsUrl : null,
      playgroundUrl,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
