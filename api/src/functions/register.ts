import type { HttpHandler, HttpMethod, InvocationContext, Timer } from "@azure/functions";
import type { Services } from "../app.js";
import { ApiErrors } from "../http/errors.js";
import { localeOf, runRoute, type RouteDef } from "../http/pipeline.js";
import { errorResponse } from "../http/response.js";
import { loadMailboxConfig } from "../mailbox/config.js";
import { tableDeltaState } from "../mailbox/deltaState.js";
import { graphMailboxSync } from "../mailbox/start.js";
import { mailboxNotificationsFor } from "./mailbox.js";

/** The part of `@azure/functions`' `app` we use, so registration can be tested without the Functions host. */
export interface FunctionsApp {
  http(name: string, options: { methods: HttpMethod[]; route: string; authLevel: "anonymous"; handler: HttpHandler }): void;
  timer(name: string, options: { schedule: string; handler: (timer: Timer, context: InvocationContext) => Promise<void> }): void;
}

/**
 * Registers every route of the table (authLevel anonymous: authentication is ours), the outbox sweep timer, the
 * escalation reminder timer, the risk review reminder timer, the survey sweep timer, the inquiry sweep and the Graph
 * mailbox reader.
 */
export function registerFunctions(app: FunctionsApp, table: readonly RouteDef[], getServices: () => Promise<Services>): void {
  // Local-only routes (demo clock, …) never exist in Azure.
  for (const def of table.filter((d) => !d.localOnly)) {
    app.http(def.name, {
      methods: def.methods,
      route: def.route,
      authLevel: "anonymous",
      handler: async (req, ctx) => {
        let services: Services;
        try {
          services = await getServices();
        } catch (error) {
          // Storage unreachable at start, etc.: still the one error shape, details only in the log.
          ctx.error("API:t kunde inte starta", error);
          return errorResponse(ApiErrors.internal(), localeOf(req));
        }
        return runRoute(def, req, ctx, services);
      },
    });
  }
  app.timer("outboxSweep", {
    schedule: "*/30 * * * * *",
    handler: async (_timer, ctx) => {
      const result = await (await getServices()).outbox.sweep();
      if (result.applied + result.dropped + result.failed > 0) ctx.log("outbox sweep", result);
    },
  });
  // Holders who have not acknowledged within the program's working days are reminded once per level.
  app.timer("escalationReminders", {
    schedule: "0 */5 * * * *",
    handler: async (_timer, ctx) => {
      const result = await (await getServices()).escalations.remind();
      if (result.reminded > 0) ctx.log("escalation reminders", result);
    },
  });
  // Review reminders (PP 9.4): hourly is plenty; each owner is reminded once per review round whatever the rate.
  app.timer("riskReviewReminders", {
    schedule: "0 5 * * * *",
    handler: async (_timer, ctx) => {
      const result = await (await getServices()).risks.remindDue();
      if (result.reminded > 0) ctx.log("risk review reminders", result);
    },
  });
  // Survey cards when a round opens, reminders at their times, closing at the deadline (SPEC 3.3).
  app.timer("surveySweep", {
    schedule: "0 * * * * *",
    handler: async (_timer, ctx) => {
      const result = await (await getServices()).surveys.sweep();
      if (result.failed > 0) ctx.log("survey sweep", result);
    },
  });
  // The 36-hour rule: reminders, escalations at due time, excerpt retention. Every INQUIRY_SWEEP_SECONDS (30 s), off
  // the other timers' seconds.
  app.timer("inquirySweep", {
    schedule: "15,45 * * * * *",
    handler: async (_timer, ctx) => {
      const result = await (await getServices()).inquiries.sweep();
      if (result.reminded + result.escalated + result.failed > 0) ctx.log("inquiry sweep", result);
    },
  });
  // Production's mailbox reader: Graph delta queries on Inbox and Sent Items, every minute; with
  // MAILBOX_NOTIFICATION_URL it also keeps the change-notification subscriptions alive (renewed a day before expiry).
  app.timer("mailboxSync", {
    schedule: "30 * * * * *",
    handler: async (_timer, ctx) => {
      const services = await getServices();
      if (services.config.mode !== "production") return;
      const sync = graphMailboxSync(loadMailboxConfig(services.config.mode), {
        sink: (c) => services.inquiries.receive(c),
        clock: services.clock,
        logger: services.log,
        state: tableDeltaState(services.repos.meta),
      });
      const notifications = mailboxNotificationsFor(services);
      if (notifications) {
        // Before the read, and on its own: a failing subscription must not stop the timer reading mail.
        try {
          const kept = await notifications.ensureSubscriptions();
          if (Object.values(kept).some((outcome) => outcome !== "kept")) ctx.log("mailbox subscriptions", kept);
        } catch (error) {
          ctx.warn("Prenumerationerna på brevlådan kunde inte förnyas; timern läser ändå", error);
        }
      }
      ctx.log("mailbox sync", await sync());
    },
  });
}
