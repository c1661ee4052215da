import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { describe, expect, it } from "@jest/globals";
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";
import { COMMAND_LOCALIZATION_PREFIX, manifestCommandLists, manifestCommandLocalization } from "../../bot/src/commands/manifest.js";
import { COMMANDS } from "../../bot/src/commands/registry.js";

/**
 * The Teams app package, checked offline: manifest.json against the official schema bundled in
 * @microsoft/app-manifest (placeholders substituted with realistic values first), the localization
 * files against the bundled localization schema, and the icons' sizes from their PNG headers.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const appPackage = path.join(root, "appPackage");
const require = createRequire(import.meta.url);

/** Realistic values for the Teams Toolkit placeholders (what `teamsapp` fills in from env/.env.<env>). */
const placeholderValues: Record<string, string> = {
  TEAMS_APP_ID: "3f1c6a52-8d7e-4c1b-9f0a-5b2e7d4c8a11",
  BOT_ID: "b7e2d9c4-1a3f-4e5b-8c6d-0f9a2b3c4d5e",
  AAD_APP_CLIENT_ID: "c0ffee00-1234-4abc-9def-0123456789ab",
  TAB_DOMAIN: "naravard-tabs.azurestaticapps.net",
  TAB_ENDPOINT: "https://naravard-tabs.azurestaticapps.net",
  APP_NAME_SUFFIX: "-dev",
};

function readText(file: string): string {
  return fs.readFileSync(path.join(appPackage, file), "utf8");
}

function substitute(text: string): string {
  return text.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => {
    const value = placeholderValues[name];
    if (value === undefined) throw new Error(`manifest uses an unknown placeholder ${whole}`);
    return value;
  });
}

/** The schema that ships inside the package, read from disk: the test never touches the network. */
function bundledSchema(schemaUrl: string): object {
  const match = /json-schemas\/teams\/(v[\d.]+|vDevPreview)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/.exec(schemaUrl);
  if (!match) throw new Error(`not a Teams schema url: ${schemaUrl}`);
  const pkgDir = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = path.join(pkgDir, "build", "json-schemas", "teams", match[1]!, match[2]!);
  expect([`bundled schema ${file}`, fs.existsSync(file)]).toEqual([`bundled schema ${file}`, true]);
  const raw = fs.readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return JSON.parse(raw) as object;
}

/**
 * The localization schema's patterns are not valid as unicode regular expressions, which
 * `AppManifestUtils` compiles with; so it is compiled here with the same draft-04 Ajv that
 * @microsoft/app-manifest uses (resolved from that package), with non-unicode regular expressions.
 */
function compileLocalizationSchema(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null } {
  const fromManifestPkg = createRequire(require.resolve("@microsoft/app-manifest/package.json"));
  type AjvLike = { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
  const Ajv = (fromManifestPkg("ajv-draft-04") as { default: new (opts: object) => AjvLike }).default;
  const addFormats = (fromManifestPkg("ajv-formats") as { default: (ajv: AjvLike, formats: string[]) => void }).default;
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ["uri", "email", "regex"]);
  return ajv.compile(schema);
}

function pngSize(file: string): { width: number; height: number; colourType: number } {
  const buf = fs.readFileSync(path.join(appPackage, file));
  expect([`${file} is a PNG`, buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))]).toEqual([`${file} is a PNG`, true]);
  expect(buf.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colourType: buf.readUInt8(25) };
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  configurableTabs: Array<{ configurationUrl: string; scopes: string[] }>;
  staticTabs: Array<{ entityId: string; name?: string; contentUrl?: string; scopes: string[] }>;
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}

const rawManifest = readText("manifest.json");
const manifest = JSON.parse(substitute(rawManifest)) as Manifest;

