import type { Me, Project, ProjectDetail, ReferenceData, RiskDetail } from "@naravard/api/contracts";

const item = <T extends object>(x: T) => ({ active: true, sortOrder: 0, etag: "W/\"1\"", ...x });

export const reference: ReferenceData = {
  parties: [
    item({ id: "rvn", name: "Region Västernorrland", shortName: "RVN", kind: "party" as const }),
    item({ id: "timra", name: "Timrå kommun", kind: "party" as const }),
    item({ id: "ange", name: "Ånge kommun", kind: "party" as const }),
  ],
  programAreas: [
    item({ id: "samverkan", name: "Samverkan", number: 1 }),
    item({ id: "personcentrerat", name: "Personcentrerat förhållningssätt", number: 2 }),
  ],
  criteria: [
    item({ id: "samverkan-region-kommun", name: "Samverkan mellan region och kommun/kommuner", mandatory: true }),
    item({ id: "personcentrerat", name: "Personcentrerat förhållningssätt", mandatory: false }),
  ],
  subGoals: [item({ id: "kontinuitet", name: "Kontinuitet", number: 2 })],
  benefitObjects: [],
  targetGroups: [item({ id: "barn-och-unga", name: "Barn och unga", nameEn: "Children and young people" })],
  milestones: [],
  bodies: [item({ id: "styrgrupp", name: "Programstyrgrupp", decides: "inclusion" as const })],
};

export const me: Me = {
  email: "koordinator@naravard.test",
  displayName: "Johan Berglund",
  roles: ["koordinator"],
  organisationId: "rvn",
  permissions: ["portfolio.read", "portfolio.apply", "portfolio.edit", "portfolio.assess", "portfolio.changeStatus"],
  demoUsers: [
    { email: "koordinator@naravard.test", displayName: "Johan Berglund", roles: ["koordinator"] },
    { email: "styrgrupp.ordforande@naravard.test", displayName: "Anders Westin", roles: ["styrgrupp_ordforande"] },
  ],
};

export function project(overrides: Partial<Project> = {}): Project {
  return {
    id: "barn-och-unga-i-ange",
    name: "Barn och unga i Ånge",
    description: "Samverkan kring barn och ungas välbefinnande.",
    type: "projekt",
    ownerOrganisationId: "ange",
    partnerOrganisationIds: ["rvn"],
    projectLeader: { name: "Jennie Näslund" },
    programAreaIds: ["samverkan"],
    criteriaIds: ["samverkan-region-kommun", "personcentrerat"],
    subGoalIds: ["kontinuitet"],
    targetGroupIds: ["barn-och-unga"],
    benefitObjectIds: [],
    financing: { secured: true },
    links: {},
    status: "pagaende",
    etag: 'W/"datetime\'1\'"',
    createdAt: "2023-03-15T09:00:00.000Z",
    createdBy: "seed@naravard.invalid",
    updatedAt: "2023-12-31T12:00:00.000Z",
    allowedActions: ["edit", "changeStatus"],
    allowedTransitions: ["vilande", "avslutad"],
    ...overrides,
  };
}

export function detail(overrides: Partial<ProjectDetail> = {}): ProjectDetail {
  return { ...project(overrides), history: [], decisions: [], ...overrides };
}

/** A fetch stand-in that answers by method and path; unknown requests are 404. */
export function fakeFetch(routes: Record<string, (url: URL, init?: RequestInit) => unknown>) {
  const calls: Array<{ method: string; url: URL; init?: RequestInit }> = [];
  const fn: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input, "http://localhost");
    const method = init?.method ?? "GET";
    calls.push({ method, url, init });
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return new Response(JSON.stringify({ code: "not_found", message: "Hittades inte", details: [] }), { status: 404 });
    const result = await handler(url, init);
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fn, calls };
}

/** A risk as `GET /api/risks/{id}` answers it (the list's items are the same without `history`). */
export function riskDetail(overrides: Partial<RiskDetail> = {}): RiskDetail {
  return {
    id: "pp10-3",
    title: "Nedprioritering av utvecklingsresurser",
    description: "",
    category: "program",
    projectId: null,
    probability: 3,
    consequence: 4,
    value: 12,
    level: "high",
    assessedOnScale: 4,
    needsReassessment: false,
    handling: null,
    actions: "",
    owner: "programledare@naravard.test",
    ownerName: "Maria Lindqvist",
    status: "open",
    nextReviewDate: "2026-11-30",
    reviewOverdue: false,
    lastReviewedAt: null,
    example: true,
    escalation: { offered: true },
    createdAt: "2026-11-01T09:00:00.000Z",
    createdBy: "seed@naravard.invalid",
    updatedAt: "2026-11-01T09:00:00.000Z",
    etag: "v1",
    allowedActions: ["edit", "review", "escalate"],
    history: [],
    ...overrides,
  };
}
