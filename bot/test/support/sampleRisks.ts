import type { Risk } from "@naravard/api/contracts";

/** A risk as the API answers it (defaults: PP 10's "Nedprioritering av utvecklingsresurser", an example assessment). */
export function sampleRisk(overrides: Partial<Risk> = {}): Risk {
  return {
    id: "pp10-3",
    title: "Nedprioritering av utvecklingsresurser",
    description: "Programplanen, avsnitt 10 Risker (initialt identifierad risk).",
    category: "program",
    projectId: null,
    probability: 3,
    consequence: 4,
    value: 12,
    level: "high",
    assessedOnScale: 4,
    needsReassessment: false,
    handling: "reduce",
    actions: "Avstämning med förvaltningscheferna varje kvartal.",
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
    etag: 'W/"datetime\'2026-11-01T09%3A00%3A00.000Z\'"',
    allowedActions: ["edit", "review", "escalate"],
    ...overrides,
  };
}

export function sampleRisks(): Risk[] {
  return [
    sampleRisk(),
    sampleRisk({ id: "pp10-7", title: "Bristfällig kommunikation kring programmets erbjudande, aktiviteter och kontaktvägar", probability: 2, consequence: 3, value: 6, level: "medium", escalation: { offered: false }, allowedActions: ["edit", "review"] }),
    sampleRisk({ id: "direktiv-3", title: "Gammal styrlogik blir kvar och begränsar förutsättningarna för verklig omställning", category: "directive", probability: null, consequence: null, value: null, level: null, example: false, escalation: { offered: false }, allowedActions: ["edit", "review"] }),
  ];
}
