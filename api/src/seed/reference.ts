import {
  COLLABORATION_CRITERION_ID,
  type Body,
  type BenefitObject,
  type Criterion,
  type Milestone,
  type Party,
  type ProgramArea,
  type SubGoal,
  type TargetGroup,
} from "../contracts/index.js";

/**
 * Reference data (SPEC 2), taken from the program plan (PP, 000_…) and the annual report 2023 (ÅR, 002_…).
 * Swedish names are the documents' own; English names are our translations.
 */

/** The eight equal parties (PP 1, ÅR) and collaboration partners named in ÅR (table 1 and 2). */
export const PARTIES: Party[] = [
  { id: "rvn", name: "Region Västernorrland", nameEn: "Region Västernorrland", shortName: "RVN", kind: "party", active: true, sortOrder: 0 },
  { id: "harnosand", name: "Härnösands kommun", nameEn: "Härnösand Municipality", shortName: "Härnösand", kind: "party", active: true, sortOrder: 1 },
  { id: "kramfors", name: "Kramfors kommun", nameEn: "Kramfors Municipality", shortName: "Kramfors", kind: "party", active: true, sortOrder: 2 },
  { id: "solleftea", name: "Sollefteå kommun", nameEn: "Sollefteå Municipality", shortName: "Sollefteå", kind: "party", active: true, sortOrder: 3 },
  { id: "sundsvall", name: "Sundsvalls kommun", nameEn: "Sundsvall Municipality", shortName: "Sundsvall", kind: "party", active: true, sortOrder: 4 },
  { id: "timra", name: "Timrå kommun", nameEn: "Timrå Municipality", shortName: "Timrå", kind: "party", active: true, sortOrder: 5 },
  { id: "ange", name: "Ånge kommun", nameEn: "Ånge Municipality", shortName: "Ånge", kind: "party", active: true, sortOrder: 6 },
  { id: "ornskoldsvik", name: "Örnsköldsviks kommun", nameEn: "Örnsköldsvik Municipality", shortName: "Örnsköldsvik", kind: "party", active: true, sortOrder: 7 },
  { id: "kfvn", name: "Kommunförbundet Västernorrland", nameEn: "Association of Local Authorities in Västernorrland", shortName: "KfVN", kind: "partner", active: true, sortOrder: 10 },
  { id: "premicare", name: "Premicare AB", nameEn: "Premicare AB", shortName: "Premicare", kind: "partner", description: "Privat vårdgivare", active: true, sortOrder: 11 },
  { id: "mellannorrlands-hospice", name: "Mellannorrlands Hospice", nameEn: "Mellannorrlands Hospice", kind: "partner", active: true, sortOrder: 12 },
  { id: "norrlands-utredningstjanst", name: "Norrlands Utredningstjänst AB", nameEn: "Norrlands Utredningstjänst AB", kind: "partner", description: "Extern konsult", active: true, sortOrder: 13 },
  { id: "miun", name: "Mittuniversitetet", nameEn: "Mid Sweden University", shortName: "MIUN", kind: "partner", active: true, sortOrder: 14 },
  { id: "sundsvalls-demensforening", name: "Sundsvalls Demensförening", nameEn: "Sundsvall Dementia Association", kind: "partner", active: true, sortOrder: 15 },
];

/** The six program areas (PP 6.1). */
export const PROGRAM_AREAS: ProgramArea[] = [
  { id: "samverkan", number: 1, name: "Samverkan", nameEn: "Collaboration", active: true, sortOrder: 1 },
  { id: "personcentrerat", number: 2, name: "Personcentrerat förhållningssätt", nameEn: "Person-centred approach", active: true, sortOrder: 2 },
  { id: "halsoframjande", number: 3, name: "Hälsofrämjande, primärprevention och egenvård", nameEn: "Health promotion, primary prevention and self-care", active: true, sortOrder: 3 },
  { id: "digital-formaga", number: 4, name: "Digital förmåga och teknik", nameEn: "Digital capability and technology", active: true, sortOrder: 4 },
  { id: "ledarskap", number: 5, name: "Ledarskap, kultur och förändringsledning i komplexitet", nameEn: "Leadership, culture and change management in complexity", active: true, sortOrder: 5 },
  { id: "verksamhetsutveckling", number: 6, name: "Verksamhetsutveckling, tjänstedesign, användarinvolvering och projektledning", nameEn: "Business development, service design, user involvement and project management", active: true, sortOrder: 6 },
];

