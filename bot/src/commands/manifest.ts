import type { CommandDef, CommandScope } from "./types.js";

/**
 * The Teams manifest's command menu (`bots[0].commandLists`), derived from the registry. Teams shows at most 10
 * commands per scope (the bot-commands documentation; the schema's 12 is not what clients show), a title of at most
 * 32 characters and a description of at most 128; the schema asks for one list per scope.
 */
export const MANIFEST_SCOPES: readonly CommandScope[] = ["personal", "team", "groupChat"];
export const MAX_MENU_COMMANDS = 10;
export const MAX_TITLE_LENGTH = 32;
export const MAX_DESCRIPTION_LENGTH = 128;

export interface ManifestCommand {
  title: string;
  description: string;
}
export interface ManifestCommandList {
  scopes: CommandScope[];
  commands: ManifestCommand[];
}

/** The commands the menu offers in one scope: the lowest priorities first (registry order on a tie), at most 10. */
export function menuCommands(commands: readonly CommandDef[], scope: CommandScope): CommandDef[] {
  return commands
    .map((def, index) => ({ def, index }))
    .filter(({ def }) => !def.localOnly && def.scopes.includes(scope))
    .sort((a, b) => a.def.priority - b.def.priority || a.index - b.index)
    .slice(0, MAX_MENU_COMMANDS)
    .map(({ def }) => def);
}

function checked(def: CommandDef, title: string, description: string): ManifestCommand {
  if (title.length > MAX_TITLE_LENGTH) throw new Error(`Kommandot ${def.id}: titeln ”${title}” är längre än ${MAX_TITLE_LENGTH} tecken`);
  if (description.length > MAX_DESCRIPTION_LENGTH) throw new Error(`Kommandot ${def.id}: beskrivningen är längre än ${MAX_DESCRIPTION_LENGTH} tecken`);
  return { title, description };
}

/** `bots[0].commandLists` as the manifest holds it (Swedish, the default language). */
export function manifestCommandLists(commands: readonly CommandDef[]): ManifestCommandList[] {
  return MANIFEST_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: menuCommands(commands, scope).map((def) => checked(def, def.triggers.sv[0], def.description.sv)),
  })).filter((list) => list.commands.length > 0);
}

/** Key prefix of the command menu's entries in a localization file (en.json). */
export const COMMAND_LOCALIZATION_PREFIX = "bots[0].commandLists[";

/** The English menu, as `en.json` keys (`bots[0].commandLists[i].commands[j].title` / `.description`). */
export function manifestCommandLocalization(commands: readonly CommandDef[]): Record<string, string> {
  const out: Record<string, string> = {};
  const lists = MANIFEST_SCOPES.map((scope) => menuCommands(commands, scope)).filter((defs) => defs.length > 0);
  lists.forEach((defs, i) =>
    defs.forEach((def, j) => {
      const { title, description } = checked(def, def.triggers.en[0], def.description.en);
      out[`${COMMAND_LOCALIZATION_PREFIX}${i}].commands[${j}].title`] = title;
      out[`${COMMAND_LOCALIZATION_PREFIX}${i}].commands[${j}].description`] = description;
    }),
  );
  return out;
}
