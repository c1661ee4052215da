import { DeliveryListQuerySchema } from "../contracts/index.js";
import { requirePermission } from "../http/auth.js";
import type { ApiHandler } from "../http/pipeline.js";
import { readQuery } from "../http/request.js";
import { json } from "../http/response.js";

/** `GET /api/deliveries?outcome=`: the program office sees which notifications did not reach anyone. */
export const listDeliveries: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "deliveries.read");
  const query = readQuery(req, DeliveryListQuerySchema);
  return json(200, await s.bot.listDeliveries(query));
};
