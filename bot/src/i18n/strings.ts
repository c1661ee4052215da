import type { Locale, StatusColour } from "@naravard/api/contracts";

/**
 * Every text the conversation shows, Swedish first, English second. Card templates bind to these as data
 * (`${t.title}`); nothing is duplicated per language. Both languages have the same shape (checked below).
 */
const sv = {
  dateLocale: "sv-SE",
  portfolioTabLabel: "Portfölj",
  none: "–",
  yes: "Ja",
  no: "Nej",
  colours: { gron: "🟢 Grön", gul: "🟡 Gul", rod: "🔴 Röd", ingen: "⚪ Ingen statusrapport" },
  errors: {
    generic: "Något gick fel hos mig. Försök igen om en stund – och hör av dig till programkontoret om det fortsätter.",
    api: "Tjänsten bakom boten svarar inte som den ska just nu. Försök igen om en stund.",
    forbidden: "Du har inte behörighet till det här.",
    notFound: "Det finns inte längre.",
    unauthenticated: "Jag kunde inte logga in mot tjänsten för din räkning. Försök igen om en stund.",
  },
  help: {
    title: "Nära vård i Teams",
    intro: "Jag hjälper programkontoret för God och nära vård i Västernorrland. Skriv ett kommando:",
    footer: "I kanaler: nämn mig först, t.ex. @Nära vård portfölj.",
    openPortfolio: "Öppna portföljen",
  },
  welcome: "Hej! Jag är boten för Nära vård i Teams. Här är vad jag kan:",
  unknown: (text: string) => `Jag förstod inte ”${text}”. Skriv **hjälp** för att se vad jag kan.`,
  empty: "Skriv **hjälp** för att se vad jag kan.",
  portfolio: {
    title: "Utvecklingsportföljen",
    subtitle: (n: number) => (n === 1 ? "1 utvecklingsarbete" : `${n} utvecklingsarbeten`),
    byStatus: "Per status",
    byColour: "Per färg i senaste statusrapporten",
    efforts: "Senaste status per utvecklingsarbete",
    more: (shown: number, total: number) => `Visar ${shown} av ${total}. Öppna portföljen för att se alla.`,
    empty: "Portföljen är tom än så länge. Skriv **ansök** för att lämna in en ansökan.",
    open: "Öppna portföljen",
  },
  project: {
    askName: "Skriv **projekt** följt av en del av namnet, t.ex. **projekt påverkbar**.",
    none: (q: string) => `Jag hittade inget utvecklingsarbete med ”${q}” i namn, beskrivning, parter eller projektledare. Skriv **portfölj** för att se alla.`,
    chooseTitle: (q: string) => `Flera utvecklingsarbeten matchar ”${q}”`,
    chooseIntro: "Välj det du menar:",
    tooMany: (shown: number, total: number | null) =>
      total === null ? `Visar de ${shown} första träffarna – skriv mer av namnet för att smalna av.` : `Visar ${shown} av ${total} träffar – skriv mer av namnet för att smalna av.`,
    show: "Visa",
    labels: {
      status: "Status",
      latestStatus: "Senaste status",
      owner: "Ägarorganisation",
      partners: "Samverkansparter",
      leader: "Projektledare",
      areas: "Programområden",
      criteria: "Uppfyllda kriterier",
      targetGroups: "Målgrupper",
      period: "Period",
      financing: "Finansiering säkrad",
      description: "Beskrivning",
      reported: "rapporterad",
    },
    open: "Öppna i portföljen",
  },
  apply: {
    title: "Ansökan om att ingå i utvecklingsportföljen",
    intro: "Fyll i ansökan. Programkontoret bedömer den mot inklusionskriterierna och styrgruppen beslutar.",
    errorSummary: "Ansökan kunde inte skickas in. Rätta det som är markerat nedan:",
    labels: {
      name: "Utvecklingsarbetets namn",
      description: "Projektidé och beskrivning",
      ownerOrganisation: "Ägarorganisation",
      partnerOrganisations: "Samverkansparter",
      leaderName: "Projektledarens namn",
      leaderEmail: "Projektledarens e-post",
      criteria: "Inklusionskriterier som uppfylls",
      programAreas: "Programområden",
      targetGroups: "Målgrupper",
      financing: "Finansieringen är säkrad",
    },
    placeholders: {
      name: "T.ex. Trygg hemgång i Ånge",
      description: "Beskriv idén, vad ni vill uppnå och för vilka",
      choose: "Välj…",
      chooseMany: "Välj en eller flera…",
    },
    required: {
      name: "Ange ett namn.",
      description: "Beskriv projektidén.",
      ownerOrganisation: "Välj ägarorganisation.",
      leaderName: "Ange projektledarens namn.",
    },
    criteriaHelp: (mandatory: string) => `”${mandatory}” är obligatoriskt, och minst ett av de övriga kriterierna måste också vara uppfyllt.`,
    mandatorySuffix: " (obligatoriskt)",
    submit: "Skicka in ansökan",
  },
  submitted: {
    title: (name: string) => `Ansökan inlämnad: ${name} – programkontoret bedömer den`,
    body: "Tack! Programkontoret bedömer ansökan mot inklusionskriterierna och styrgruppen beslutar sedan. Du får besked här i Teams.",
    labels: { status: "Status", owner: "Ägarorganisation", leader: "Projektledare", submittedBy: "Inlämnad av" },
    open: "Öppna i portföljen",
  },
  programOffice: {
    notChannel: "Kommandot **programkontor** gäller kanaler: skriv det i den kanal som ska bli programkontorets kanal.",
    done: (name: string) => `Klart! ${name ? `Kanalen ”${name}”` : "Den här kanalen"} är nu programkontorets kanal. Nya ansökningar och eskaleringar hamnar här.`,
    forbidden: "Bara programledaren kan göra en kanal till programkontorets kanal.",
  },
  actAs: {
    productionOnly: "Kommandot finns bara i lokalt läge.",
    usage: (users: string) => `Skriv **som [e-post]** för att agera som en demoanvändare. Demoanvändare: ${users}`,
    done: (email: string) => `Du agerar nu som ${email} i den här konversationen (lokalt läge).`,
    unknown: (email: string, users: string) => `${email} är ingen demoanvändare. Välj någon av: ${users}`,
  },
};