/** Inclusion criteria (PP 6.3.1): collaboration is mandatory, plus at least one of the others. */
export const CRITERIA: Criterion[] = [
  {
    id: COLLABORATION_CRITERION_ID,
    name: "Samverkan mellan region och kommun/kommuner",
    nameEn: "Collaboration between the region and one or more municipalities",
    description: "Obligatoriskt krav för inkludering (PP 6.3.1).",
    mandatory: true,
    active: true,
    sortOrder: 0,
  },
  {
    id: "personcentrerat",
    name: "Personcentrerat förhållningssätt",
    nameEn: "Person-centred approach",
    description: "Utveckla samordning, relationsbyggande, medskapande.",
    mandatory: false,
    active: true,
    sortOrder: 1,
  },
  {
    id: "halsoframjande",
    name: "Hälsofrämjande, primärprevention och egenvård",
    nameEn: "Health promotion, primary prevention and self-care",
    mandatory: false,
    active: true,
    sortOrder: 2,
  },
  {
    id: "tillganglighet",
    name: "Utvecklad tillgänglighet; fysisk och digital",
    nameEn: "Improved accessibility, physical and digital",
    mandatory: false,
    active: true,
    sortOrder: 3,
  },
];

/** Strategic sub-goals 1–4 (PP 5.1, the county's political target picture). */
export const SUB_GOALS: SubGoal[] = [
  { id: "tillganglig-vard", number: 1, name: "Tillgänglig vård och omsorg", nameEn: "Accessible care", description: "Delmål 1: jag har en vård och omsorg som är tillgänglig för mina behov.", active: true, sortOrder: 1 },
  { id: "kontinuitet", number: 2, name: "Kontinuitet", nameEn: "Continuity", description: "Delmål 2: jag har en kontinuitet i min kontakt med vården och omsorgen.", active: true, sortOrder: 2 },
  { id: "mitt-behov-i-fokus", number: 3, name: "Mitt behov i fokus och delaktighet", nameEn: "My needs in focus and participation", description: "Delmål 3: mitt behov är i fokus och jag är delaktig i min egen vård och omsorg.", active: true, sortOrder: 3 },
  { id: "halsoframjande-forebyggande", number: 4, name: "Hälsofrämjande och förebyggande", nameEn: "Health-promoting and preventive", description: "Delmål 4: vården och omsorgen är hälsofrämjande och förebyggande för min hälsa.", active: true, sortOrder: 4 },
];

/** The six benefit objects (nyttoobjekt, PP 5.3). */
export const BENEFIT_OBJECTS: BenefitObject[] = [
  { id: "okad-samverkan", name: "Ökad samverkan mellan länets vård- och omsorgsaktörer", nameEn: "More collaboration between the county's care providers", active: true, sortOrder: 1 },
  { id: "personcentrerad-vard", name: "Ökad fokusering på utveckling mot personcentrerad vård", nameEn: "More focus on developing person-centred care", active: true, sortOrder: 2 },
  { id: "halsoframjande-arbete", name: "Ökad fokusering mot utveckling av hälsofrämjande, primärpreventivt arbete och egenvård", nameEn: "More focus on health promotion, primary prevention and self-care", active: true, sortOrder: 3 },
  { id: "digitalisering", name: "Ökad fokusering mot utveckling av digitalisering, digital förmåga och ny teknik", nameEn: "More focus on digitalisation, digital capability and new technology", active: true, sortOrder: 4 },
  { id: "strukturerad-utveckling", name: "Effektivare och mer strukturerad verksamhetsutveckling och projektledning", nameEn: "More effective and structured business development and project management", active: true, sortOrder: 5 },
  { id: "innovation", name: "Ökad innovation och utforskande av nya arbetssätt", nameEn: "More innovation and exploration of new ways of working", active: true, sortOrder: 6 },
];

