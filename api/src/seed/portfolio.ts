import { COLLABORATION_CRITERION_ID, type ProjectFields, type ProjectStatus, type StatusColour } from "../contracts/index.js";

/**
 * The development portfolio 2023 — Årsrapport 2023 (002_…), section 4.1.1 and table 2 ("Utvecklingsportfölj 2023,
 * inkluderade utvecklingsprojekt till och med 231231"): eight efforts.
 *
 * Taken from the report: name, description (table 2), partners as the report words them (partnersText), project
 * leader, and status — "Proaktiv digifysisk seniorvård" and the LSS effort "avslutat" in 2023, "Barn som lever med
 * föräldrar som dör" "i dagsläget vilande", the others ongoing.
 *
 * DERIVED (not stated in the report; our reading of the descriptions, marked `derived` below): owning organisation
 * (the project leader's organisation, or the municipality named first), partner ids, criteria beyond the mandatory
 * collaboration criterion, program areas, sub-goals, target groups, nature, horizon, latest status colour. Financing
 * is `secured: true` for all: the steering group only includes efforts with secured financing (PP 6.3.1).
 * No start/end dates: the report gives only years ("Start 2021"), which stay in the descriptions.
 * Final reports are published on vårdgivarwebben (ÅR 4.1.1) without a direct link, so `links` is empty.
 */
export interface SeedProject {
  id: string;
  status: ProjectStatus;
  fields: ProjectFields;
  latestStatus: { colour: StatusColour; summary: string };
  /** The inclusion decision, seeded: the report says each was included by steering-group decision, not when. */
  inclusion: { date: string };
}

const ALL_MUNICIPALITIES = ["harnosand", "kramfors", "solleftea", "sundsvall", "timra", "ange", "ornskoldsvik"];
const C = COLLABORATION_CRITERION_ID;

const base = {
  type: "projekt" as const,
  benefitObjectIds: [] as string[],
  financing: { secured: true, source: "Verksamheternas egna medel (programmet fördelar inga stimulansmedel, PP 5.6)" },
  links: {},
};

