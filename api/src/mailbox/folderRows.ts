import type { EntityResult } from "../store/table.js";
import type { MetaRepository } from "../store/meta.js";
import type { GraphFolder } from "./graphDelta.js";

/**
 * One Meta row per mailbox folder (`<prefix>:inbox`, `<prefix>:sentitems`), each write carrying the ETag of the row
 * this process read last: if two timer runs ever overlap, the slower write fails (ConcurrencyError) instead of
 * overwriting what the other recorded. The delta links and the Graph subscriptions are kept this way.
 */
export function metaFolderRows(meta: MetaRepository, prefix: string) {
  const etags = new Map<GraphFolder, string>();
  const rowName = (folder: GraphFolder) => `${prefix}:${folder}`;
  return {
    async read(folder: GraphFolder): Promise<EntityResult | null> {
      const row = await meta.get(rowName(folder));
      if (row) etags.set(folder, row.etag);
      else etags.delete(folder);
      return row;
    },
    async write(folder: GraphFolder, values: Record<string, string>): Promise<void> {
      etags.set(folder, await meta.put(rowName(folder), values, etags.get(folder)));
    },
  };
}
