import type { SurveyActivity } from "../contracts/index.js";

/**
 * Program activities 2023 — Årsrapport 2023 (002_…), table 1 "Sammanställning av stödjande programaktiviteter 2023",
 * the digital learning seminars and the theme conference: demo activities for activity surveys.
 *
 * EXAMPLE MAPPING, not the report's: the report gives no program area for any activity, so `programAreaId` is our
 * reading of each title (marked `derived`). The dates are the report's ("3 feb.", "25-okt"); activities the report
 * dates only as a range or "Löpande" (the training courses, the Hajstudien, the network meetings) are left out.
 */
export const ACTIVITIES_2023: ReadonlyArray<SurveyActivity & { derived: "programAreaId" }> = [
  { name: "Lärseminarium: Monitorering som nära vård", date: "2023-02-03", programAreaId: "digital-formaga", derived: "programAreaId" },
  { name: "Lärseminarium: Personcentrering", date: "2023-03-03", programAreaId: "personcentrerat", derived: "programAreaId" },
  { name: "Lärseminarium: Kompetensförsörjning i samverkan", date: "2023-05-12", programAreaId: "samverkan", derived: "programAreaId" },
  { name: "Lärseminarium: Hur mår vi i Västernorrland - barn och unga i fokus", date: "2023-06-02", programAreaId: "halsoframjande", derived: "programAreaId" },
  { name: "Lärseminarium: Främja och förebygga hälsa med föreningslivet", date: "2023-09-01", programAreaId: "halsoframjande", derived: "programAreaId" },
  { name: "Lärseminarium: Insikter och lärdomar - samverkan kring äldre", date: "2023-09-15", programAreaId: "samverkan", derived: "programAreaId" },
  { name: "Lärseminarium: Hajstudien - lärande genom aktionsforskning", date: "2023-10-06", programAreaId: "verksamhetsutveckling", derived: "programAreaId" },
  { name: "Lärseminarium: Förändring i stor skala", date: "2023-10-20", programAreaId: "ledarskap", derived: "programAreaId" },
  { name: "Temakonferens Nära vård", date: "2023-10-25", programAreaId: "samverkan", derived: "programAreaId" },
  { name: "Lärseminarium: Digitalt Väntrum", date: "2023-11-10", programAreaId: "digital-formaga", derived: "programAreaId" },
  { name: "Lärseminarium: Nyttorealisering - fånga & beskriva värdet av nära vård", date: "2023-12-01", programAreaId: "verksamhetsutveckling", derived: "programAreaId" },
];
