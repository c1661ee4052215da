import type { MetaRepository } from "../store/meta.js";
import type { DeltaStateStore, GraphFolder } from "./graphDelta.js";

/**
 * The Graph reader's place in each folder, kept in the Meta table (`graphDelta:inbox`, `graphDelta:sentitems`).
 * Writes carry the ETag of the row this reader read, so if two timer runs ever overlap, the slower one fails
 * (ConcurrencyError) instead of moving the link backwards; the mail it read is harmless, the sink being idempotent.
 */
export function tableDeltaState(meta: MetaRepository): DeltaStateStore {
  const etags = new Map<GraphFolder, string>();
  const rowName = (folder: GraphFolder) => `graphDelta:${folder}`;

  const write = async (folder: GraphFolder, link: string) => {
    const etag = await meta.put(rowName(folder), { link }, etags.get(folder));
    etags.set(folder, etag);
  };

  return {
    async get(folder) {
      const row = await meta.get(rowName(folder));
      if (!row) {
        etags.delete(folder);
        return null;
      }
      etags.set(folder, row.etag);
      return typeof row.link === "string" && row.link !== "" ? row.link : null;
    },
    set: write,
    // An empty link, not a deleted row: the ETag chain stays intact for the next write.
    clear: (folder) => write(folder, ""),
  };
}
