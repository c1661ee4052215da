import type { Locale, SimilarProject, SimilarQuery } from "../contracts/index.js";
import {
  MAX_QUERY_TERMS,
  MAX_SIMILAR,
  SIMILARITY_THRESHOLD,
  combinedScore,
  roundScore,
  scoreText,
  termVector,
} from "../domain/similarity.js";
import type { ProjectsRepository } from "../store/projects.js";
import { mapLimit } from "../store/table.js";
import type { TermsRepository } from "../store/terms.js";
import type { ReferenceService } from "./reference.js";

/** How many text matches are loaded by key and ranked with target groups. */
const CANDIDATES = 20;

/**
 * "Similar projects": reads only the inverted-index partitions of the query's terms (≤ 30), scores the efforts that
 * share terms, then loads the best candidates by key. Never scans the portfolio.
 */
export class SimilarityService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly terms: TermsRepository,
    private readonly reference: ReferenceService,
  ) {}

  /** Brings the index in line with the stored effort; drops `remove` terms it no longer has. */
  async reindex(projectId: string, remove: readonly string[]): Promise<void> {
    const record = await this.projects.get(projectId);
    if (!record) {
      await this.terms.remove(projectId, remove);
      return;
    }
    const vector = termVector(record.project.name, record.project.description);
    await this.terms.upsert(projectId, vector.weights);
    await this.terms.remove(
      projectId,
      remove.filter((t) => !vector.weights.has(t)),
    );
  }

  async similar(query: SimilarQuery, locale: Locale): Promise<SimilarProject[]> {
    const vector = termVector(query.name, query.description, MAX_QUERY_TERMS);
    if (vector.weights.size === 0) return [];
    const postings = await this.terms.postings([...vector.weights.keys()]);
    const matches = scoreText(vector.weights, postings)
      .filter((m) => m.projectId !== query.excludeId)
      .slice(0, CANDIDATES);
    const records = await mapLimit(matches, 8, (m) => this.projects.get(m.projectId));
    const targetGroups = new Map((await this.reference.all()).targetGroups.map((t) => [t.id, t]));
    const wanted = new Set(query.targetGroupIds);
    const results: SimilarProject[] = [];
    matches.forEach((m, i) => {
      const record = records[i];
      if (!record) return;
      const p = record.project;
      const sharedTargetGroupIds = p.targetGroupIds.filter((id) => wanted.has(id));
      const score = combinedScore(m.textScore, sharedTargetGroupIds.length, wanted.size);
      if (score <= SIMILARITY_THRESHOLD) return;
      const words = m.sharedTerms.slice(0, 6).map((t) => vector.surface.get(t) ?? t);
      const groupNames = sharedTargetGroupIds.map((id) => {
        const tg = targetGroups.get(id);
        return locale === "en" ? (tg?.nameEn ?? tg?.name ?? id) : (tg?.name ?? id);
      });
      const reasons: string[] = [];
      if (words.length > 0) reasons.push(`${locale === "en" ? "Similar words" : "Liknande ord"}: ${words.join(", ")}`);
      if (groupNames.length > 0) reasons.push(`${locale === "en" ? "Same target group" : "Samma målgrupp"}: ${groupNames.join(", ")}`);
      results.push({
        id: p.id,
        name: p.name,
        status: p.status,
        score: roundScore(score),
        reasons,
        sharedTerms: words,
        sharedTargetGroupIds,
      });
    });
    return results.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, "sv")).slice(0, MAX_SIMILAR);
  }
}
