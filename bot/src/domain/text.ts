/**
 * Text helpers for matching what people type: case- and diacritic-tolerant, so "portfolj", "Portfölj" and
 * "PORTFÖLJ" are the same word, and "påverkbar" finds "Påverkbar vård".
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Removes Teams mention markup (`<at>Nära vård</at>`) and HTML remnants, and tidies whitespace. */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Cuts a text to about `max` characters at a word boundary, with an ellipsis. */
export function excerpt(text: string, max = 300): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}
