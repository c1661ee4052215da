/**
 * Server-side search and sort of the portfolio (pure). The store keeps a lean index row per effort (`IndexRow`);
 * a search matches every word of the query against the folded text of what a person sees of an effort — name,
 * idea, parties (ids and reference names), the people — so "ange" finds "Ånge" and "paverkbar" finds "Påverkbar".
 */
import type { ProjectSortKey, ProjectStatus, StatusColour } from "../contracts/index.js";
import { ProjectStatusSchema } from "../contracts/index.js";
import { fold } from "./text.js";

export interface IndexRow {
  id: string;
  name: string;
  status: ProjectStatus;
  /** Folded name, idea, partners' free text and people; see `searchTextOf`. */
  searchText: string;
  leaderName: string;
  ownerOrganisationId: string;
  partyIds: string[];
  programAreaIds: string[];
  criteriaCount: number;
  colour: StatusColour | null;
  reportedAt: string | null;
}

export function searchTextOf(p: {
  name: string;
  description: string;
  partnersText?: string | undefined;
  projectLeader: { name: string; email?: string | undefined };
  projectOwner?: { name: string } | undefined;
  changeOwner?: { name: string } | undefined;
}): string {
  return fold([p.name, p.description, p.partnersText ?? "", p.projectLeader.name, p.projectLeader.email ?? "", p.projectOwner?.name ?? "", p.changeOwner?.name ?? ""].join(" \u0001 "));
}

/** The words of a query, folded; empty when the query has none. */
export function queryWords(q: string | undefined): string[] {
  return fold(q ?? "")
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** Every word must occur in the effort's text or in the name of one of its parties. */
export function matchesQuery(row: IndexRow, words: readonly string[], partyName: (id: string) => string): boolean {
  if (words.length === 0) return true;
  const haystack = `${row.searchText} ${row.partyIds.map((id) => `${id} ${fold(partyName(id))}`).join(" ")}`;
  return words.every((w) => haystack.includes(w));
}

const STATUS_ORDER = ProjectStatusSchema.options;
const COLOUR_RANK: Record<StatusColour, number> = { gron: 1, gul: 2, rod: 3 };

export interface SortLookups {
  partyName(id: string): string;
  programAreaNumber(id: string): number;
}

/**
 * Sorts as the portfolio table's columns read. Ties fall back to the id, which is the slug of the name: the same
 * order the unsorted list has, so paging is stable.
 */
export function sortRows(rows: IndexRow[], sort: ProjectSortKey, dir: "asc" | "desc", lookups: SortLookups): IndexRow[] {
  const key = (r: IndexRow): string | number => {
    switch (sort) {
      case "name":
        return r.id;
      case "parties":
        return fold(lookups.partyName(r.ownerOrganisationId));
      case "leader":
        return fold(r.leaderName);
      case "status":
        return STATUS_ORDER.indexOf(r.status);
      case "latestStatus":
        return r.colour ? COLOUR_RANK[r.colour] : 0;
      case "programAreas":
        return Math.min(99, ...r.programAreaIds.map((id) => lookups.programAreaNumber(id)));
      case "criteria":
        return r.criteriaCount;
    }
  };
  const factor = dir === "asc" ? 1 : -1;
  const keyed = rows.map((r) => ({ r, k: key(r) }));
  keyed.sort((a, b) => {
    const c = typeof a.k === "number" && typeof b.k === "number" ? a.k - b.k : String(a.k).localeCompare(String(b.k), "sv");
    return c * factor || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0);
  });
  return keyed.map((x) => x.r);
}
