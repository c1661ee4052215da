import type { Services } from "../app.js";
import { defineRoute } from "../http/pipeline.js";
import { loadMailboxConfig } from "../mailbox/config.js";
import { tableDeltaState } from "../mailbox/deltaState.js";
import { answerNotification, MAX_NOTIFICATION_BYTES } from "../mailbox/notifications.js";
import { graphMailboxNotifications, type GraphNotifications } from "../mailbox/start.js";
import { tableSubscriptionStore } from "../mailbox/subscriptionState.js";

/**
 * One notification wiring per process (the coalescing of syncs lives in it); null in local mode and without
 * MAILBOX_NOTIFICATION_URL. Shared by the route and the `mailboxSync` timer that keeps the subscriptions.
 */
const wired = new WeakMap<Services, GraphNotifications | null>();

export function mailboxNotificationsFor(services: Services): GraphNotifications | null {
  if (!wired.has(services)) {
    const notifications =
      services.config.mode === "production"
        ? graphMailboxNotifications(loadMailboxConfig(services.config.mode), {
            sink: (c) => services.inquiries.receive(c),
            clock: services.clock,
            logger: services.log,
            state: tableDeltaState(services.repos.meta),
            subscriptions: tableSubscriptionStore(services.repos.meta),
          })
        : null;
    wired.set(services, notifications);
  }
  return wired.get(services) ?? null;
}

export const mailboxRoutes = [
  /**
   * `POST /api/mailbox/notifications`: Graph's change notifications on the shared mailbox. Anonymous, as Graph calls
   * it without a token; it answers the validation handshake and otherwise only ever says 202 (see notifications.ts).
   */
  defineRoute("mailboxNotifications", {
    access: "public",
    handler: async ({ http }, s) => {
      const validationToken = http.query.get("validationToken");
      const declared = Number(http.headers.get("content-length") ?? "0");
      // The handshake is answered without reading the body; an oversized body is not Graph and is not read.
      const body = validationToken !== null || declared > MAX_NOTIFICATION_BYTES ? "" : await http.text();
      const answer = await answerNotification({ validationToken, body }, mailboxNotificationsFor(s)?.target ?? null, s.log);
      return { status: answer.status, headers: answer.headers, body: answer.body };
    },
  }),
];