export type Strings = typeof sv;

const en: Strings = {
  dateLocale: "en-GB",
  portfolioTabLabel: "Portfolio",
  none: "–",
  yes: "Yes",
  no: "No",
  colours: { gron: "🟢 Green", gul: "🟡 Yellow", rod: "🔴 Red", ingen: "⚪ No status report" },
  errors: {
    generic: "Something went wrong on my side. Please try again in a moment – and contact the program office if it keeps happening.",
    api: "The service behind the bot is not answering as it should right now. Please try again in a moment.",
    forbidden: "You are not allowed to do that.",
    notFound: "It no longer exists.",
    unauthenticated: "I could not sign in to the service on your behalf. Please try again in a moment.",
  },
  help: {
    title: "Nära vård in Teams",
    intro: "I help the program office of God och nära vård i Västernorrland. Type a command:",
    footer: "In channels: mention me first, e.g. @Nära vård portfolio. Swedish commands work too.",
    openPortfolio: "Open the portfolio",
  },
  welcome: "Hi! I am the Nära vård in Teams bot. This is what I can do:",
  unknown: (text: string) => `I did not understand “${text}”. Type **help** to see what I can do.`,
  empty: "Type **help** to see what I can do.",
  portfolio: {
    title: "The development portfolio",
    subtitle: (n: number) => (n === 1 ? "1 development effort" : `${n} development efforts`),
    byStatus: "By status",
    byColour: "By colour of the latest status report",
    efforts: "Latest status per effort",
    more: (shown: number, total: number) => `Showing ${shown} of ${total}. Open the portfolio to see them all.`,
    empty: "The portfolio is empty so far. Type **apply** to submit an application.",
    open: "Open the portfolio",
  },
  project: {
    askName: "Type **project** followed by part of the name, e.g. **project påverkbar**.",
    none: (q: string) => `I found no development effort with “${q}” in its name, description, parties or project leader. Type **portfolio** to see them all.`,
    chooseTitle: (q: string) => `Several efforts match “${q}”`,
    chooseIntro: "Choose the one you mean:",
    tooMany: (shown: number, total: number | null) =>
      total === null ? `Showing the first ${shown} matches – type more of the name to narrow it down.` : `Showing ${shown} of ${total} matches – type more of the name to narrow it down.`,
    show: "Show",
    labels: {
      status: "Status",
      latestStatus: "Latest status",
      owner: "Owner organisation",
      partners: "Partners",
      leader: "Project leader",
      areas: "Program areas",
      criteria: "Criteria met",
      targetGroups: "Target groups",
      period: "Period",
      financing: "Financing secured",
      description: "Description",
      reported: "reported",
    },
    open: "Open in the portfolio",
  },
  apply: {
    title: "Application to join the development portfolio",
    intro: "Fill in the application. The program office assesses it against the inclusion criteria and the steering group decides.",
    errorSummary: "The application could not be submitted. Correct what is marked below:",
    labels: {
      name: "Name of the effort",
      description: "Project idea and description",
      ownerOrganisation: "Owner organisation",
      partnerOrganisations: "Partner organisations",
      leaderName: "Project leader's name",
      leaderEmail: "Project leader's email",
      criteria: "Inclusion criteria met",
      programAreas: "Program areas",
      targetGroups: "Target groups",
      financing: "Financing is secured",
    },
    placeholders: {
      name: "E.g. Safe return home in Ånge",
      description: "Describe the idea, what you want to achieve and for whom",
      choose: "Choose…",
      chooseMany: "Choose one or more…",
    },
    required: {
      name: "Give a name.",
      description: "Describe the project idea.",
      ownerOrganisation: "Choose the owner organisation.",
      leaderName: "Give the project leader's name.",
    },
    criteriaHelp: (mandatory: string) => `“${mandatory}” is mandatory, and at least one of the other criteria must be met too.`,
    mandatorySuffix: " (mandatory)",
    submit: "Submit the application",
  },
  submitted: {
    title: (name: string) => `Application submitted: ${name} – the program office will assess it`,
    body: "Thank you! The program office assesses the application against the inclusion criteria, then the steering group decides. You will hear back here in Teams.",
    labels: { status: "Status", owner: "Owner organisation", leader: "Project leader", submittedBy: "Submitted by" },
    open: "Open in the portfolio",
  },
  programOffice: {
    notChannel: "The **program office** command is for channels: type it in the channel that should become the program office channel.",
    done: (name: string) => `Done! ${name ? `The channel “${name}”` : "This channel"} is now the program office channel. New applications and escalations arrive here.`,
    forbidden: "Only the program manager can make a channel the program office channel.",
  },
  actAs: {
    productionOnly: "That command exists in local mode only.",
    usage: (users: string) => `Type **som [email]** to act as a demo user. Demo users: ${users}`,
    done: (email: string) => `You now act as ${email} in this conversation (local mode).`,
    unknown: (email: string, users: string) => `${email} is not a demo user. Choose one of: ${users}`,
  },
};

