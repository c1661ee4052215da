import * as ACData from "adaptivecards-templating";

/** Adaptive Card attachment content type, as Teams expects it. */
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

/**
 * Expands a JSON card template with data. Templates are JSON files in `cards/templates/`, never strings
 * glued together; `${...}` binds to `data`.
 */
export function expandCard(template: object, data: object): Record<string, unknown> {
  const expanded: unknown = new ACData.Template(template).expand({ $root: data });
  if (typeof expanded !== "object" || expanded === null) throw new Error("Kortmallen gav inget kort");
  return expanded as Record<string, unknown>;
}

export function cardAttachment(content: Record<string, unknown>): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
