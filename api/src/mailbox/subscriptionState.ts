import type { MetaRepository } from "../store/meta.js";
import { metaFolderRows } from "./folderRows.js";
import type { SubscriptionStore } from "./subscriptions.js";

/**
 * Each folder's Graph subscription, kept in the Meta table (`graphSubscription:inbox`, `…:sentitems`),
 * ETag-guarded (folderRows.ts): two overlapping timer runs cannot both record a subscription; the slower fails and
 * its subscription lapses unused, as Graph lets unrenewed ones do.
 */
export function tableSubscriptionStore(meta: MetaRepository): SubscriptionStore {
  const rows = metaFolderRows(meta, "graphSubscription");
  return {
    async get(folder) {
      const row = await rows.read(folder);
      return typeof row?.id === "string" && typeof row.expiresAt === "string" ? { id: row.id, expiresAt: row.expiresAt } : null;
    },
    set: (folder, record) => rows.write(folder, { id: record.id, expiresAt: record.expiresAt }),
  };
}
