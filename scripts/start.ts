// `npm start`: the whole app on this machine, on its embedded defaults, until Ctrl+C.
import { DEV_PORTS, startStack } from "./lib/stack.js";
import { DEMO_USERS } from "../api/src/contracts/routes.js";

async function main(): Promise<void> {
  process.stdout.write("Startar Nära vård i Teams lokalt (Azurite, API, bot, flikar, Agents Playground) …\n");
  const busy = await busyPorts();
  if (busy.length > 0) {
    process.stderr.write(`✖ Portarna ${busy.join(", ")} används redan. Stoppa det som kör där (kanske ett tidigare npm start) och försök igen.\n`);
    process.exit(1);
  }
  const stack = await startStack({ mode: "dev", echo: process.env.NARAVARD_QUIET !== "1" });
  // Everything binds to 127.0.0.1; `localhost` is what people type and what the README shows.
  const shown = (url: string | null) => url?.replace("//127.0.0.1:", "//localhost:") ?? null;
  const users = Object.values(DEMO_USERS).filter((u) => u !== DEMO_USERS.bot);
  const lines = [
    "",
    "Nära vård i Teams kör lokalt:",
    `  Portfölj (flik)      ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/portfolio`,
    `  Beslutslogg (flik)   ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/decisions`,
    `  Ärenden (flik)       ${shown(stack.tabsUrl) ?? "(flikarna saknas)"}/inquiries`,
    `  Chatta med boten     ${shown(stack.playgroundUrl) ?? "(boten saknas)"}   (Microsoft 365 Agents Playground, kanal msteams)`,
    `  API                  ${shown(stack.apiUrl)}   (t.ex. ${shown(stack.apiUrl)}/projects med rubriken x-dev-user)`,
    `  Bot                  ${shown(stack.botUrl) ?? "(saknas)"}`,
    `  Funktionsbrevlåda (SMTP) ${stack.smtp}   (post till naravard@rvn.se, t.ex. curl --mail-rcpt; se README)`,
    `  Azurite              tabeller :${DEV_PORTS.table}, köer :${DEV_PORTS.queue}   (data sparas i .data/azurite)`,
    "",
    "Demoanvändare (välj i flikens växlare eller med ?as=<e-post>):",
    ...users.map((u) => `  ${u}`),
    "",
    "Avsluta med Ctrl+C.",
    "",
  ];
  process.stdout.write(lines.join("\n"));
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write("\nStoppar …\n");
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

async function busyPorts(): Promise<number[]> {
  const net = await import("node:net");
  const ports = [DEV_PORTS.api, DEV_PORTS.bot, DEV_PORTS.tabs, DEV_PORTS.smtp, DEV_PORTS.table, DEV_PORTS.queue, DEV_PORTS.blob];
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
