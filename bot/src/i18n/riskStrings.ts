import { riskLabels, type Locale, type RiskLevel } from "@naravard/api/contracts";

/** Texts of the risk list's cards (SPEC 3.2), Swedish first; both languages have the same shape. */
const sv = {
  tabLabel: "Risklista",
  listTitle: "Programmets högsta risker",
  listSubtitle: (shown: number, total: string) => `Visar ${shown} öppna risker av ${total}, högst riskvärde först.`,
  empty: "Risklistan är tom. Skriv **ny risk** för att lägga till en.",
  openTab: "Öppna risklistan",
  show: "Visa",
  unassessed: "Ej bedömd",
  example: "Exempelbedömning",
  overdue: "Granskningen är försenad",
  needsReassessment: "Behöver omvärderas (skalan har ändrats)",
  askName: "Skriv **risk** följt av en del av titeln, t.ex. **risk kommunikation**.",
  none: (q: string) => `Jag hittade ingen risk med ”${q}” i titeln. Skriv **risker** för att se de högsta.`,
  chooseTitle: (q: string) => `Flera risker matchar ”${q}”`,
  labels: {
    value: "Riskvärde",
    level: "Nivå",
    probability: "Sannolikhet",
    consequence: "Konsekvens",
    category: "Kategori",
    owner: "Ägare",
    status: "Status",
    handling: "Hantering",
    actions: "Planerade åtgärder",
    nextReview: "Nästa granskning",
    description: "Beskrivning",
    title: "Titel",
    note: "Anteckning",
    outcome: "Resultat av granskningen",
  },
  review: "Granska",
  escalate: "Eskalera",
  escalationOffered: "Risken har nått hög nivå och kan eskaleras enligt eskaleringsprinciperna.",
  escalated: (id: string) => `Risken är eskalerad (${id}).`,
  form: {
    title: "Ny risk",
    intro: "Beskriv risken. Sannolikhet och konsekvens kan bedömas nu eller vid första granskningen.",
    errorSummary: "Risken kunde inte sparas. Rätta det som är markerat nedan:",
    save: "Lägg till risken",
    choose: "Välj…",
    notAssessed: "Inte bedömd än",
    required: { title: "Ange en titel.", category: "Välj kategori." },
  },
  created: (title: string) => `Risken är tillagd: ${title}`,
  reviewForm: {
    title: (t: string) => `Granska: ${t}`,
    intro: (scale: number) => `Bedöm risken på programmets skala 1–${scale}. Lämnar du den oförändrad räcker en anteckning.`,
    unchanged: "Oförändrad bedömning",
    chooseOutcome: "Välj om bedömningen är oförändrad eller ny.",
    reassessed: "Ny bedömning",
    save: "Spara granskningen",
    stale: "Någon annan har ändrat risken under tiden. Värdena nedan är dina; kontrollera risken och spara igen.",
    errorSummary: "Granskningen kunde inte sparas. Rätta det som är markerat nedan:",
  },
  reviewed: (title: string, next: string) => `Granskad: ${title}. Nästa granskning ${next}.`,
  dueTitle: "Risker att granska",
  dueIntro: (n: number) => (n === 1 ? "Du äger en risk som ska granskas nu." : `Du äger ${n} risker som ska granskas nu.`),
  dueNone: "Inga av dina risker behöver granskas just nu. Tack!",
  backToList: "Tillbaka till listan",
  summaryDue: (n: number) => (n === 1 ? "1 risk att granska" : `${n} risker att granska`),
};

export type RiskStrings = typeof sv;

const en: RiskStrings = {
  tabLabel: "Risk list",
  listTitle: "The program's highest risks",
  listSubtitle: (shown, total) => `Showing ${shown} open risks of ${total}, highest value first.`,
  empty: "The risk list is empty. Type **new risk** to add one.",
  openTab: "Open the risk list",
  show: "Show",
  unassessed: "Not assessed",
  example: "Example assessment",
  overdue: "The review is overdue",
  needsReassessment: "Needs reassessment (the scale has changed)",
  askName: "Type **risk** followed by part of the title, e.g. **risk communication**.",
  none: (q) => `I found no risk with “${q}” in its title. Type **risks** to see the highest.`,
  chooseTitle: (q) => `Several risks match “${q}”`,
  labels: {
    value: "Risk value",
    level: "Level",
    probability: "Probability",
    consequence: "Consequence",
    category: "Category",
    owner: "Owner",
    status: "Status",
    handling: "Handling",
    actions: "Planned actions",
    nextReview: "Next review",
    description: "Description",
    title: "Title",
    note: "Note",
    outcome: "Outcome of the review",
  },
  review: "Review",
  escalate: "Escalate",
  escalationOffered: "The risk has reached the high level and can be escalated according to the escalation principles.",
  escalated: (id) => `The risk has been escalated (${id}).`,
  form: {
    title: "New risk",
    intro: "Describe the risk. Probability and consequence can be assessed now or at the first review.",
    errorSummary: "The risk could not be saved. Correct what is marked below:",
    save: "Add the risk",
    choose: "Choose…",
    notAssessed: "Not assessed yet",
    required: { title: "Give a title.", category: "Choose a category." },
  },
  created: (title) => `The risk has been added: ${title}`,
  reviewForm: {
    title: (t) => `Review: ${t}`,
    intro: (scale) => `Assess the risk on the program's scale 1–${scale}. If it is unchanged, a note is enough.`,
    unchanged: "Assessment unchanged",
    chooseOutcome: "Choose whether the assessment is unchanged or new.",
    reassessed: "New assessment",
    save: "Save the review",
    stale: "Someone else changed the risk in the meantime. The values below are yours; check the risk and save again.",
    errorSummary: "The review could not be saved. Correct what is marked below:",
  },
  reviewed: (title, next) => `Reviewed: ${title}. Next review ${next}.`,
  dueTitle: "Risks to review",
  dueIntro: (n) => (n === 1 ? "You own one risk that is due for review." : `You own ${n} risks that are due for review.`),
  dueNone: "None of your risks needs a review right now. Thank you!",
  backToList: "Back to the list",
  summaryDue: (n) => (n === 1 ? "1 risk to review" : `${n} risks to review`),
};

export function riskStrings(locale: Locale): RiskStrings {
  return locale === "en" ? en : sv;
}

export function levelText(locale: Locale, level: RiskLevel | null): string {
  if (level === null) return riskStrings(locale).unassessed;
  const icon = level === "high" ? "🔴" : level === "medium" ? "🟡" : "🟢";
  return `${icon} ${riskLabels.level[level][locale]}`;
}

export function levelStyle(level: RiskLevel | null): "Attention" | "Warning" | "Good" | "Default" {
  return level === "high" ? "Attention" : level === "medium" ? "Warning" : level === "low" ? "Good" : "Default";
}
