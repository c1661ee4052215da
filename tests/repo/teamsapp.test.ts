import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "@jest/globals";

// Offline checks of the Teams Toolkit project: the Bicep CLI and the toolkit cannot run here, so we check
// what can be checked — the YAML against the toolkit's own schema, and that every value flows from somewhere.

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const placeholders = (text: string) => new Set([...text.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1] ?? ""));

type Action = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
type TeamsApp = { version: string; provision: Action[]; deploy: Action[]; publish: Action[] };

const teamsapp = parse(read("teamsapp.yml")) as TeamsApp;
const bicep = read("infra/azure.bicep");
const bicepOutputs = new Set([...bicep.matchAll(/^output\s+([A-Za-z0-9_]+)\s/gm)].map((m) => m[1] ?? ""));
const envFile = read("env/.env.dev");
const envKeys = new Set([...envFile.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1] ?? ""));
const written = new Set(
  [...teamsapp.provision, ...teamsapp.deploy, ...teamsapp.publish].flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {})),
);
/** Set by Teams Toolkit itself for every run. */
const builtIn = new Set(["TEAMSFX_ENV", "AAD_APP_ACCESS_AS_USER_PERMISSION_ID"]);

describe("teamsapp.yml", () => {
  it("validates against the Teams Toolkit YAML schema of its version", () => {
    const schemaPath = path.join(root, "node_modules/@microsoft/teamsfx-core/resource/yaml-schema", teamsapp.version, "yaml.schema.json");
    const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(teamsapp);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("reads only values that the env file, an earlier action or a Bicep output provides", () => {
    const known = new Set([...envKeys, ...written, ...bicepOutputs, ...builtIn]);
    const used = [
      ...placeholders(read("teamsapp.yml")),
      ...placeholders(read("infra/azure.parameters.json")),
      ...placeholders(read("infra/aad.manifest.json")),
      ...placeholders(read("appPackage/manifest.json")),
    ];
    expect(used.filter((name) => !known.has(name))).toEqual([]);
  });

  it("deploys what one `npm run package` builds: three folders, none of them the repository root", () => {
    const npm = teamsapp.deploy.filter((a) => a.uses === "cli/runNpmCommand").map((a) => a.with?.["args"]);
    expect(npm).toContain("run package");
    const rootPackage = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(rootPackage.scripts["package"]).toBeDefined();
    const folders = ["azureStorage/deploy", "azureFunctions/zipDeploy", "azureAppService/zipDeploy"].map((uses) => {
      const w = (teamsapp.deploy.find((a) => a.uses === uses)?.with ?? {}) as Record<string, string | undefined>;
      return path.posix.join(w["workingDirectory"] ?? ".", w["artifactFolder"] ?? ".");
    });
    expect(folders).toEqual(["build/deploy/tabs", "build/deploy/api", "build/deploy/bot"]);
  });

  it("installs packages with npm ci, exactly the lockfile's versions, before building", () => {
    const npm = teamsapp.deploy.filter((a) => a.uses === "cli/runNpmCommand").map((a) => (typeof a.with?.args === "string" ? a.with.args : ""));
    const install = npm.findIndex((args) => /^(ci|install|i)\b/.test(args));
    expect(npm[install]).toMatch(/^ci\b/);
    expect(install).toBeLessThan(npm.findIndex((args) => args.startsWith("run package")));
  });

  it("deploys to resources the Bicep template outputs", () => {
    const resourceIds = [...teamsapp.provision, ...teamsapp.deploy]
      .map((a) => a.with?.resourceId ?? a.with?.storageResourceId)
      .filter((v): v is string => typeof v === "string")
      .flatMap((v) => [...placeholders(v)]);
    expect(resourceIds.length).toBeGreaterThan(0);
    for (const id of resourceIds) expect(bicepOutputs).toContain(id);
  });
});

describe("infra/azure.bicep", () => {
  const params = [...bicep.matchAll(/^param\s+([A-Za-z0-9_]+)\s+\w+(\s*=.*)?$/gm)].map((m) => ({ name: m[1] ?? "", hasDefault: Boolean(m[2]) }));
  const supplied = JSON.parse(read("infra/azure.parameters.json")) as { parameters: Record<string, unknown> };

  it("gets every parameter without a default from azure.parameters.json", () => {
    expect(params.length).toBeGreaterThan(0);
    const missing = params.filter((p) => !p.hasDefault && !(p.name in supplied.parameters)).map((p) => p.name);
    expect(missing).toEqual([]);
  });

  it("supplies no parameter the template does not declare", () => {
    const declared = new Set(params.map((p) => p.name));
    expect(Object.keys(supplied.parameters).filter((name) => !declared.has(name))).toEqual([]);
  });

  it("keeps secrets out of outputs and marks the bot secret @secure", () => {
    expect(bicep).toMatch(/@secure\(\)[^\n]*\n(@[^\n]*\n)*param botEntraAppClientSecret/);
    for (const output of bicepOutputs) expect(output).not.toMatch(/SECRET|PASSWORD|KEY$/);
  });
});
