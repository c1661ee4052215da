/**
 * The accessibility statement (tillgänglighetsredogörelse) that the law on accessibility of digital
 * public services (DOS-lagen, 2018:1937) requires, in the structure of DIGG's model statement.
 * It is a document, not UI strings, so it lives here in both languages rather than in i18n.ts.
 *
 * Keep `knownGaps` honest: while it is not empty the service is "delvis förenlig" (partially
 * compliant). Update `assessedOn` whenever the list or the testing changes.
 */
import type { AppLocale } from "../../i18n";

/** The program's shared mailbox (programplanen kap. 12). */
export const REPORT_MAILBOX = "naravard@rvn.se";
/** DIGG's form for reporting a public-sector service that does not meet the law. */
export const DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan";
export const WCAG_URL = "https://www.w3.org/Translations/WCAG21-sv/";
/** When the service was last assessed and the statement last reviewed (ÅÅÅÅ-MM-DD). */
export const ASSESSED_ON = "2026-11-30";

export type Compliance = "fully" | "partially" | "not";

export interface Statement {
  title: string;
  intro: string[];
  howAccessible: { heading: string; body: string; list: string[] };
  ifYouCannot: { heading: string; body: string; responseTime: string };
  report: { heading: string; body: string };
  supervision: { heading: string; body: string; link: string };
  technical: { heading: string; body: (compliance: Compliance) => string };
  knownGaps: { heading: string; items: Array<{ title: string; body: string; criteria: string }> };
  notCovered: { heading: string; items: string[] };
  testing: { heading: string; body: string[]; assessed: string; updated: string };
}

const sv: Statement = {
  title: "Tillgänglighetsredogörelse",
  intro: [
    "Region Västernorrland står bakom Nära vård i Teams, programmet God och nära vårds flikar och bot i Microsoft Teams. Vi vill att så många som möjligt ska kunna använda tjänsten. Det här dokumentet beskriver hur Nära vård i Teams uppfyller lagen om tillgänglighet till digital offentlig service, eventuella kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.",
  ],
  howAccessible: {
    heading: "Hur tillgänglig är tjänsten?",
    body: "Vi vet att vissa delar av tjänsten inte är helt tillgängliga. Se avsnittet om innehåll som inte är tillgängligt nedan. Tjänsten ska fungera med",
    list: [
      "tangentbord, utan mus,",
      "skärmläsare och förstoring,",
      "Teams ljusa, mörka och högkontrastläge,",
      "svenska och engelska (engelska när Teams är inställt på engelska).",
    ],
  },
  ifYouCannot: {
    heading: "Vad kan du göra om du inte kan använda delar av tjänsten?",
    body: "Om du behöver innehåll i tjänsten i ett annat format, till exempel portföljen eller beslutsloggen som tillgänglig fil, eller om du inte kommer åt en funktion, kontakta programkontoret via funktionsbrevlådan",
    responseTime: "Vi svarar normalt inom två arbetsdagar.",
  },
  report: {
    heading: "Rapportera brister i tjänstens tillgänglighet",
    body: "Vi strävar hela tiden efter att förbättra tjänstens tillgänglighet. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss via funktionsbrevlådan",
  },
  supervision: {
    heading: "Tillsyn",
    body: "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.",
    link: "Anmäl till Digg (digg.se/tdosanmalan)",
  },
  technical: {
    heading: "Teknisk information om tjänstens tillgänglighet",
    body: (c) =>
      c === "fully"
        ? "Tjänsten är helt förenlig med lagen om tillgänglighet till digital offentlig service, nivå AA i WCAG 2.1."
        : c === "partially"
          ? "Tjänsten är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. Kravnivån är AA i Web Content Accessibility Guidelines (WCAG) 2.1."
          : "Tjänsten är inte förenlig med lagen om tillgänglighet till digital offentlig service.",
  },
  knownGaps: {
    heading: "Innehåll som inte är tillgängligt",
    items: [
      {
        title: "Diagrammen i balanseringsvyerna",
        body: "Diagrammens färger har inte kontrollerats mot varandra för kontrast, och detaljer i diagrammen visas när muspekaren eller fokus står på en stapel eller sektor. Varje diagram har en tabell med samma uppgifter bakom knappen ”Visa som tabell”; använd den om diagrammet är svårt att läsa.",
        criteria: "WCAG 1.4.11 Kontrast för icke-textinnehåll, 1.4.13 Innehåll vid hovring eller fokus",
      },
      {
        title: "Breda tabeller på smala skärmar",
        body: "Portföljtabellen och beslutsloggen är bredare än en mobilskärm och behöver rullas i sidled vid 320 pixlars bredd eller 400 % förstoring.",
        criteria: "WCAG 1.4.10 Anpassning till skärmstorlek",
      },
      {
        title: "Inte manuellt granskad med skärmläsare",
        body: "Tjänsten är testad automatiskt och med tangentbord, men ännu inte av användare med skärmläsare (NVDA, JAWS, VoiceOver, TalkBack). Det kan finnas brister i hur uppdateringar läses upp som vi inte känner till.",
        criteria: "WCAG 4.1.3 Statusmeddelanden, 1.3.1 Information och relationer",
      },
      {
        title: "Botens kort i chatten",
        body: "Botens svar visas som kort (Adaptive Cards) som Teams ritar upp. Vi har inte testat korten med skärmläsare i alla Teams-klienter; allt som visas i ett kort finns också i flikarna.",
        criteria: "WCAG 1.3.1 Information och relationer, 2.4.6 Rubriker och etiketter",
      },
    ],
  },
  notCovered: {
    heading: "Innehåll som inte omfattas av redogörelsen",
    items: [
      "Microsoft Teams själv (menyer, chatt, kanaler och inloggning); Microsoft ansvarar för Teams tillgänglighet.",
      "Slutrapporter och andra dokument som utvecklingsarbetena länkar till; de publiceras av respektive part.",
    ],
  },
  testing: {
    heading: "Hur vi testat tjänsten",
    body: [
      "Vi har gjort en självskattning (intern testning) av Nära vård i Teams.",
      "Varje version testas automatiskt med axe-core i webbläsaren Chromium mot WCAG 2.1 A och AA, i ljust, mörkt och högkontrastläge, på portföljen, detaljpanelen, ansökningsformuläret, balanseringsvyerna, beslutsloggen och den här sidan. Vi testar också att flikarna går att använda med tangentbord.",
    ],
    assessed: "Senaste bedömningen gjordes {date}.",
    updated: "Redogörelsen uppdaterades senast {date}.",
  },
};