describe("Teams app manifest", () => {
  it("uses a current schema version (1.19 or newer) bundled with @microsoft/app-manifest", () => {
    const [major, minor] = manifest.manifestVersion.split(".").map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(19);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it("uses the Teams Toolkit placeholders", () => {
    for (const name of Object.keys(placeholderValues)) expect(rawManifest).toContain(`\${{${name}}}`);
  });

  it("validates against the official schema, offline", async () => {
    const schema = bundledSchema(manifest.$schema);
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema as never);
    expect(errors).toEqual([]);
  });

  it("a broken manifest fails the same validation (the check is real)", async () => {
    const schema = bundledSchema(manifest.$schema);
    const broken = { ...manifest, id: "not-a-guid", accentColor: undefined };
    const errors = await AppManifestUtils.validateAgainstSchema(broken as unknown as AppManifest, schema as never);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("is Swedish first, with the bot, tabs and SSO the app needs", () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toMatch(/^sv/);
    expect(manifest.name.short).toMatch(/Nära vård/);
    expect(manifest.description.full.length).toBeGreaterThan(manifest.description.short.length);

    const bot = manifest.bots[0]!;
    expect(bot.botId).toBe(placeholderValues.BOT_ID);
    expect(bot.scopes).toEqual(expect.arrayContaining(["personal", "team", "groupChat"]));
    const commands = bot.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(commands).toEqual(expect.arrayContaining(["hjälp", "portfölj", "projekt", "ansök", "programkontor"]));

    expect(manifest.configurableTabs[0]!.configurationUrl).toBe(`${placeholderValues.TAB_ENDPOINT}/config`);
    const tabs = Object.fromEntries(manifest.staticTabs.map((t) => [t.entityId, t]));
    expect(tabs.portfolio?.contentUrl).toBe(`${placeholderValues.TAB_ENDPOINT}/portfolio`);
    expect(tabs.portfolio?.name).toBe("Portfölj");
    expect(tabs.decisions?.contentUrl).toBe(`${placeholderValues.TAB_ENDPOINT}/decisions`);
    expect(tabs.decisions?.name).toBe("Beslutslogg");

    expect(manifest.validDomains).toContain(placeholderValues.TAB_DOMAIN);
    expect(manifest.webApplicationInfo.id).toBe(placeholderValues.AAD_APP_CLIENT_ID);
    expect(manifest.webApplicationInfo.resource).toBe(`api://${placeholderValues.TAB_DOMAIN}/${placeholderValues.AAD_APP_CLIENT_ID}`);
  });

  it("offers the command menu the bot's command registry gives", () => {
    // bot/src/commands/registry.ts is the one list of commands; the manifest's menu is generated from it.
    expect(["stale: run `npm run manifest:commands -w bot`", manifest.bots[0]!.commandLists]).toEqual(["stale: run `npm run manifest:commands -w bot`", manifestCommandLists(COMMANDS)]);
    for (const list of manifest.bots[0]!.commandLists) expect(list.commands.length).toBeLessThanOrEqual(10);
  });

  it("has a colour icon of 192×192 and a 32×32 outline icon with transparency", () => {
    expect(pngSize(manifest.icons.color)).toMatchObject({ width: 192, height: 192 });
    const outline = pngSize(manifest.icons.outline);
    expect(outline).toMatchObject({ width: 32, height: 32 });
    expect(outline.colourType).toBe(6); // RGBA: the outline sits on a transparent background
  });

  it("keeps the icon generator next to the icons", () => {
    expect(fs.existsSync(path.join(appPackage, "icons", "generate-icons.mjs"))).toBe(true);
  });

  describe.each(manifest.localizationInfo.additionalLanguages.map((l) => [l.languageTag, l.file] as const))("localization %s (%s)", (tag, file) => {
    const localization = JSON.parse(readText(file)) as Record<string, string>;

    it("validates against the bundled localization schema", () => {
      expect(tag).toBe("en");
      const validate = compileLocalizationSchema(bundledSchema(localization.$schema!));
      const valid = validate(localization);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(compileLocalizationSchema(bundledSchema(localization.$schema!))({ ...localization, "name.short": "x".repeat(31) })).toBe(false);
    });

    it("translates the command menu as the bot's command registry gives it", () => {
      const commandKeys = Object.fromEntries(Object.entries(localization).filter(([k]) => k.startsWith(COMMAND_LOCALIZATION_PREFIX)));
      expect(["stale: run `npm run manifest:commands -w bot`", commandKeys]).toEqual(["stale: run `npm run manifest:commands -w bot`", manifestCommandLocalization(COMMANDS)]);
    });

    it("translates every static tab name the manifest has", () => {
      manifest.staticTabs.forEach((tab, i) => {
        if (tab.name) expect([`staticTabs[${i}].name`, Boolean(localization[`staticTabs[${i}].name`])]).toEqual([`staticTabs[${i}].name`, true]);
      });
    });
  });
});
