import type { MetaRepository } from "../store/meta.js";
import { metaFolderRows } from "./folderRows.js";
import type { DeltaStateStore } from "./graphDelta.js";

/**
 * The Graph reader's place in each folder, kept in the Meta table (`graphDelta:inbox`, `graphDelta:sentitems`),
 * ETag-guarded (folderRows.ts): if two timer runs ever overlap, the slower one fails instead of moving the link
 * backwards; the mail it read is harmless, the sink being idempotent.
 */
export function tableDeltaState(meta: MetaRepository): DeltaStateStore {
  const rows = metaFolderRows(meta, "graphDelta");
  return {
    async get(folder) {
      const row = await rows.read(folder);
      return typeof row?.link === "string" && row.link !== "" ? row.link : null;
    },
    set: (folder, link) => rows.write(folder, { link }),
    // An empty link, not a deleted row: the ETag chain stays intact for the next write.
    clear: (folder) => rows.write(folder, { link: "" }),
  };
}
