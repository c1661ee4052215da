/** What every page needs: the API client, the signed-in user and the reference data. */
import { createContext, useContext } from "react";
import type { Me, Permission, ReferenceData } from "@naravard/api/contracts";
import type { ApiClient } from "./api";
import type { Host } from "./teams/host";

type Item = { id: string; name: string; nameEn?: string; active?: boolean; sortOrder?: number; number?: number };

/** Reference lists sorted for display, and lookups by id. */
export interface Lookups {
  parties: ReferenceData["parties"];
  programAreas: ReferenceData["programAreas"];
  criteria: ReferenceData["criteria"];
  subGoals: ReferenceData["subGoals"];
  targetGroups: ReferenceData["targetGroups"];
  benefitObjects: ReferenceData["benefitObjects"];
  bodies: ReferenceData["bodies"];
  party: (id: string) => ReferenceData["parties"][number] | undefined;
  programArea: (id: string) => ReferenceData["programAreas"][number] | undefined;
  criterion: (id: string) => ReferenceData["criteria"][number] | undefined;
  subGoal: (id: string) => ReferenceData["subGoals"][number] | undefined;
  targetGroup: (id: string) => ReferenceData["targetGroups"][number] | undefined;
  benefitObject: (id: string) => ReferenceData["benefitObjects"][number] | undefined;
  body: (id: string) => ReferenceData["bodies"][number] | undefined;
}

function sorted<T extends Item>(items: T[]): T[] {
  return [...items].sort(
    (a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || (a.number ?? 0) - (b.number ?? 0) || a.name.localeCompare(b.name, "sv"),
  );
}

function finder<T extends Item>(items: T[]): (id: string) => T | undefined {
  const map = new Map(items.map((i) => [i.id, i]));
  return (id) => map.get(id);
}

export function buildLookups(ref: ReferenceData): Lookups {
  const parties = sorted(ref.parties).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "party" ? -1 : 1));
  return {
    parties,
    programAreas: sorted(ref.programAreas),
    criteria: sorted(ref.criteria).sort((a, b) => Number(b.mandatory) - Number(a.mandatory)),
    subGoals: sorted(ref.subGoals),
    targetGroups: sorted(ref.targetGroups),
    benefitObjects: sorted(ref.benefitObjects),
    bodies: sorted(ref.bodies),
    party: finder(ref.parties),
    programArea: finder(ref.programAreas),
    criterion: finder(ref.criteria),
    subGoal: finder(ref.subGoals),
    targetGroup: finder(ref.targetGroups),
    benefitObject: finder(ref.benefitObjects),
    body: finder(ref.bodies),
  };
}

export interface AppContextValue {
  host: Host;
  api: ApiClient;
  me: Me;
  reference: ReferenceData;
  lookups: Lookups;
  can: (permission: Permission) => boolean;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp outside <AppContext.Provider>");
  return value;
}
