/** Text helpers shared by ids and similarity. Pure. */

/** Lowercase and strip diacritics for matching only (å→a, ä→a, ö→o, é→e …). Display keeps the original. */
export function fold(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "");
}

/** A URL- and Table-key-safe slug: "Påverkbar slutenvård" → "paverkbar-slutenvard". */
export function slugify(text: string, maxLength = 60): string {
  const slug = fold(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug.length > 0 ? slug : "utvecklingsarbete";
}
