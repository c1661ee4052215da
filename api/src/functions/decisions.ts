import { DecisionListQuerySchema, DeliveryListQuerySchema } from "../contracts/index.js";
import { defineRoute } from "../http/pipeline.js";
import { json } from "../http/response.js";
import { NotificationIdParams } from "./params.js";

export const logRoutes = [
  /** `GET /api/decisions`: the decision log, newest first, filtered by body, kind or effort, paged. */
  defineRoute("decisionsList", {
    access: { permission: "portfolio.read" },
    query: DecisionListQuerySchema,
    handler: async ({ query }, s) => json(200, await s.decisions.list(query)),
  }),

  /** `GET /api/deliveries?outcome=`: the program office sees which notifications did not reach anyone. */
  defineRoute("deliveriesList", {
    access: { permission: "deliveries.read" },
    query: DeliveryListQuerySchema,
    handler: async ({ query }, s) => json(200, await s.bot.listDeliveries(query)),
  }),

  /** `POST /api/deliveries/{notificationId}/retry`: the program office (who sees deliveries) sends one again. */
  defineRoute("deliveriesRetry", {
    access: { permission: "deliveries.read" },
    params: NotificationIdParams,
    handler: async ({ params }, s) => json(202, await s.bot.retry(params.notificationId)),
  }),
];
