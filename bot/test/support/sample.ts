import { COLLABORATION_CRITERION_ID, type Project, type ReferenceData } from "@naravard/api/contracts";

/** Reference data shaped like the API's seed (a realistic subset). */
export function sampleReference(): ReferenceData {
  const e = { etag: 'W/"1"', active: true };
  return {
    parties: [
      { ...e, id: "rvn", name: "Region Västernorrland", nameEn: "Region Västernorrland", shortName: "RVN", kind: "party", sortOrder: 0 },
      { ...e, id: "sundsvall", name: "Sundsvalls kommun", nameEn: "Sundsvall Municipality", kind: "party", sortOrder: 4 },
      { ...e, id: "ange", name: "Ånge kommun", nameEn: "Ånge Municipality", kind: "party", sortOrder: 6 },
      { ...e, id: "kfvn", name: "Kommunförbundet Västernorrland", kind: "partner", sortOrder: 10 },
      { ...e, id: "gammal", name: "Nedlagd part", kind: "partner", sortOrder: 20, active: false },
    ],
    programAreas: [
      { ...e, id: "samverkan", number: 1, name: "Samverkan", nameEn: "Collaboration", sortOrder: 1 },
      { ...e, id: "personcentrerat", number: 2, name: "Personcentrerat förhållningssätt", nameEn: "Person-centred approach", sortOrder: 2 },
    ],
    criteria: [
      {
        ...e,
        id: COLLABORATION_CRITERION_ID,
        name: "Samverkan mellan region och kommun/kommuner",
        nameEn: "Collaboration between the region and one or more municipalities",
        mandatory: true,
        sortOrder: 0,
      },
      { ...e, id: "personcentrerat", name: "Personcentrerat förhållningssätt", nameEn: "Person-centred approach", mandatory: false, sortOrder: 1 },
      { ...e, id: "halsoframjande", name: "Hälsofrämjande, primärprevention och egenvård", mandatory: false, sortOrder: 2 },
      { ...e, id: "tillganglighet", name: "Utvecklad tillgänglighet; fysisk och digital", mandatory: false, sortOrder: 3 },
    ],
    subGoals: [{ ...e, id: "kontinuitet", number: 2, name: "Kontinuitet", sortOrder: 2 }],
    benefitObjects: [{ ...e, id: "okad-samverkan", name: "Ökad samverkan", sortOrder: 1 }],
    targetGroups: [
      { ...e, id: "aldre", name: "Äldre / mest sjuka äldre", nameEn: "Older people / the most ill older people", sortOrder: 1 },
      { ...e, id: "barn-och-unga", name: "Barn och unga", nameEn: "Children and young people", sortOrder: 2 },
    ],
    milestones: [],
    bodies: [{ ...e, id: "styrgrupp", name: "Programstyrgrupp", decides: "inclusion", sortOrder: 0 }],
  };
}

let seq = 0;
/** An effort as `GET /api/projects` lists it. */
export function sampleProject(overrides: Partial<Project> = {}): Project {
  seq += 1;
  return {
    id: `effort-${seq}`,
    name: `Utvecklingsarbete ${seq}`,
    description: "Att utforska och utveckla gränsöverskridande teamsamverkan mellan olika huvudmän.",
    type: "projekt",
    ownerOrganisationId: "rvn",
    partnerOrganisationIds: ["sundsvall"],
    projectLeader: { name: "Åsa Sjöstedt Pellikka, RVN" },
    programAreaIds: ["samverkan", "personcentrerat"],
    criteriaIds: [COLLABORATION_CRITERION_ID, "personcentrerat"],
    subGoalIds: ["kontinuitet"],
    targetGroupIds: ["aldre"],
    benefitObjectIds: ["okad-samverkan"],
    financing: { secured: true, source: "Statsbidrag" },
    links: {},
    status: "pagaende",
    etag: 'W/"datetime\'2024-01-01T00%3A00%3A00Z\'"',
    createdAt: "2023-06-15T08:00:00.000Z",
    createdBy: "programledare@naravard.test",
    updatedAt: "2024-01-10T08:00:00.000Z",
    latestStatus: { colour: "gul", reportedAt: "2025-05-20T10:00:00.000Z", summary: "Fortsättning efter kartläggningen VT 2023." },
    allowedActions: [],
    allowedTransitions: [],
    ...overrides,
  };
}

/** The 2023 portfolio's names (ÅR table 2), as efforts. */
export function samplePortfolio(): Project[] {
  return [
    sampleProject({ id: "lss-boende", name: "En trygg och nära vård för personer inom LSS-boende", status: "pagaende", latestStatus: { colour: "gron", reportedAt: "2025-05-01T10:00:00Z" } }),
    sampleProject({ id: "sip-pa-distans", name: "SIP på distans - breddinförande av videodistansteknik", status: "avslutad", latestStatus: undefined }),
    sampleProject({ id: "barnsakert", name: "Barnsäkert - en god och nära vård för barn 0-6 år", status: "pagaende" }),
    sampleProject({ id: "paverkbar-slutenvard", name: "Påverkbar slutenvård", status: "pagaende" }),
    sampleProject({ id: "barn-som-lever", name: "Barn som lever med föräldrar som dör", status: "vilande", latestStatus: { colour: "rod", reportedAt: "2025-04-01T10:00:00Z" } }),
    sampleProject({ id: "demens", name: "Multidisciplinärt demensarbete", status: "pagaende" }),
    sampleProject({ id: "barn-och-unga-ange", name: "Barn och unga i Ånge", status: "pagaende" }),
    sampleProject({ id: "digifysisk", name: "Proaktiv digifysisk seniorvård", status: "inkluderad" }),
  ];
}