const STRINGS: Record<Locale, Strings> = { sv, en };

export function strings(locale: Locale): Strings {
  return STRINGS[locale];
}

/** Teams locale (`sv-SE`, `en-US`, …) → the app's locale: English for `en…`, else Swedish. */
export function localeFrom(teamsLocale: string | undefined): Locale {
  return typeof teamsLocale === "string" && /^en\b/i.test(teamsLocale.trim()) ? "en" : "sv";
}

/** Status colour as text with a symbol, so it never depends on colour alone (WCAG 1.4.1). */
export function colourText(locale: Locale, colour: StatusColour | undefined): string {
  const c = strings(locale).colours;
  return colour ? c[colour] : c.ingen;
}

/** Adaptive Card TextBlock colour for a status colour. */
export function colourStyle(colour: StatusColour | undefined): "Good" | "Warning" | "Attention" | "Default" {
  return colour === "gron" ? "Good" : colour === "gul" ? "Warning" : colour === "rod" ? "Attention" : "Default";
}

/** `2025-06-15` or a date-time → `15 juni 2025` / `15 June 2025` (Swedish time for date-times). */
export function formatDate(value: string, locale: Locale): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(strings(locale).dateLocale, { dateStyle: "long", timeZone: dateOnly ? "UTC" : "Europe/Stockholm" }).format(date);
}
