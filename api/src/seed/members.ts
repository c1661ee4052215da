import { DEMO_USERS, type Member } from "../contracts/index.js";

/**
 * Demo members, one per role (local mode only; in production members are managed data). The names are invented.
 * The chair comes from the Region and the vice chair from the municipalities (PP 8.2).
 */
export const DEMO_MEMBERS: Member[] = [
  { email: DEMO_USERS.programledare, displayName: "Maria Lindqvist", roles: ["programledare"], organisationId: "rvn", title: "Programledare" },
  { email: DEMO_USERS.koordinator, displayName: "Johan Berglund", roles: ["koordinator"], organisationId: "kfvn", title: "Programkontorskoordinator" },
  { email: DEMO_USERS.forandringsledare1, displayName: "Sara Holmgren", roles: ["forandringsledare"], organisationId: "sundsvall", title: "Förändringsledare" },
  { email: "forandringsledare2@naravard.test", displayName: "Erik Nyström", roles: ["forandringsledare"], organisationId: "rvn", title: "Förändringsledare" },
  { email: "forandringsledare3@naravard.test", displayName: "Lena Sjödin", roles: ["forandringsledare"], organisationId: "ornskoldsvik", title: "Förändringsledare" },
  { email: DEMO_USERS.ordforande, displayName: "Anders Westin", roles: ["styrgrupp_ordforande"], organisationId: "rvn", title: "Styrgruppens ordförande" },
  { email: "styrgrupp.vice@naravard.test", displayName: "Karin Åberg", roles: ["styrgrupp_vice_ordforande"], organisationId: "ange", title: "Styrgruppens vice ordförande" },
  { email: DEMO_USERS.bestallare, displayName: "Ingrid Sundberg", roles: ["bestallare"], organisationId: "rvn", title: "Beställare (regiondirektör)" },
  { email: DEMO_USERS.ledamot1, displayName: "Peter Öhman", roles: ["styrgrupp_ledamot"], organisationId: "kramfors", title: "Styrgruppsledamot" },
  { email: DEMO_USERS.projektledare1, displayName: "Annika Strömberg", roles: ["projektledare"], organisationId: "timra", title: "Projektledare" },
  { email: DEMO_USERS.deltagare1, displayName: "Oskar Nilsson", roles: ["deltagare"], organisationId: "harnosand", title: "Undersköterska" },
  { email: DEMO_USERS.bot, displayName: "Nära vård-boten", roles: ["bot"], title: "Bot" },
];

/** `GET /api/me` in local mode lists these (everyone but the bot) so a developer can switch user. */
export const DEMO_USER_LIST = DEMO_MEMBERS.filter((m) => !m.roles.includes("bot")).map((m) => ({
  email: m.email,
  displayName: m.displayName,
  roles: m.roles,
}));
