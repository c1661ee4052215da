import { botRoutes } from "./functions/bot.js";
import { logRoutes } from "./functions/decisions.js";
import { escalationRoutes } from "./functions/escalations.js";
import { systemRoutes } from "./functions/health.js";
import { inquiryRoutes } from "./functions/inquiries.js";
import { mailboxRoutes } from "./functions/mailbox.js";
import { memberRoutes } from "./functions/members.js";
import { projectRoutes } from "./functions/projects.js";
import { referenceRoutes } from "./functions/reference.js";
import { riskRoutes } from "./functions/risks.js";
import { surveyRoutes } from "./functions/surveys.js";
import type { RouteDef } from "./http/pipeline.js";

/**
 * THE route table. Each resource declares its routes in functions/<resource>.ts with `defineRoute(name, …)`; the
 * name is a key of the contract's `apiRoutes`, which alone holds method and path. Azure Functions registers each
 * entry (functions/register.ts, leaving out local-only routes) and the local host matches against it.
 */
export const routes: RouteDef[] = [
  ...systemRoutes,
  ...referenceRoutes,
  ...projectRoutes,
  ...logRoutes,
  ...botRoutes,
  ...memberRoutes,
  ...escalationRoutes,
  ...riskRoutes,
  ...surveyRoutes,
  ...inquiryRoutes,
  ...mailboxRoutes,
];

export type RouteMatch = { route: RouteDef; params: Record<string, string> } | { methodNotAllowed: string[] } | null;

function segments(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

/**
 * Matches a path below `/api/` against the table. Literal segments win over parameters (`projects/similar` before
 * `projects/{id}`), as in the Functions host. A path that matches with another method → `methodNotAllowed`.
 */
export function matchRoute(table: readonly RouteDef[], method: string, path: string): RouteMatch {
  const parts = segments(path);
  const candidates: Array<{ route: RouteDef; params: Record<string, string>; literals: number }> = [];
  for (const route of table) {
    const pattern = segments(route.route);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    pattern.forEach((seg, i) => {
      const part = parts[i] ?? "";
      const param = /^\{(\w+)\}$/.exec(seg);
      if (param?.[1]) {
        let decoded: string;
        try {
          decoded = decodeURIComponent(part);
        } catch {
          ok = false;
          return;
        }
        params[param[1]] = decoded;
      } else if (seg.toLowerCase() === part.toLowerCase()) {
        literals++;
      } else {
        ok = false;
      }
    });
    if (ok) candidates.push({ route, params, literals });
  }
  if (candidates.length === 0) return null;
  const upper = method.toUpperCase();
  const forMethod = candidates.filter((c) => c.route.methods.includes(upper as RouteDef["methods"][number])).sort((a, b) => b.literals - a.literals);
  const best = forMethod[0];
  if (best) {
    // A more literal route with another method means this path names that resource (e.g. POST projects/similar).
    const mostLiteral = Math.max(...candidates.map((c) => c.literals));
    if (best.literals === mostLiteral) return { route: best.route, params: best.params };
  }
  const top = Math.max(...candidates.map((c) => c.literals));
  const allowed = [...new Set(candidates.filter((c) => c.literals === top).flatMap((c) => c.route.methods))];
  return { methodNotAllowed: allowed };
}
