/**
 * ProjectTerms table — the inverted index behind "similar projects" (PP 6.2).
 *
 * Keys: PartitionKey = `${programId}|${stem}`, RowKey = projectId. Property: weight (the effort's normalised term
 * weight). A similarity query reads only the partitions of its own (≤ 30) stems; the number of rows in a partition
 * is the term's document frequency. Maintained on create, on edits of name/description and by the seed.
 */
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import type { Posting } from "../domain/similarity.js";
import { deleteIfPresent, mapLimit, readPage } from "./table.js";

/** Stems are folded `[\p{L}\p{N}]` runs; keep only what is safe in a key. */
const SAFE_TERM = /^[a-z0-9\p{L}]{1,100}$/u;

export class TermsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private pk(term: string): string {
    return `${this.programId}|${term}`;
  }

  async upsert(projectId: string, weights: ReadonlyMap<string, number>): Promise<void> {
    const entries = [...weights.entries()].filter(([t]) => SAFE_TERM.test(t));
    await mapLimit(entries, 16, ([term, weight]) =>
      this.client.upsertEntity({ partitionKey: this.pk(term), rowKey: projectId, weight }, "Replace"),
    );
  }

  async remove(projectId: string, terms: readonly string[]): Promise<void> {
    await mapLimit(
      terms.filter((t) => SAFE_TERM.test(t)),
      16,
      (term) => deleteIfPresent(this.client, this.pk(term), projectId),
    );
  }

  /** Postings of each term (at most `perTerm` efforts per term). */
  async postings(terms: readonly string[], perTerm = 1000): Promise<Map<string, Posting[]>> {
    const safe = terms.filter((t) => SAFE_TERM.test(t));
    const lists = await mapLimit(safe, 10, async (term) => {
      const page = await readPage(this.client, odata`PartitionKey eq ${this.pk(term)}`, perTerm, undefined, (e) => ({
        projectId: e.rowKey ?? "",
        weight: typeof e["weight"] === "number" ? e["weight"] : 0,
      }));
      return [term, page.items] as const;
    });
    return new Map(lists.map(([t, items]) => [t, items]));
  }
}
