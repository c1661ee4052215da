import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";

// `npm ci` (setup, teamsapp.yml's deploy) installs from package-lock.json alone and refuses a lockfile that does
// not match the manifests; `npm install` rewrites one that lacks packages, leaving a fresh clone's tree dirty.

const root = path.resolve(import.meta.dirname, "../..");
const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as T;

type Deps = Record<string, string>;
type LockEntry = { dependencies?: Deps; devDependencies?: Deps; optionalDependencies?: Deps; peerDependencies?: Deps };
type Manifest = { workspaces?: string[]; dependencies?: Deps; devDependencies?: Deps; optionalDependencies?: Deps };

const lock = readJson<{ lockfileVersion: number; packages: Record<string, LockEntry> }>("package-lock.json");
const rootManifest = readJson<Manifest>("package.json");

/** Where Node would find `name` from the package installed at `from` (a lockfile key): its own, then each parent's node_modules. */
function resolves(from: string, name: string): boolean {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (base === "") return false;
    const nested = base.lastIndexOf("/node_modules/");
    base = nested >= 0 ? base.slice(0, nested) : "";
  }
}

describe("package-lock.json", () => {
  it("is a version 3 lockfile with every workspace", () => {
    expect(lock.lockfileVersion).toBe(3);
    for (const workspace of rootManifest.workspaces ?? []) expect(lock.packages).toHaveProperty([workspace]);
  });

  it("records each manifest's dependencies exactly as the manifest asks for them", () => {
    for (const [key, file] of [["", "package.json"], ...(rootManifest.workspaces ?? []).map((w) => [w, `${w}/package.json`])] as const) {
      const manifest = readJson<Manifest>(file);
      const entry = lock.packages[key] ?? {};
      for (const field of ["dependencies", "devDependencies", "optionalDependencies"] as const) {
        expect([`${file} ${field}`, entry[field] ?? {}]).toEqual([`${file} ${field}`, manifest[field] ?? {}]);
      }
    }
  });

  it("holds every platform's build of the packages that ship one per platform (rollup, esbuild, …)", () => {
    const missing: string[] = [];
    let optional = 0;
    for (const [key, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        optional += 1;
        if (!resolves(key, name)) missing.push(`${key || "(root)"} → ${name}`);
      }
    }
    expect(optional).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
