import { DEMO_USERS } from "@naravard/api/contracts";
import { strings } from "../i18n/strings.js";
import type { CommandHandler } from "./types.js";

/** Demo users a local conversation may act as (everyone but the bot itself). */
export const ACTABLE_DEMO_USERS: readonly string[] = Object.values(DEMO_USERS).filter((e) => e !== DEMO_USERS.bot);

/**
 * `som [e-post]` — LOCAL MODE ONLY, dev tooling: the conversation acts as another demo user from now on (in this
 * bot process). Not registered in production (see handlers/index.ts), and refuses there anyway.
 */
export const actAs: CommandHandler = ({ locale, env, args, user }) => {
  const s = strings(locale).actAs;
  if (env.mode !== "local") return Promise.resolve({ text: s.productionOnly });
  const users = ACTABLE_DEMO_USERS.join(", ");
  const email = args.trim().toLowerCase().replace(/^mailto:/, "");
  if (!email) return Promise.resolve({ text: `${s.done(user.email)}\n\n${s.usage(users)}` });
  if (!ACTABLE_DEMO_USERS.includes(email)) return Promise.resolve({ text: s.unknown(email, users) });
  return Promise.resolve({ text: s.done(email), actAs: email });
};