export const SEED_PROJECTS: SeedProject[] = [
  {
    id: "trygg-nara-vard-lss-boende",
    status: "avslutad",
    fields: {
      ...base,
      name: "En trygg och nära vård för personer inom LSS-boende",
      description:
        "Att hitta samarbetsformer, arbetssätt och rutiner som leder till att onödiga inläggningar på vårdavdelning undviks för brukare/patienter på kommunala LSS-boenden. Start 2021.",
      ownerOrganisationId: "rvn", // derived: the project leader's organisation
      partnerOrganisationIds: ["sundsvall"],
      partnersText: "Sundsvall RVN",
      projectLeader: { name: "Annelie Rosfjäll, RVN" },
      programAreaIds: ["samverkan", "personcentrerat"], // derived
      criteriaIds: [C, "personcentrerat"], // derived
      subGoalIds: ["kontinuitet", "mitt-behov-i-fokus"], // derived
      targetGroupIds: ["vuxna"], // derived
      benefitObjectIds: ["okad-samverkan", "personcentrerad-vard"], // derived
      nature: "innovation", // derived
      horizon: "langsiktig", // derived
    },
    latestStatus: { colour: "gron", summary: "Avslutat under 2023 (årsrapport 2023)." }, // colour derived
    inclusion: { date: "2022-03-16" },
  },
  {
    id: "sip-pa-distans",
    status: "pagaende",
    fields: {
      ...base,
      name: "SIP på distans - breddinförande av videodistansteknik",
      description:
        "Breddinförande av tekniken bakom videodistansmöten som möjliggör samordnad individuell planering vid utskrivning och mycket mer (säkerhetsklassad plattform). Arbetet utgår ifrån genomförda piloter avseende SIP åren 2018-2019. Start 2020.",
      ownerOrganisationId: "rvn", // derived
      partnerOrganisationIds: ALL_MUNICIPALITIES, // "Hela länet"
      partnersText: "Hela länet",
      projectLeader: { name: "Mona Nordmar, RVN" },
      programAreaIds: ["samverkan", "digital-formaga"], // derived
      criteriaIds: [C, "tillganglighet"], // derived
      subGoalIds: ["tillganglig-vard", "kontinuitet"], // derived
      targetGroupIds: ["aldre", "vuxna"], // derived
      benefitObjectIds: ["okad-samverkan", "digitalisering"], // derived
      nature: "standigt_forbattring", // derived: spreading a method proven in pilots
      horizon: "snabb_nytta", // derived
    },
    latestStatus: { colour: "gron", summary: "Breddinförandet pågår i länet." }, // derived
    inclusion: { date: "2022-03-16" },
  },
  {
    id: "barnsakert-barn-0-6-ar",
    status: "pagaende",
    fields: {
      ...base,
      name: "Barnsäkert - en god och nära vård för barn 0-6 år",
      description:
        "Fånga psykosociala faktorer och behov av stöd till familjer inom BVC i samverkan med kommunens individ- och familjeomsorg. Planera åtgärder till stöd för familjernas hälsa. Utgår ifrån nationellt program. Start 2022.",
      ownerOrganisationId: "rvn", // derived
      partnerOrganisationIds: ["sundsvall"],
      partnersText: "Sundsvall RVN",
      projectLeader: { name: "Anette Sjöstedt, RVN" },
      programAreaIds: ["samverkan", "halsoframjande"], // derived
      criteriaIds: [C, "halsoframjande", "personcentrerat"], // derived
      subGoalIds: ["halsoframjande-forebyggande", "mitt-behov-i-fokus"], // derived
      targetGroupIds: ["barn-och-unga"], // derived
      benefitObjectIds: ["okad-samverkan", "halsoframjande-arbete"], // derived
      nature: "innovation", // derived
      horizon: "langsiktig", // derived
    },
    latestStatus: { colour: "gul", summary: "Arbetet pågår; rutiner mellan BVC och individ- och familjeomsorg utvecklas." }, // derived
    inclusion: { date: "2022-06-15" },
  },
  {
    id: "paverkbar-slutenvard",
    status: "pagaende",
    fields: {
      ...base,
      name: "Påverkbar slutenvård",
      description:
        "Att utforska och utveckla gränsöverskridande teamsamverkan mellan olika huvudmän och verksamheter inom hälso- och sjukvården så att patienter erbjuds personcentrerade vårdlösningar som leder till stärkt primärvård och minskad slutenvård (påverkbar). Fortsättning på kartläggning VT 2023.",
      ownerOrganisationId: "rvn", // derived
      partnerOrganisationIds: ["sundsvall"],
      partnersText: "Sundsvall RVN",
      projectLeader: { name: "Åsa Sjöstedt Pellikka, RVN" },
      programAreaIds: ["samverkan", "personcentrerat"], // derived
      criteriaIds: [C, "personcentrerat"], // derived
      subGoalIds: ["tillganglig-vard", "kontinuitet"], // derived
      targetGroupIds: ["aldre", "mangbesokare"], // derived: ÅR names it among the efforts for older people
      benefitObjectIds: ["okad-samverkan", "personcentrerad-vard"], // derived
      nature: "innovation", // derived
      horizon: "langsiktig", // derived
    },
    latestStatus: { colour: "gul", summary: "Fortsättning efter kartläggningen VT 2023." }, // derived
    inclusion: { date: "2023-06-15" },
  },
  {
    id: "barn-som-lever-med-foraldrar-som-dor",
    status: "vilande",
    fields: {
      ...base,
      name: "Barn som lever med föräldrar som dör",
      description:
        "Nya arbetssätt för trygga överlämningar mellan vårdinstanser för barn och unga och individer med särskilda behov som förlorar en förälder. Utvecklingsarbetet är i dagsläget vilande.",
      ownerOrganisationId: "rvn", // derived
      partnerOrganisationIds: ["sundsvall", "mellannorrlands-hospice"],
      partnersText: "Sundsvall RVN Mellannorrlands Hospice",
      projectLeader: { name: "Vakant" },
      programAreaIds: ["samverkan", "personcentrerat"], // derived
      criteriaIds: [C, "personcentrerat"], // derived
      subGoalIds: ["kontinuitet", "mitt-behov-i-fokus"], // derived
      targetGroupIds: ["barn-och-unga"], // derived
      benefitObjectIds: ["okad-samverkan", "personcentrerad-vard"], // derived
      nature: "innovation", // derived
      horizon: "langsiktig", // derived
    },
    latestStatus: { colour: "gul", summary: "Vilande; projektledare vakant." }, // colour derived
    inclusion: { date: "2022-06-15" },
  },
  {
    id: "multidisciplinart-demensarbete",
    status: "pagaende",
    fields: {
      ...base,
      type: "pilot", // derived: "första pilot i Övik"
      name: "Multidisciplinärt demensarbete",
      description:
        "Identifiera process för teamarbete för att ge brukare/patient/anhörig rätt stöd tidigt i sjukdomsförloppet med hög kompetens. Hela länet med första pilot i Övik. Beställare ledningsgrupp för HälSam. Referens, Sundsvalls Demensförening. Start HT 2023.",
      ownerOrganisationId: "rvn",
      partnerOrganisationIds: [...ALL_MUNICIPALITIES, "sundsvalls-demensforening"], // "RVN/Hela länet"; reference group
      partnersText: "RVN/Hela länet (pilot Örnsköldsvik 2023)",
      projectLeader: { name: "Ann-Marie Westerlund, RVN" },
      programAreaIds: ["samverkan", "personcentrerat"], // derived
      criteriaIds: [C, "personcentrerat"], // derived
      subGoalIds: ["kontinuitet", "mitt-behov-i-fokus"], // derived
      targetGroupIds: ["aldre"], // derived
      benefitObjectIds: ["okad-samverkan", "innovation"], // derived
      nature: "innovation", // derived
      horizon: "langsiktig", // derived
    },
    latestStatus: { colour: "gron", summary: "Nytt 2023; pilot i Örnsköldsvik." }, // derived
    inclusion: { date: "2023-12-13" },
  },
  {
    id: "barn-och-unga-i-ange",
    status: "pagaende",
    fields: {
      ...base,
      name: "Barn och unga i Ånge",
      description:
        "Omfattande samverkan för att utforska arbetssätt utifrån ett kommunalt helhetsgrepp för att främja och öka barn och ungas välbefinnande i Ånge kommun. Samverkan Socialtjänst, skola, NSOöder, psykiatri och habilitering m.fl. Start 2022, inkluderad i programmet 2023.",
      ownerOrganisationId: "ange", // derived: the project leader's organisation
      partnerOrganisationIds: ["rvn"],
      partnersText: "Ånge RVN",
      projectLeader: { name: "Jennie Näslund, Ånge Kommun" },
      programAreaIds: ["samverkan", "halsoframjande"], // derived
      criteriaIds: [C, "halsoframjande", "personcentrerat"], // derived
      subGoalIds: ["mitt-behov-i-fokus", "halsoframjande-forebyggande"], // derived
      targetGroupIds: ["barn-och-unga"], // derived
      benefitObjectIds: ["okad-samverkan", "halsoframjande-arbete"], // derived
      nature: "innovation", // derived
      horizon: "langsiktig", // derived
    },
    latestStatus: { colour: "gron", summary: "Del av SKR:s nationella pilot Börja med barnen (ÅR sammanfattning)." }, // colour derived
    inclusion: { date: "2023-03-15" },
  },
  {
    id: "proaktiv-digifysisk-seniorvard",
    status: "avslutad",
    fields: {
      ...base,
      name: "Proaktiv digifysisk seniorvård",
      description:
        "Att genom mobil och digital vård och ett förebyggande och proaktivt arbetssätt i samverkan mellan hälsocentral och kommunal hälso- och sjukvård kunna stödja och vårda i hemmet i högre utsträckning. Stärkt primärvård för ökad trygghet och minskad påverkbar slutenvård. Organisationsöverskridande närsjukvårdsteam. Bl.a. mäta/följa EKG, CRP, HB, vita blodkroppar, glukos, urinsticka, bladderscan, blodtryck, vikt, saturation, hjärt- o lungljud, hudförändringar mm i hemmet. Direktkontakt mellan sköterska och läkare. Start 2022 – avslutad HT 2023.",
      ownerOrganisationId: "timra", // derived: named first in "Timrå/Premicare/RVN"
      partnerOrganisationIds: ["premicare", "rvn", "norrlands-utredningstjanst"],
      partnersText: "Timrå Premicare AB RVN",
      projectLeader: { name: "Helene Ersson, Norrlands Utredningstjänst AB (extern konsult)" },
      programAreaIds: ["samverkan", "digital-formaga"], // derived
      criteriaIds: [C, "tillganglighet", "halsoframjande"], // derived
      subGoalIds: ["tillganglig-vard", "halsoframjande-forebyggande"], // derived
      targetGroupIds: ["aldre"], // derived
      benefitObjectIds: ["okad-samverkan", "digitalisering", "innovation"], // derived
      nature: "innovation", // derived
      horizon: "snabb_nytta", // derived
    },
    latestStatus: { colour: "gron", summary: "Avslutat HT 2023." }, // colour derived
    inclusion: { date: "2022-06-15" },
  },
];

/** Who the seed writes as (history, decision log). `.invalid` marks it as not a person. */
export const SEED_ACTOR = "seed@naravard.invalid";
export const SEED_SOURCE = "Årsrapport 2023, tabell 2";
export const SEED_DECISION_RATIONALE =
  "Inkluderad i portföljen enligt styrgruppens beslut. (Startdata från årsrapport 2023; rapporten anger inte beslutsdatum, datumet är ungefärligt.)";
