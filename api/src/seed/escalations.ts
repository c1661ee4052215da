import { DEMO_USERS, type DecisionWrite } from "../contracts/index.js";
import type { EscalationState } from "../domain/escalations.js";

/**
 * Demo escalations (local mode), so the tab and the decision log are not empty on first start: one open at the
 * steering group's chair, one decided by the programledare with its entry in the decision log. Invented examples
 * in the spirit of PP 9.5; ids are fixed so the seed stays idempotent.
 */
const OPEN_ID = "esk-demo-bemanning-sip";
const DECIDED_ID = "esk-demo-lokal-hemmonitorering";

export const SEED_ESCALATIONS: EscalationState[] = [
  {
    id: OPEN_ID,
    title: "Bemanning saknas för SIP på distans i två kommuner",
    description:
      "Två kommuner kan inte avsätta personal till SIP på distans under hösten. Programmet kan inte lösa resursfrågan inom sitt mandat; behöver beslut om prioritering.",
    urgency: "normal",
    status: "open",
    level: "styrgrupp_ordforande",
    levelSince: "2026-11-20T09:30:00.000Z",
    path: ["programledare", "styrgrupp_ordforande"],
    source: { kind: "manual", id: OPEN_ID },
    projectId: "sip-pa-distans",
    projectName: "SIP på distans - breddinförande av videodistansteknik",
    raisedBy: DEMO_USERS.forandringsledare1,
    raisedAt: "2026-11-18T08:15:00.000Z",
    timeline: [
      { at: "2026-11-18T08:15:00.000Z", by: DEMO_USERS.forandringsledare1, byName: "Sara Holmgren", what: "raised", level: "programledare", text: "Två kommuner kan inte avsätta personal till SIP på distans under hösten." },
      { at: "2026-11-19T10:00:00.000Z", by: DEMO_USERS.programledare, byName: "Maria Lindqvist", what: "acknowledged", level: "programledare" },
      { at: "2026-11-20T09:30:00.000Z", by: DEMO_USERS.programledare, byName: "Maria Lindqvist", what: "escalated", level: "styrgrupp_ordforande", text: "Resursfrågan ligger utanför programmets mandat." },
    ],
    reminded: [],
  },
  {
    id: DECIDED_ID,
    title: "Delad lokal för hemmonitoreringens utrustning",
    description: "Utrustningen för hemmonitorering behöver förvaras gemensamt av region och kommun. Vem står för lokalen?",
    urgency: "normal",
    status: "decided",
    level: "programledare",
    levelSince: "2026-10-05T07:45:00.000Z",
    path: ["programledare"],
    acknowledged: { by: DEMO_USERS.programledare, at: "2026-10-05T12:00:00.000Z" },
    source: { kind: "manual", id: DECIDED_ID },
    raisedBy: DEMO_USERS.forandringsledare1,
    raisedAt: "2026-10-05T07:45:00.000Z",
    decisionId: "beslut-demo-lokal-hemmonitorering",
    decision: {
      text: "Regionen står för lokalen under testperioden.",
      rationale: "Regionen har ledig lokal i Kramfors hälsocentral; kommunen bidrar med personal.",
      bodyId: "programledningsgrupp",
      bodyName: "Programledningsgrupp",
      date: "2026-10-07",
      decidedBy: DEMO_USERS.programledare,
    },
    timeline: [
      { at: "2026-10-05T07:45:00.000Z", by: DEMO_USERS.forandringsledare1, byName: "Sara Holmgren", what: "raised", level: "programledare", text: "Vem står för lokalen?" },
      { at: "2026-10-05T12:00:00.000Z", by: DEMO_USERS.programledare, byName: "Maria Lindqvist", what: "acknowledged", level: "programledare" },
      { at: "2026-10-07T13:00:00.000Z", by: DEMO_USERS.programledare, byName: "Maria Lindqvist", what: "decided", level: "programledare", text: "Regionen står för lokalen under testperioden." },
    ],
    reminded: [],
  },
];

export const SEED_ESCALATION_DECISION: DecisionWrite = {
  id: "beslut-demo-lokal-hemmonitorering",
  date: "2026-10-07",
  recordedAt: "2026-10-07T13:00:00.000Z",
  bodyId: "programledningsgrupp",
  bodyName: "Programledningsgrupp",
  decision: "Regionen står för lokalen under testperioden.",
  rationale: "Regionen har ledig lokal i Kramfors hälsocentral; kommunen bidrar med personal.",
  concerns: { kind: "escalation", id: DECIDED_ID, title: "Delad lokal för hemmonitoreringens utrustning" },
  links: [{ kind: "escalation", id: DECIDED_ID, title: "Delad lokal för hemmonitoreringens utrustning" }],
  decidedBy: DEMO_USERS.programledare,
};
