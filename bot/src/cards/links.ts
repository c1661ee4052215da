/** Where the tabs live and which Teams app they belong to: everything a deep link needs. */
export interface CardLinks {
  /** The Teams app id (manifest `id`). */
  teamsAppId: string;
  /** Where the tabs are served, e.g. `http://localhost:53000` (no trailing slash needed). */
  tabsBaseUrl: string;
}

/**
 * Teams deep link to a personal tab of the app (manifest entityId, e.g. `portfolio`):
 * `https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=<tabs>/<path>&label=<label>[&context=…]`.
 * Every parameter value is percent-encoded once.
 */
export function tabDeepLink(links: CardLinks, entityId: string, path: string, label: string, subEntityId?: string): string {
  const webUrl = `${links.tabsBaseUrl.replace(/\/+$/, "")}${path}`;
  const context = subEntityId === undefined ? "" : `&context=${encodeURIComponent(JSON.stringify({ subEntityId }))}`;
  return (
    `https://teams.microsoft.com/l/entity/${encodeURIComponent(links.teamsAppId)}/${encodeURIComponent(entityId)}` +
    `?webUrl=${encodeURIComponent(webUrl)}&label=${encodeURIComponent(label)}${context}`
  );
}

/** The Portfolio tab. */
export function portfolioLink(links: CardLinks, label: string): string {
  return tabDeepLink(links, "portfolio", "/portfolio", label);
}

/** One effort in the Portfolio tab (`?effort=<id>`; the id also rides in `context.subEntityId`). */
export function effortLink(links: CardLinks, effortId: string, label: string): string {
  return tabDeepLink(links, "portfolio", `/portfolio?effort=${encodeURIComponent(effortId)}`, label, effortId);
}

/** The Escalations tab, optionally opened on one escalation (`?escalation=<id>`, also in `context.subEntityId`). */
export function escalationLink(links: CardLinks, label: string, escalationId?: string): string {
  if (!escalationId) return tabDeepLink(links, "escalations", "/escalations", label);
  return tabDeepLink(links, "escalations", `/escalations?escalation=${encodeURIComponent(escalationId)}`, label, escalationId);
}
