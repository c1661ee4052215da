import type { SurveyActivity } from "../contracts/index.js";
import { SURVEY_QUESTIONS } from "../domain/surveys.js";
import { AlreadyExistsError } from "../store/errors.js";
import type { StoredRound, SurveyInboxRepository, SurveyRoundsRepository } from "../store/surveys.js";
import { invertedMillis, mapLimit } from "../store/table.js";
import { SEED_ACTOR } from "./portfolio.js";

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

/**
 * Local demo: each 2023 activity as a closed activity-survey round (no answers — the report has none), so the
 * follow-up tab and the quarterly roll-up per program area have the year's activities to show. Deterministic ids and
 * insert-if-absent: safe on every start, and a round edited or closed in the app is left alone.
 */
export async function seedActivityRounds(rounds: SurveyRoundsRepository, inbox: SurveyInboxRepository, recipient: string): Promise<void> {
  await mapLimit(ACTIVITIES_2023, 4, async (a) => {
    const opensAt = `${a.date}T15:00:00.000Z`;
    const deadline = new Date(Date.parse(opensAt) + 14 * 86_400_000).toISOString();
    const id = `r${invertedMillis(opensAt)}-ar2023`;
    const round: StoredRound = {
      id,
      kind: "activity",
      title: a.name,
      activity: { name: a.name, date: a.date, programAreaId: a.programAreaId },
      questions: SURVEY_QUESTIONS.activity,
      targets: [{ email: recipient }],
      unresolved: [],
      opensAt,
      deadline,
      reminders: [],
      status: "closed",
      createdBy: SEED_ACTOR,
      createdAt: opensAt,
      closedAt: deadline,
      closedBy: SEED_ACTOR,
    };
    try {
      await rounds.create(round);
      await inbox.add(id, round.targets);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  });
}
