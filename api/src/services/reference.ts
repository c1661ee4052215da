import type { ReferenceData, ReferenceKind } from "../contracts/index.js";
import type { Clock } from "../domain/clock.js";
import { DomainErrors } from "../domain/errors.js";
import { AlreadyExistsError } from "../store/errors.js";
import type { CriterionView, ReferenceIdSets } from "../domain/inclusion.js";
import type { ReferenceItem, ReferenceRepository, VersionedItem } from "../store/reference.js";

/**
 * Reference data with a short in-process cache: validation of every write needs the lists, and they change
 * rarely. Writes through this service invalidate the cache at once; another instance sees a change within TTL.
 */
export class ReferenceService {
  private cached: { at: number; data: ReferenceData } | null = null;

  constructor(
    private readonly repo: ReferenceRepository,
    private readonly clock: Clock,
    private readonly ttlMs = 10_000,
  ) {}

  async all(): Promise<ReferenceData> {
    const now = this.clock().getTime();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.data;
    const data = await this.repo.listAll();
    this.cached = { at: now, data };
    return data;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** A new item; an id already in use → conflict. */
  async create(kind: ReferenceKind, item: ReferenceItem): Promise<VersionedItem> {
    try {
      return await this.repo.create(kind, item);
    } catch (error) {
      if (error instanceof AlreadyExistsError) {
        throw DomainErrors.conflict({ sv: `Id:t ”${item.id}” används redan.`, en: `The id “${item.id}” is already in use.` });
      }
      throw error;
    } finally {
      this.invalidate();
    }
  }

  /** Replaces an existing item if `etag` is its current version (not found → 404, stale → 412). */
  async update(kind: ReferenceKind, item: ReferenceItem, etag: string): Promise<VersionedItem> {
    const existing = await this.repo.get(kind, item.id);
    if (!existing) throw DomainErrors.notFound();
    if (existing.etag !== etag) throw DomainErrors.stale();
    try {
      return await this.repo.update(kind, item, etag);
    } finally {
      this.invalidate();
    }
  }

  get(kind: ReferenceKind, id: string): Promise<VersionedItem | null> {
    return this.repo.get(kind, id);
  }

  async idSets(): Promise<ReferenceIdSets> {
    const d = await this.all();
    const ids = (items: Array<{ id: string }>) => new Set(items.map((i) => i.id));
    return {
      parties: ids(d.parties),
      programAreas: ids(d.programAreas),
      criteria: ids(d.criteria),
      subGoals: ids(d.subGoals),
      targetGroups: ids(d.targetGroups),
      benefitObjects: ids(d.benefitObjects),
    };
  }

  async criteria(): Promise<CriterionView[]> {
    return (await this.all()).criteria.map((c) => ({ id: c.id, name: c.name, mandatory: c.mandatory, active: c.active }));
  }
}
