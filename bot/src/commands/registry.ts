import { actAs } from "../handlers/actAs.js";
import { apply } from "../handlers/apply.js";
import { escalate } from "../handlers/escalate.js";
import { myEscalations } from "../handlers/myEscalations.js";
import { help } from "../handlers/help.js";
import { createSurvey } from "../handlers/createSurvey.js";
import { mySurveys } from "../handlers/mySurveys.js";
import { inquiries, myInquiries } from "../handlers/inquiries.js";
import { portfolio } from "../handlers/portfolio.js";
import { programOffice } from "../handlers/programOffice.js";
import { project } from "../handlers/project.js";
import { newRisk } from "../handlers/newRisk.js";
import { risk } from "../handlers/risk.js";
import { risks } from "../handlers/risks.js";
import type { CommandDef } from "./types.js";

/**
 * Every command the bot understands, in the order help lists them. The dispatcher (handlers/index.ts), the help
 * card and the manifest's command menu (`npm run manifest:commands -w bot`) are all built from this list: adding a
 * command is one entry here and one handler file.
 */
export const COMMANDS: readonly CommandDef[] = [
  {
    id: "portfolio",
    triggers: { sv: ["portfölj", "portföljen", "utvecklingsportfölj"], en: ["portfolio"] },
    description: {
      sv: "Sammanfattning av utvecklingsportföljen med senaste status",
      en: "Summary of the development portfolio with the latest status",
    },
    scopes: ["personal", "team", "groupChat"],
    priority: 10,
    handler: portfolio,
  },
  {
    id: "project",
    triggers: { sv: ["projekt", "visa projekt"], en: ["project", "show project"] },
    usage: { sv: "projekt [del av namn]", en: "project [part of name]" },
    description: {
      sv: "Visa ett utvecklingsarbete, t.ex. ”projekt påverkbar”",
      en: "Show one development effort, e.g. “project påverkbar”",
    },
    scopes: ["personal", "team", "groupChat"],
    priority: 20,
    handler: project,
  },
  {
    id: "apply",
    triggers: { sv: ["ansök", "ansökan"], en: ["apply", "application"] },
    description: {
      sv: "Ansök om att inkludera ett utvecklingsarbete i portföljen",
      en: "Apply to include a development effort in the portfolio",
    },
    scopes: ["personal", "team", "groupChat"],
    priority: 30,
    handler: apply,
  },
  {
    id: "escalate",
    triggers: { sv: ["eskalera"], en: ["escalate"] },
    description: {
      sv: "Eskalera en fråga som inte kan lösas på din nivå (PP 9.5)",
      en: "Escalate a matter that cannot be solved at your level (PP 9.5)",
    },
    scopes: ["personal", "team", "groupChat"],
    priority: 40,
    handler: escalate,
  },
  {
    id: "myEscalations",
    triggers: { sv: ["mina eskaleringar", "eskaleringar"], en: ["my escalations", "escalations"] },
    description: {
      sv: "Öppna eskaleringar som väntar på dig",
      en: "Open escalations waiting for you",
    },
    scopes: ["personal", "team", "groupChat"],
    priority: 45,
    handler: myEscalations,
  },
  {
    id: "risks",
    triggers: { sv: ["risker", "risklista", "risklistan"], en: ["risks", "risk list"] },
    description: { sv: "Programmets högsta risker, med länk till risklistan", en: "The program's highest risks, with a link to the risk list" },
    scopes: ["personal", "team", "groupChat"],
    priority: 50,
    handler: risks,
  },
  {
    id: "risk",
    // "risk" is the same word in English; the Swedish trigger answers both.
    triggers: { sv: ["risk", "visa risk"], en: ["show risk"] },
    usage: { sv: "risk [del av titeln]", en: "risk [part of the title]" },
    description: { sv: "Visa en risk, t.ex. ”risk kommunikation”", en: "Show one risk, e.g. “risk kommunikation”" },
    scopes: ["personal", "team", "groupChat"],
    priority: 85,
    handler: risk,
  },
  {
    id: "newRisk",
    triggers: { sv: ["ny risk"], en: ["new risk", "add risk"] },
    description: { sv: "Lägg till en risk i programmets risklista (programkontoret)", en: "Add a risk to the program's risk list (program office)" },
    scopes: ["personal", "team", "groupChat"],
    priority: 80,
    handler: newRisk,
  },
  {
    id: "mySurveys",
    triggers: { sv: ["mina enkäter", "enkäter"], en: ["my surveys", "surveys"] },
    description: {
      sv: "Enkäter som väntar på ditt svar – svara direkt på kortet",
      en: "Surveys waiting for your answer – answer right on the card",
    },
    scopes: ["personal"],
    priority: 47,
    handler: mySurveys,
  },
  {
    id: "createSurvey",
    triggers: { sv: ["enkät", "ny enkät"], en: ["survey", "new survey"] },
    description: {
      sv: "Skicka en enkät: aktivitetsuppföljning, effektuppföljning eller statusbegäran (programkontoret)",
      en: "Send a survey: activity survey, effect follow-up or status request (program office)",
    },
    scopes: ["personal", "team"],
    priority: 57,
    handler: createSurvey,
  },
  {
    id: "myInquiries",
    triggers: { sv: ["mina ärenden"], en: ["my inquiries"] },
    description: {
      sv: "Dina öppna ärenden från funktionsbrevlådan, med tid kvar",
      en: "Your open inquiries from the shared mailbox, with time left",
    },
    scopes: ["personal"],
    priority: 48,
    handler: myInquiries,
  },
  {
    id: "inquiries",
    triggers: { sv: ["ärenden"], en: ["inquiries"] },
    description: {
      sv: "Programkontorets öppna ärenden från funktionsbrevlådan (36-timmarsregeln)",
      en: "The program office's open inquiries from the shared mailbox (the 36-hour rule)",
    },
    scopes: ["personal", "team"],
    // After programkontor: the menu holds ten, and a channel must keep that one; typed, `ärenden` always works.
    priority: 52,
    handler: inquiries,
  },
  {
    id: "programOffice",
    triggers: { sv: ["programkontor", "programkontoret"], en: ["program office", "programoffice"] },
    description: {
      sv: "I en kanal: gör kanalen till programkontorets kanal (programledare)",
      en: "In a channel: make it the program office channel (program manager)",
    },
    // Only a channel can become the program office channel; elsewhere the handler explains that.
    scopes: ["team"],
    // Used once per installation.
    priority: 70,
    handler: programOffice,
  },
  {
    id: "help",
    triggers: { sv: ["hjälp", "kommandon"], en: ["help", "?", "commands"] },
    description: { sv: "Visa vad boten kan och alla kommandon", en: "Show what the bot can do and every command" },
    scopes: ["personal", "team", "groupChat"],
    // Always in the command menu, however many commands there are: it is the way to all the others.
    priority: 1,
    handler: (input) => help(input, COMMANDS),
  },
  {
    id: "actAs",
    triggers: { sv: ["som"], en: ["act as"] },
    usage: { sv: "som [e-post]", en: "som [email]" },
    description: {
      sv: "Lokalt läge: agera som en demoanvändare i den här konversationen",
      en: "Local mode: act as a demo user in this conversation",
    },
    scopes: ["personal", "team", "groupChat"],
    localOnly: true,
    priority: 100,
    handler: actAs,
  },
];
