import type { Locale } from "@naravard/api/contracts";
import type { CommandDef } from "./types.js";

export interface HelpEntry {
  command: string;
  description: string;
}

/** What the help card lists: every command there is in this mode (local-only tooling in local mode only). */
export function helpEntries(commands: readonly CommandDef[], locale: Locale, mode: "local" | "production"): HelpEntry[] {
  return commands
    .filter((c) => !c.localOnly || mode === "local")
    .map((c) => ({ command: c.usage?.[locale] ?? c.triggers[locale][0], description: c.description[locale] }));
}
