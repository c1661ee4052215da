import type { ApiHandler } from "../http/pipeline.js";
import { json } from "../http/response.js";

/** `GET /api/health`: no identity needed; says the process is up and which mode it runs in. */
export const health: ApiHandler = (_req, _ctx, s) => Promise.resolve(json(200, { status: "ok", mode: s.config.mode, programId: s.config.programId }));
