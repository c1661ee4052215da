import { z } from "zod";
import { EmailSchema, IdSchema } from "./common.js";

/** Roles from SPEC 1. Names shown to users come from `roleLabels`, never from these keys. */
export const RoleSchema = z.enum([
  "programledare",
  "koordinator",
  "forandringsledare",
  "programomradesansvarig",
  "controller",
  "kommunikator",
  "styrgrupp_ordforande",
  "styrgrupp_vice_ordforande",
  "styrgrupp_ledamot",
  "bestallare",
  "forandringsagare",
  "projektledare",
  "projektagare",
  "deltagare",
  "naravardsamordnare",
  /** The bot's own service identity: may act on behalf of a named user and keep delivery bookkeeping. */
  "bot",
]);
export type Role = z.infer<typeof RoleSchema>;

export const roleLabels: Record<Role, { sv: string; en: string }> = {
  programledare: { sv: "Programledare", en: "Program manager" },
  koordinator: { sv: "Programkontorskoordinator", en: "Program office coordinator" },
  forandringsledare: { sv: "Förändringsledare", en: "Change leader" },
  programomradesansvarig: { sv: "Programområdesansvarig", en: "Program area lead" },
  controller: { sv: "Programcontroller", en: "Program controller" },
  kommunikator: { sv: "Programkommunikatör", en: "Program communicator" },
  styrgrupp_ordforande: { sv: "Styrgruppens ordförande", en: "Steering group chair" },
  styrgrupp_vice_ordforande: { sv: "Styrgruppens vice ordförande", en: "Steering group vice chair" },
  styrgrupp_ledamot: { sv: "Styrgruppsledamot", en: "Steering group member" },
  bestallare: { sv: "Beställare", en: "Commissioner" },
  forandringsagare: { sv: "Förändringsägare", en: "Change owner" },
  projektledare: { sv: "Projektledare", en: "Project leader" },
  projektagare: { sv: "Projektägare", en: "Project owner" },
  deltagare: { sv: "Deltagare", en: "Participant" },
  naravardsamordnare: { sv: "Näravårdsamordnare", en: "Local coordinator" },
  bot: { sv: "Bot", en: "Bot" },
};

/** What a signed-in user may do; computed by the API from roles, sent to clients so they offer only allowed actions. */
export const PermissionSchema = z.enum([
  "portfolio.read",
  "portfolio.apply",
  "portfolio.edit",
  "portfolio.assess",
  "portfolio.decide",
  "portfolio.changeStatus",
  "reference.edit",
  /** See who has access and with which roles (program office). Implied by `members.manage`. */
  "members.read",
  "members.manage",
  "bot.programOfficeChannel",
  "deliveries.read",
  /** See escalations and raise one (any program role, PP 9.5); acting on one is for whoever holds it. */
  "escalations.read",
  "escalations.raise",
  /** Read the risk list (every program role). */
  "risks.read",
  /** Add risks, edit and review any risk, change the risk settings (programledare, koordinator). A risk's owner may edit and review their own. */
  "risks.manage",
  /** Create and close survey rounds, see who has not answered (program office, programområdesansvariga, PP 9.2.1). */
  "surveys.manage",
  /** Read survey results and the roll-ups (also the steering group). */
  "surveys.read",
  /** See the shared mailbox's inquiries (program office); the excerpt only to the office and the assignee. */
  "inquiries.read",
  /** Assign an inquiry to any change leader (programledare, koordinator); change leaders take their own. */
  "inquiries.assign",
  /** Edit the inquiry rule's settings (working time, reminder, retention). */
  "inquiries.settings",
]);
export type Permission = z.infer<typeof PermissionSchema>;

export const MemberSchema = z.object({
  email: EmailSchema,
  displayName: z.string().min(1).max(200),
  roles: z.array(RoleSchema).min(1),
  organisationId: IdSchema.optional(),
  title: z.string().max(200).optional(),
  /**
   * The person's Entra object id (`oid`) in the tenant, bound at their first sign-in (matched by UPN, never by the
   * `email` claim); from then on the id, not a changeable name, decides who they are. Absent until then.
   */
  objectId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/).optional(),
});
export type Member = z.infer<typeof MemberSchema>;

export const MeSchema = MemberSchema.extend({
  /** A signed-in user who is not (yet) a member has no roles: `GET /api/me` still answers, everything else is 403. */
  roles: z.array(RoleSchema),
  permissions: z.array(PermissionSchema),
  /** Local mode only: the demo users a developer may switch between. Empty in production. */
  demoUsers: z.array(z.object({ email: EmailSchema, displayName: z.string(), roles: z.array(RoleSchema) })),
});
export type Me = z.infer<typeof MeSchema>;
