/** Contracts shared by the API, the bot and the tabs. Declared once; everything else imports from here. */
export * from "./common.js";
export * from "./roles.js";
export * from "./reference.js";
export * from "./projects.js";
export * from "./decisions.js";
export * from "./bot.js";
export * from "./members.js";
export * from "./escalations.js";
export * from "./risks.js";
export * from "./surveys.js";
export * from "./routes.js";
export * from "./client.js";
export * from "./inquiries.js";
