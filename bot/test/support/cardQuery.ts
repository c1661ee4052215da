import type { CardAttachment } from "../../src/cards/render.js";

type Node = Record<string, unknown>;

/** Every object in a card, depth first. */
export function walk(card: CardAttachment | Node): Node[] {
  const root = "content" in card && typeof card.content === "object" ? (card.content as Node) : (card as Node);
  const out: Node[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === "object" && v !== null) {
      out.push(v as Node);
      Object.values(v).forEach(visit);
    }
  };
  visit(root);
  return out;
}

export const byId = (card: CardAttachment, id: string): Node | undefined => walk(card).find((n) => n.id === id);
export const ofType = (card: CardAttachment, type: string): Node[] => walk(card).filter((n) => n.type === type);
/** All visible texts (TextBlock text, FactSet titles/values, action titles). */
export function texts(card: CardAttachment): string[] {
  return walk(card).flatMap((n) => {
    if (n.type === "TextBlock" && typeof n.text === "string") return [n.text];
    if (typeof n.title === "string" && typeof n.value === "string" && !("id" in n)) return [n.title, n.value];
    if (typeof n.type === "string" && n.type.startsWith("Action.") && typeof n.title === "string") return [n.title];
    return [];
  });
}
export const allText = (card: CardAttachment): string => texts(card).join("\n");

/** The TextBlock right after the element with this id in its container (where field errors go). */
export function textAfter(card: CardAttachment, id: string): string | undefined {
  for (const n of walk(card)) {
    for (const key of ["body", "items"]) {
      const list = n[key];
      if (!Array.isArray(list)) continue;
      const i = list.findIndex((x: Node) => x.id === id);
      const next = i >= 0 ? (list[i + 1] as Node | undefined) : undefined;
      if (next?.type === "TextBlock" && typeof next.text === "string") return next.text;
    }
  }
  return undefined;
}
