import { beforeAll, describe, expect, it } from "@jest/globals";
import { QueueClient } from "@azure/storage-queue";
import { decodeNotificationMessage, type Notification, type ProjectFields } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { DecisionsRepository } from "../../src/store/decisions.js";
import { ConcurrencyError, AlreadyExistsError } from "../../src/store/errors.js";
import { HistoryRepository } from "../../src/store/history.js";
import { OutboxRepository } from "../../src/store/outbox.js";
import { ProjectsRepository, facetColumn, type StoredProject } from "../../src/store/projects.js";
import { createTableClient, ensureTable } from "../../src/store/table.js";
import { TermsRepository } from "../../src/store/terms.js";
import { createServices, type Services } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/services/log.js";
import { seedAll, seedIfNeeded } from "../../src/seed/seed.js";
import { SEED_PROJECTS } from "../../src/seed/portfolio.js";
import { StorageNotificationQueue } from "../../src/services/queue.js";
import { OutboxService } from "../../src/services/outbox.js";
import { connectionString, uniqueName } from "../helpers.js";

const fields: ProjectFields = {
  name: "Test",
  description: "Beskrivning",
  type: "projekt",
  ownerOrganisationId: "rvn",
  partnerOrganisationIds: ["kramfors"],
  projectLeader: { name: "A" },
  programAreaIds: ["samverkan"],
  criteriaIds: ["samverkan-region-kommun", "personcentrerat"],
  subGoalIds: [],
  targetGroupIds: ["aldre"],
  benefitObjectIds: [],
  financing: { secured: true },
  links: {},
};

function stored(id: string, overrides: Partial<StoredProject> = {}): StoredProject {
  return { ...fields, id, name: `Projekt ${id}`, status: "pagaende", createdAt: "2024-01-01T00:00:00.000Z", createdBy: "a@b.se", updatedAt: "2024-01-01T00:00:00.000Z", ...overrides };
}

async function repo<T>(table: string, make: (client: ReturnType<typeof createTableClient>, programId: string) => T): Promise<T> {
  const client = createTableClient(connectionString(), uniqueName(table));
  await ensureTable(client);
  await ensureTable(client); // a second create is fine (409 ignored)
  return make(client, uniqueName("p"));
}