const en: Statement = {
  title: "Accessibility statement",
  intro: [
    "Region Västernorrland is responsible for Nära vård i Teams, the tabs and bot of the programme God och nära vård in Microsoft Teams. We want as many people as possible to be able to use the service. This statement describes how Nära vård i Teams complies with the Swedish law on accessibility of digital public services, any known accessibility problems, and how you can report problems to us so that we can fix them.",
  ],
  howAccessible: {
    heading: "How accessible is the service?",
    body: "We know that some parts of the service are not fully accessible. See the section on content that is not accessible below. The service is meant to work with",
    list: [
      "a keyboard, without a mouse,",
      "screen readers and magnification,",
      "the Teams light, dark and high-contrast themes,",
      "Swedish and English (English when Teams is set to English).",
    ],
  },
  ifYouCannot: {
    heading: "What can you do if you cannot use parts of the service?",
    body: "If you need content of the service in another format, for example the portfolio or the decision log as an accessible file, or if you cannot reach a function, contact the programme office through the shared mailbox",
    responseTime: "We normally reply within two working days.",
  },
  report: {
    heading: "Report accessibility problems",
    body: "We are always working to improve the accessibility of the service. If you find problems that are not described on this page, or if you think we do not meet the requirements of the law, let us know through the shared mailbox",
  },
  supervision: {
    heading: "Enforcement",
    body: "The Agency for Digital Government (Digg) supervises the law on accessibility of digital public services. If you are not satisfied with how we handle your comments, you can contact Digg and tell them.",
    link: "Report to Digg (digg.se/tdosanmalan, in Swedish)",
  },
  technical: {
    heading: "Technical information about the accessibility of the service",
    body: (c) =>
      c === "fully"
        ? "The service is fully compliant with the law on accessibility of digital public services, level AA of WCAG 2.1."
        : c === "partially"
          ? "The service is partially compliant with the law on accessibility of digital public services, due to the problems described below. The required level is AA of the Web Content Accessibility Guidelines (WCAG) 2.1."
          : "The service is not compliant with the law on accessibility of digital public services.",
  },
  knownGaps: {
    heading: "Content that is not accessible",
    items: [
      {
        title: "Charts in the balancing views",
        body: "The colours of the charts have not been checked against each other for contrast, and chart details appear when the pointer or focus is on a bar or segment. Every chart has a table with the same figures behind the “Show as table” button; use it if a chart is hard to read.",
        criteria: "WCAG 1.4.11 Non-text contrast, 1.4.13 Content on hover or focus",
      },
      {
        title: "Wide tables on narrow screens",
        body: "The portfolio table and the decision log are wider than a phone screen and need horizontal scrolling at 320 pixels width or 400 % zoom.",
        criteria: "WCAG 1.4.10 Reflow",
      },
      {
        title: "Not reviewed manually with screen readers",
        body: "The service is tested automatically and with the keyboard, but not yet by users of screen readers (NVDA, JAWS, VoiceOver, TalkBack). There may be problems in how updates are announced that we do not know of.",
        criteria: "WCAG 4.1.3 Status messages, 1.3.1 Info and relationships",
      },
      {
        title: "The bot's cards in the chat",
        body: "The bot answers with cards (Adaptive Cards) that Teams draws. We have not tested the cards with screen readers in every Teams client; everything a card shows is also in the tabs.",
        criteria: "WCAG 1.3.1 Info and relationships, 2.4.6 Headings and labels",
      },
    ],
  },
  notCovered: {
    heading: "Content not covered by this statement",
    items: [
      "Microsoft Teams itself (menus, chat, channels and sign-in); Microsoft is responsible for the accessibility of Teams.",
      "Final reports and other documents the efforts link to; each party publishes its own.",
    ],
  },
  testing: {
    heading: "How we tested the service",
    body: [
      "We have made a self-assessment (internal testing) of Nära vård i Teams.",
      "Every version is tested automatically with axe-core in the Chromium browser against WCAG 2.1 A and AA, in the light, dark and high-contrast themes, on the portfolio, the detail panel, the application form, the balancing views, the decision log and this page. We also test that the tabs can be used with the keyboard.",
    ],
    assessed: "The latest assessment was made on {date}.",
    updated: "This statement was last updated on {date}.",
  },
};

export const statements: Record<AppLocale, Statement> = { sv, en };

/** DIGG's rule: "delvis förenlig" as long as any known gap remains. */
export function compliance(statement: Statement): Compliance {
  return statement.knownGaps.items.length > 0 ? "partially" : "fully";
}
