import type { MetaRepository } from "../store/meta.js";
import type { GraphFolder } from "./graphDelta.js";
import type { SubscriptionRecord, SubscriptionStore } from "./subscriptions.js";

/**
 * Each folder's Graph subscription, kept in the Meta table (`graphSubscription:inbox`, `…:sentitems`). Writes carry
 * the ETag of the row read, so two overlapping timer runs cannot both record a subscription: the slower fails
 * (ConcurrencyError) and its subscription lapses unused, as Graph lets unrenewed ones do.
 */
export function tableSubscriptionStore(meta: MetaRepository): SubscriptionStore {
  const etags = new Map<GraphFolder, string>();
  const rowName = (folder: GraphFolder) => `graphSubscription:${folder}`;
  return {
    async get(folder) {
      const row = await meta.get(rowName(folder));
      if (!row) {
        etags.delete(folder);
        return null;
      }
      etags.set(folder, row.etag);
      return typeof row.id === "string" && typeof row.expiresAt === "string" ? { id: row.id, expiresAt: row.expiresAt } : null;
    },
    async set(folder, record: SubscriptionRecord) {
      etags.set(folder, await meta.put(rowName(folder), { id: record.id, expiresAt: record.expiresAt }, etags.get(folder)));
    },
  };
}
