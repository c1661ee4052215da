import { DecisionListQuerySchema } from "../contracts/index.js";
import { requirePermission } from "../http/auth.js";
import type { ApiHandler } from "../http/pipeline.js";
import { readQuery } from "../http/request.js";
import { json } from "../http/response.js";

/** `GET /api/decisions`: the decision log, newest first, filtered by body, kind or effort, paged. */
export const listDecisions: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.read");
  const query = readQuery(req, DecisionListQuerySchema);
  return json(200, await s.decisions.list(query));
};