describe("ProjectsRepository", () => {
  let projects: ProjectsRepository;
  beforeAll(async () => {
    projects = await repo("tProj", (c, p) => new ProjectsRepository(c, p));
  });

  it("two writers with the same ETag: the second gets 412 and the stored effort is unchanged", async () => {
    await projects.create(stored("etag-test"), "op-1", []);
    const a = await projects.get("etag-test");
    const b = await projects.get("etag-test");
    if (!a || !b) throw new Error("missing");
    expect(a.etag).toBe(b.etag);
    await projects.replace(a, { ...a.project, name: "Skrivare A" }, a.etag, "op-a");
    await expect(projects.replace(b, { ...b.project, name: "Skrivare B" }, b.etag, "op-b")).rejects.toBeInstanceOf(ConcurrencyError);
    const now = await projects.get("etag-test");
    expect(now?.project.name).toBe("Skrivare A");
    expect(now?.recentOps).toEqual(["op-1", "op-a"]);
    await expect(projects.create(stored("etag-test"), "op-2", [])).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it("pages with continuation tokens over more rows than a page, in key order", async () => {
    const p2 = await repo("tPage", (c, p) => new ProjectsRepository(c, p));
    const ids = Array.from({ length: 23 }, (_, i) => `p-${String(i).padStart(2, "0")}`);
    await Promise.all(ids.map((id) => p2.create(stored(id), "op", [])));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await p2.list({ pageSize: 10, ...(token ? { continuationToken: token } : {}) });
      seen.push(...page.items.map((r) => r.project.id));
      token = page.continuationToken ?? undefined;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it("filters by facet columns and status on the server; removed facets disappear on replace", async () => {
    await projects.create(stored("facet-a", { partnerOrganisationIds: ["kramfors", "mellannorrlands-hospice"], targetGroupIds: ["barn_och-unga"] }), "op", []);
    await projects.create(stored("facet-b", { status: "vilande", ownerOrganisationId: "kramfors", partnerOrganisationIds: [] }), "op", []);
    const ids = async (q: Record<string, string>) => (await projects.list({ pageSize: 50, ...q })).items.map((r) => r.project.id).sort();
    expect(await ids({ party: "mellannorrlands-hospice" })).toEqual(["facet-a"]);
    expect(await ids({ party: "kramfors", status: "vilande" })).toEqual(["facet-b"]);
    expect(await ids({ targetGroup: "barn_och-unga" })).toEqual(["facet-a"]);
    expect(await ids({ targetGroup: "barn-och-unga" })).toEqual([]);
    const a = await projects.get("facet-a");
    if (!a) throw new Error("missing");
    await projects.replace(a, { ...a.project, partnerOrganisationIds: ["kramfors"] }, a.etag, "op2");
    expect(await ids({ party: "mellannorrlands-hospice" })).toEqual([]);
  });

  it("facet column names are valid identifiers and unambiguous", () => {
    expect(facetColumn("party", "kramfors")).toBe("f_party_kramfors");
    expect(facetColumn("targetGroup", "barn-och-unga")).toBe("f_tg_barn_och_unga");
    expect(facetColumn("targetGroup", "a_b")).not.toBe(facetColumn("targetGroup", "a-b"));
  });

  it("stores long documents over several properties", async () => {
    const long = stored("long-doc", { description: "å".repeat(8000), partnersText: "x".repeat(1000) });
    const withAssessment: StoredProject = {
      ...long,
      assessment: {
        criteria: Array.from({ length: 12 }, (_, i) => ({ criterionId: `c${i}`, met: true, comment: "\u00f6".repeat(1500) })),
        summary: "s".repeat(4000),
        recommendation: "inkludera",
        assessedBy: "a@b.se",
        assessedAt: "2024-01-01T00:00:00.000Z",
      },
    };
    await projects.create(withAssessment, "op", []);
    const back = await projects.get("long-doc");
    expect(back?.project).toEqual(withAssessment);
  });

  it("refuses a stored document that does not match its schema instead of passing it on", async () => {
    const bad = stored("bad-doc", { description: "ok" });
    await projects.create({ ...bad, status: "okand" as StoredProject["status"] }, "op", []);
    await expect(projects.get("bad-doc")).rejects.toThrow(/does not match its schema: status/);
  });
});

describe("DecisionsRepository and HistoryRepository", () => {
  it("decision log newest first; a repeated write is a no-op", async () => {
    const decisions = await repo("tDec", (c, p) => new DecisionsRepository(c, p));
    const d = (id: string, date: string, recordedAt: string) => ({
      id,
      date,
      recordedAt,
      bodyId: "styrgrupp",
      bodyName: "Programstyrgrupp",
      decision: "Inkluderas",
      outcome: "inkluderad" as const,
      rationale: "r",
      concerns: { kind: "project" as const, id: `proj-${id}`, title: "t" },
      decidedBy: "a@b.se",
    });
    expect(await decisions.add(d("d1", "2022-06-15", "2022-06-15T12:00:00.000Z"))).toBe(true);
    expect(await decisions.add(d("d3", "2024-01-10", "2024-01-10T12:00:00.000Z"))).toBe(true);
    expect(await decisions.add(d("d2", "2023-03-01", "2023-03-02T12:00:00.000Z"))).toBe(true);
    expect(await decisions.add(d("d2", "2023-03-01", "2023-03-02T12:00:00.000Z"))).toBe(false);
    const page = await decisions.list({ pageSize: 10 });
    expect(page.items.map((x) => x.id)).toEqual(["d3", "d2", "d1"]);
    expect((await decisions.list({ pageSize: 10, projectId: "proj-d2" })).items.map((x) => x.id)).toEqual(["d2"]);
  });

  it("history newest first, capped, idempotent per operation", async () => {
    const history = await repo("tHist", (c, p) => new HistoryRepository(c, p));
    for (let i = 0; i < 5; i++) {
      await history.append("x", `op${i}`, { at: `2024-01-0${i + 1}T00:00:00.000Z`, by: "a@b.se", action: "updated", summary: `s${i}`, changedFields: [] });
    }
    await history.append("x", "op4", { at: "2024-01-05T00:00:00.000Z", by: "a@b.se", action: "updated", summary: "s4", changedFields: [] });
    const latest = await history.latest("x", 3);
    expect(latest.map((h) => h.summary)).toEqual(["s4", "s3", "s2"]);
    expect((await history.latest("x")).length).toBe(5);
  });
});

describe("outbox: a crash between the write and its effects loses nothing", () => {
  it("the sweep applies effects of operations that happened and drops those that did not", async () => {
    const pid = uniqueName("p");
    const mk = async (name: string) => {
      const c = createTableClient(connectionString(), uniqueName(name));
      await ensureTable(c);
      return c;
    };
    const projects = new ProjectsRepository(await mk("tOP"), pid);
    const history = new HistoryRepository(await mk("tOH"), pid);
    const decisions = new DecisionsRepository(await mk("tOD"), pid);
    const outboxRepo = new OutboxRepository(await mk("tOO"), pid);
    const terms = new TermsRepository(await mk("tOT"), pid);
    const queueName = uniqueName("q");
    const queue = StorageNotificationQueue.fromConnectionString(connectionString(), queueName);
    await queue.ensure();
    const clock = fixedClock("2025-01-01T10:00:00.000Z");
    const reindexed: string[] = [];
    const outbox = new OutboxService(outboxRepo, projects, history, decisions, queue, { reindex: (id) => Promise.resolve(void reindexed.push(id)) }, clock, silentLogger, 30_000);
    void terms;

    const notification = (id: string): Notification => ({
      id: `application_submitted:${id}`,
      kind: "application_submitted",
      programId: pid,
      createdAt: clock().toISOString(),
      target: { kind: "programOfficeChannel" },
      project: { id, name: "n", status: "ansokan_inlamnad", applicantEmail: "a@b.se", ownerOrganisationName: "RVN", description: "d" },
    });
    const effects = (id: string, opId: string) => [
      { kind: "history" as const, projectId: id, opId, entry: { at: clock().toISOString(), by: "a@b.se", action: "created" as const, summary: "Ansökan inlämnad", changedFields: [] } },
      { kind: "reindex" as const, projectId: id, remove: [] },
      { kind: "notify" as const, notification: notification(id) },
    ];

    // Operation 1 happened (the effort records op-1) but the process died before the effects.
    await outboxRepo.put({ opId: "op-1", projectId: "crashed", createdAt: clock().toISOString(), effects: effects("crashed", "op-1") });
    await projects.create(stored("crashed"), "op-1", []);
    // Operation 2 never reached storage.
    await outboxRepo.put({ opId: "op-2", projectId: "never", createdAt: clock().toISOString(), effects: effects("never", "op-2") });

    expect(await outbox.sweep()).toEqual({ applied: 0, dropped: 0, failed: 0 }); // within the grace period
    clock.advance(31_000);
    expect(await outbox.sweep()).toEqual({ applied: 1, dropped: 1, failed: 0 });
    expect((await history.latest("crashed")).map((h) => h.summary)).toEqual(["Ansökan inlämnad"]);
    expect(await history.latest("never")).toEqual([]);
    expect(reindexed).toEqual(["crashed"]);
    const peeked = await new QueueClient(connectionString(), queueName).peekMessages({ numberOfMessages: 10 });
    expect(peeked.peekedMessageItems.map((m) => (decodeNotificationMessage(m.messageText) as Notification).id)).toEqual(["application_submitted:crashed"]);
    expect(await outbox.sweep()).toEqual({ applied: 0, dropped: 0, failed: 0 });

    // A failing effect (queue down) keeps the row for the next sweep; the request itself still succeeds.
    let down = true;
    const flaky = { send: (n: Notification) => (down ? Promise.reject(new Error("queue down")) : queue.send(n)) };
    const outbox2 = new OutboxService(outboxRepo, projects, history, decisions, flaky, { reindex: () => Promise.resolve() }, clock, silentLogger, 30_000);
    const created = await outbox2.run({ opId: "op-3", projectId: "flaky", effects: effects("flaky", "op-3") }, () => projects.create(stored("flaky"), "op-3", []));
    expect(created.project.id).toBe("flaky");
    expect((await history.latest("flaky")).length).toBe(1);
    down = false;
    clock.advance(31_000);
    expect(await outbox2.sweep()).toEqual({ applied: 1, dropped: 0, failed: 0 });
    const after = await new QueueClient(connectionString(), queueName).peekMessages({ numberOfMessages: 10 });
    expect(after.peekedMessageItems).toHaveLength(2);

    // A 412 settles at once: the row is dropped and nothing is applied.
    const rec = await projects.get("flaky");
    if (!rec) throw new Error("missing");
    await expect(
      outbox2.run({ opId: "op-4", projectId: "flaky", effects: effects("flaky", "op-4") }, () => projects.replace(rec, rec.project, 'W/"datetime\'2000-01-01T00%3A00%3A00Z\'"', "op-4")),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await outboxRepo.pendingBefore("9999-01-01T00:00:00.000Z")).toEqual([]);
  });
});

describe("seed", () => {
  let services: Services;
  beforeAll(async () => {
    services = await createServices(
      loadConfig({ NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: connectionString(), TABLE_PREFIX: uniqueName("t"), PROGRAM_ID: uniqueName("p"), NOTIFICATIONS_QUEUE: uniqueName("q") }),
      { log: silentLogger },
    );
  });

  it("runs once (marker), and running it again changes nothing and keeps edits", async () => {
    const deps = { ...services.repos, members: services.members, decisions: services.decisions, log: silentLogger };
    expect(await seedIfNeeded(deps, { members: true, at: new Date().toISOString() })).toBe("skipped");
    const rec = await services.repos.projects.get("paverkbar-slutenvard");
    if (!rec) throw new Error("missing");
    await services.repos.projects.replace(rec, { ...rec.project, name: "Påverkbar slutenvård (redigerad)" }, rec.etag, "op-edit");
    await seedAll(deps, { members: true });
    const page = await services.repos.projects.list({ pageSize: 100 });
    expect(page.items).toHaveLength(SEED_PROJECTS.length);
    expect((await services.repos.projects.get("paverkbar-slutenvard"))?.project.name).toBe("Påverkbar slutenvård (redigerad)");
    expect((await services.decisions.list({ pageSize: 100, concernsKind: "project" })).items).toHaveLength(SEED_PROJECTS.length);
    // With the demo members come the demo escalations and the one decided escalation's decision.
    expect((await services.decisions.list({ pageSize: 100, concernsKind: "escalation" })).items).toHaveLength(1);
    expect((await services.repos.history.latest("sip-pa-distans")).length).toBe(1);
    expect(await services.members.get("programledare@naravard.test")).toMatchObject({ roles: ["programledare"] });
  });
});
