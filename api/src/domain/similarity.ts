import { fold } from "./text.js";

/**
 * Swedish text similarity for "similar projects" (PP 6.2: "Programmet kommer att uppmärksamma om flera liknande
 * projekt startas").
 *
 * Pipeline: tokenise → fold diacritics (matching only) → drop Swedish stop words → light suffix-stripping stemmer →
 * term weights (tf, name counted twice, L2-normalised, at most MAX_DOC_TERMS per effort).
 *
 * Score of a candidate effort d for query q:  Σ over shared stems t of  wq(t) · wd(t) · idf(t),  idf(t) = 1/√df(t),
 * where df(t) is how many efforts contain t (read from the inverted index, so only the query's terms are looked up).
 * With L2-normalised vectors and idf ≤ 1 the score is a damped cosine in [0, 1]. Sharing a target group adds a
 * bonus of up to TARGET_GROUP_BONUS (scaled by the share of the query's target groups that match).
 */

export const MAX_DOC_TERMS = 100;
export const MAX_QUERY_TERMS = 30;
export const TARGET_GROUP_BONUS = 0.2;
export const SIMILARITY_THRESHOLD = 0.1;
export const MAX_SIMILAR = 5;

/** Swedish stop words (folded). Function words and a few report fillers ("bl", "mm", "start"). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "alla allt andra annan annat att av bara bl bland blev bli blir da dar darfor de dem den denna dessa det detta dig din " +
    "ditt du efter eftersom eller en ens er era ert ett fler flera for fran fa far finns ha hade han hans har hela hennes " +
    "hon hos hur har i icke ifran in inom inte jag ju kan kunde man med mellan men mer mest mig min mina mitt mm mot " +
    "mycket na nagon nagot nagra nar nu nya nytt och ocksa om oss pa samma samt sedan sig sin sina sitt ska skall skulle " +
    "som sa sadan sadana till tva under upp ut utan utifran var vara varit vart vad vi via vid vilka vilken vilket vars " +
    "aven an annu over ovriga dels etc ex exempelvis bla osv start startar inklusive just ny nyttja ge ger gor gora"
  ).split(/\s+/),
);

/** Longest first. Stripped only when at least MIN_STEM characters remain. */
const SUFFIXES = [
  "heterna", "ningarna", "arnas", "ernas", "ornas", "ningar", "ningen", "heten",
  "arna", "erna", "orna", "ande", "ende", "aste", "het", "ning", "are", "ast", "ens",
  "en", "et", "ar", "er", "or", "na", "ad", "at", "a", "e",
];
const MIN_STEM = 3;

/** A light Swedish stemmer on folded words: strip a genitive -s, then the longest matching common suffix. */
export function stem(word: string): string {
  let w = word;
  if (w.length > MIN_STEM + 1 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM) {
      return w.slice(0, -suffix.length);
    }
  }
  return w;
}

export interface Token {
  /** As written, lowercased (keeps å/ä/ö for display). */
  surface: string;
  stem: string;
}

/** Words of a text, stop words removed, stemmed. Numbers and one- or two-letter words are dropped. */
export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const surface = match[0];
    const folded = fold(surface);
    if (folded.length < 3 || /^\d+$/.test(folded) || STOP_WORDS.has(folded)) continue;
    tokens.push({ surface, stem: stem(folded) });
  }
  return tokens;
}

export interface TermVector {
  /** stem → weight; L2 norm 1 (or empty). */
  weights: Map<string, number>;
  /** stem → the first way it was written, for display. */
  surface: Map<string, string>;
}

/** Weighted term vector of a name + description; the name counts twice. Keeps the `maxTerms` heaviest terms. */
export function termVector(name: string, description: string, maxTerms = MAX_DOC_TERMS): TermVector {
  const tf = new Map<string, number>();
  const surface = new Map<string, string>();
  const add = (tokens: Token[], weight: number) => {
    for (const t of tokens) {
      tf.set(t.stem, (tf.get(t.stem) ?? 0) + weight);
      if (!surface.has(t.stem)) surface.set(t.stem, t.surface);
    }
  };
  add(analyze(name), 2);
  add(analyze(description), 1);
  const top = [...tf.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, maxTerms);
  const norm = Math.sqrt(top.reduce((s, [, v]) => s + v * v, 0));
  const weights = new Map<string, number>();
  for (const [term, value] of top) weights.set(term, norm > 0 ? value / norm : 0);
  return { weights, surface };
}

/** One row of the inverted index: effort `projectId` contains the term with this weight. */
export interface Posting {
  projectId: string;
  weight: number;
}

export interface TextMatch {
  projectId: string;
  textScore: number;
  /** Shared stems, most contributing first. */
  sharedTerms: string[];
}

/** Scores every effort that shares at least one term with the query, from the postings of the query's terms. */
export function scoreText(query: Map<string, number>, postings: ReadonlyMap<string, readonly Posting[]>): TextMatch[] {
  const acc = new Map<string, { score: number; terms: Array<[string, number]> }>();
  for (const [term, wq] of query) {
    const list = postings.get(term) ?? [];
    if (list.length === 0) continue;
    const idf = 1 / Math.sqrt(list.length);
    for (const p of list) {
      const contribution = wq * p.weight * idf;
      const entry = acc.get(p.projectId) ?? { score: 0, terms: [] };
      entry.score += contribution;
      entry.terms.push([term, contribution]);
      acc.set(p.projectId, entry);
    }
  }
  return [...acc.entries()]
    .map(([projectId, e]) => ({
      projectId,
      textScore: Math.min(1, e.score),
      sharedTerms: e.terms.sort((a, b) => b[1] - a[1]).map(([t]) => t),
    }))
    .sort((a, b) => b.textScore - a.textScore || a.projectId.localeCompare(b.projectId));
}

/** Final score: text similarity plus a bonus for shared target groups, capped at 1. */
export function combinedScore(textScore: number, sharedTargetGroups: number, queryTargetGroups: number): number {
  const bonus = queryTargetGroups > 0 ? (TARGET_GROUP_BONUS * Math.min(sharedTargetGroups, queryTargetGroups)) / queryTargetGroups : 0;
  return Math.min(1, textScore + bonus);
}

/** Rounded for display (three decimals). */
export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