/** Target groups (ÅR; FP 3.2). */
export const TARGET_GROUPS: TargetGroup[] = [
  { id: "aldre", name: "Äldre / mest sjuka äldre", nameEn: "Older people / the most ill older people", active: true, sortOrder: 1 },
  { id: "barn-och-unga", name: "Barn och unga", nameEn: "Children and young people", active: true, sortOrder: 2 },
  { id: "vuxna", name: "Mitt i livet / vuxna", nameEn: "Mid-life / adults", active: true, sortOrder: 3 },
  { id: "mangbesokare", name: "Mångbesökare", nameEn: "Frequent attenders", active: true, sortOrder: 4 },
];

/** Milestones (PP 7.4): B5 every 15 June and 15 December 2021-12-15 … 2025-12-15, B6 2026-06-30, B7 2026-12-15. */
export const MILESTONES: Milestone[] = (() => {
  const items: Milestone[] = [];
  const dates: string[] = ["2021-12-15"];
  for (let year = 2022; year <= 2025; year++) dates.push(`${year}-06-15`, `${year}-12-15`);
  dates.forEach((date, i) =>
    items.push({
      id: `b5-${date}`,
      code: "B5",
      date,
      name: "B5 Beslut att fortsätta, ändra eller avbryta implementeringsarbetet",
      nameEn: "B5 Decision to continue, change or stop the implementation",
      description: "Kontrollpunkt: portföljens inkluderade projekt, programområdenas erbjudande, kriterierna för urval, förändringsarbetet, programmets ramverk.",
      active: true,
      sortOrder: i,
    }),
  );
  items.push(
    {
      id: "b6-2026-06-30",
      code: "B6",
      date: "2026-06-30",
      name: "B6 Beslut att godkänna nyttorealiseringen",
      nameEn: "B6 Decision to approve benefit realisation",
      active: true,
      sortOrder: 100,
    },
    {
      id: "b7-2026-12-15",
      code: "B7",
      date: "2026-12-15",
      name: "B7 Beslut att stänga programmet",
      nameEn: "B7 Decision to close the program",
      description: "Efter att vunna erfarenheter summerats och slutrapporten godkänts.",
      active: true,
      sortOrder: 101,
    },
  );
  return items;
})();

/**
 * Governing bodies are data (SPEC 1). The decision endpoint uses the first active body that decides inclusion:
 * "Programstyrgrupp" (2021–2024). From 2025 "Länsledning HälSam" holds the steering role (FP 3–5): activate it and
 * deactivate the steering group in the reference data, no code change.
 */
export const BODIES: Body[] = [
  { id: "styrgrupp", name: "Programstyrgrupp", nameEn: "Program steering group", decides: "inclusion", active: true, sortOrder: 0 },
  { id: "programledningsgrupp", name: "Programledningsgrupp", nameEn: "Program management group", decides: "management", active: true, sortOrder: 1 },
  {
    id: "lansledning-halsam",
    name: "Länsledning HälSam",
    nameEn: "County leadership HälSam",
    description: "Tar över styrgruppens roll från 2025 (Färdplan nära vård 2026).",
    decides: "inclusion",
    active: false,
    sortOrder: 2,
  },
  {
    id: "bestallare",
    name: "Beställare (regiondirektör och kommundirektörer)",
    nameEn: "Commissioner (regional director and municipal directors)",
    decides: "escalation",
    active: true,
    sortOrder: 3,
  },
];
