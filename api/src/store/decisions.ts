/**
 * Decisions table — the decision log (PP 9.3, SPEC 3.4). Entries are written once and never edited.
 *
 * Keys: PartitionKey = programId, RowKey = `${invertedMillis(date)}|${invertedMillis(recordedAt)}|${id}`, so a
 * partition read returns the log newest first (by decision date, then by when it was recorded).
 * Filters run on the server over the columns bodyId, concernsKind and concernsId, and the link columns
 * `l_project`, `l_escalation`, `l_risk`, `l_inquiry` (the first linked id of each kind; entries written before links
 * existed have none, so "about effort X" also matches concernsKind/concernsId).
 * The id is deterministic (derived from the effort and the version it decided on), so a retried write is a no-op.
 */
import { z } from "zod";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { DecisionSchema, type Decision, type DecisionListQuery, type DecisionWrite, type Page } from "../contracts/index.js";
import { getJson, insertIfAbsent, invertedMillis, readPage } from "./table.js";

const LINK_KINDS: readonly string[] = ["project", "escalation", "risk", "inquiry"];

export class DecisionsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  static rowKey(d: Pick<DecisionWrite, "date" | "recordedAt" | "id">): string {
    return `${invertedMillis(`${d.date}T00:00:00Z`)}|${invertedMillis(d.recordedAt)}|${d.id}`;
  }

  /** Writes the entry unless it is there already. */
  async add(input: DecisionWrite): Promise<boolean> {
    const decision = DecisionSchema.parse(input);
    const linkColumns: Record<string, string> = {};
    for (const link of [decision.concerns, ...decision.links]) {
      if (LINK_KINDS.includes(link.kind)) linkColumns[`l_${link.kind}`] ??= link.id;
    }
    return insertIfAbsent(this.client, {
      ...linkColumns,
      partitionKey: this.programId,
      rowKey: DecisionsRepository.rowKey(decision),
      decisionId: decision.id,
      bodyId: decision.bodyId,
      concernsKind: decision.concerns.kind,
      concernsId: decision.concerns.id,
      date: decision.date,
      doc: JSON.stringify(decision),
    });
  }

  private filter(query: Pick<DecisionListQuery, "body" | "concernsKind" | "projectId" | "escalationId" | "riskId" | "inquiryId">): string {
    let filter = odata`PartitionKey eq ${this.programId}`;
    if (query.body) filter += ` and ${odata`bodyId eq ${query.body}`}`;
    if (query.concernsKind) filter += ` and ${odata`concernsKind eq ${query.concernsKind}`}`;
    if (query.projectId) {
      filter += ` and ((${odata`concernsKind eq ${"project"} and concernsId eq ${query.projectId}`}) or ${odata`l_project eq ${query.projectId}`})`;
    }
    if (query.escalationId) filter += ` and ${odata`l_escalation eq ${query.escalationId}`}`;
    if (query.riskId) filter += ` and ${odata`l_risk eq ${query.riskId}`}`;
    if (query.inquiryId) filter += ` and ${odata`l_inquiry eq ${query.inquiryId}`}`;
    return filter;
  }

  async list(query: DecisionListQuery): Promise<Page<Decision>> {
    const page = await readPage(this.client, this.filter(query), query.pageSize, query.continuationToken, (e) =>
      DecisionSchema.safeParse(getJson(e, "doc", z.unknown())),
    );
    return {
      items: page.items.filter((r) => r.success).map((r) => (r.data.links.length > 0 ? r.data : { ...r.data, links: [r.data.concerns] })),
      continuationToken: page.continuationToken,
    };
  }

  /** The decisions about one effort (newest first, at most `max`), following continuation tokens. */
  async forProject(projectId: string, max = 50): Promise<Decision[]> {
    const out: Decision[] = [];
    let token: string | undefined;
    do {
      const page = await this.list({ projectId, pageSize: Math.min(100, max), ...(token ? { continuationToken: token } : {}) });
      out.push(...page.items);
      token = page.continuationToken ?? undefined;
    } while (token && out.length < max);
    return out.slice(0, max);
  }
}
