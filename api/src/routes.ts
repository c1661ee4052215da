import { listProjects, getProject, createProject, patchProject, assessProject, decideProject, changeProjectStatus, similarProjects } from "./functions/projects.js";
import { claimDelivery, putConversation, recordDelivery, resolveConversation, setProgramOfficeChannel } from "./functions/bot.js";
import { listDecisions } from "./functions/decisions.js";
import { listDeliveries } from "./functions/deliveries.js";
import { health } from "./functions/health.js";
import { me } from "./functions/me.js";
import { deleteMember, listMembers, putMember } from "./functions/members.js";
import { createReference, getReference, updateReference } from "./functions/reference.js";
import type { RouteDef } from "./http/pipeline.js";

/**
 * THE route table (contracts/routes.ts `apiRoutes` is the client-side view of the same list). Azure Functions
 * registers each entry with `app.http` (functions/index.ts) and the local host (local/server.ts) matches against
 * it, so a route is declared once. Routes are below the `api` prefix (host.json `routePrefix`).
 * Names are the keys of `apiRoutes`.
 */
export const routes: RouteDef[] = [
  { name: "health", methods: ["GET"], route: "health", handler: health },
  { name: "me", methods: ["GET"], route: "me", handler: me },
  { name: "reference", methods: ["GET"], route: "reference", handler: getReference },
  { name: "referenceCreate", methods: ["POST"], route: "reference/{kind}", handler: createReference },
  { name: "referenceUpdate", methods: ["PUT"], route: "reference/{kind}/{id}", handler: updateReference },
  { name: "projectsList", methods: ["GET"], route: "projects", handler: listProjects },
  { name: "projectsCreate", methods: ["POST"], route: "projects", handler: createProject },
  { name: "projectsSimilar", methods: ["POST"], route: "projects/similar", handler: similarProjects },
  { name: "projectsGet", methods: ["GET"], route: "projects/{id}", handler: getProject },
  { name: "projectsPatch", methods: ["PATCH"], route: "projects/{id}", handler: patchProject },
  { name: "projectsAssess", methods: ["POST"], route: "projects/{id}/assessment", handler: assessProject },
  { name: "projectsDecide", methods: ["POST"], route: "projects/{id}/decision", handler: decideProject },
  { name: "projectsStatus", methods: ["POST"], route: "projects/{id}/status", handler: changeProjectStatus },
  { name: "decisionsList", methods: ["GET"], route: "decisions", handler: listDecisions },
  { name: "botConversationsPut", methods: ["PUT"], route: "bot/conversations", handler: putConversation },
  { name: "botProgramOfficeChannel", methods: ["POST"], route: "bot/program-office-channel", handler: setProgramOfficeChannel },
  { name: "botConversationForTarget", methods: ["POST"], route: "bot/conversations/resolve", handler: resolveConversation },
  { name: "botDeliveryClaim", methods: ["POST"], route: "bot/deliveries/{notificationId}/claim", handler: claimDelivery },
  { name: "botDeliveryResult", methods: ["PUT"], route: "bot/deliveries/{notificationId}", handler: recordDelivery },
  { name: "deliveriesList", methods: ["GET"], route: "deliveries", handler: listDeliveries },
  { name: "membersList", methods: ["GET"], route: "members", handler: listMembers },
  { name: "membersPut", methods: ["PUT"], route: "members/{email}", handler: putMember },
  { name: "membersDelete", methods: ["DELETE"], route: "members/{email}", handler: deleteMember },
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
