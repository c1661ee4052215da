import { RoleSchema, type Permission, type ProjectStatus, type Role } from "../contracts/index.js";

/**
 * Program office (PP 8.2.1–8.2.2): assesses, edits and moves efforts, keeps reference data, follows deliveries,
 * sees who has access.
 */
export const PROGRAM_OFFICE_ROLES: readonly Role[] = ["programledare", "koordinator", "forandringsledare"];
/** Steering group (PP 8.2): decides inclusion of each application. */
export const STEERING_GROUP_ROLES: readonly Role[] = ["styrgrupp_ordforande", "styrgrupp_vice_ordforande", "styrgrupp_ledamot"];
/** Who runs follow-up rounds: the program office and programområdesansvariga, who run the activities (PP 9.2.1). */
export const SURVEY_MANAGER_ROLES: readonly Role[] = [...PROGRAM_OFFICE_ROLES, "programomradesansvarig"];
/** Who reads the results: those who run rounds, the steering group they are reported to, the controller. */
export const SURVEY_READER_ROLES: readonly Role[] = [...SURVEY_MANAGER_ROLES, ...STEERING_GROUP_ROLES, "controller"];
/** Every role except the bot's service identity is a program role: it reads the portfolio. */
export const PROGRAM_ROLES: readonly Role[] = RoleSchema.options.filter((role) => role !== "bot");
/**
 * Who may apply for inclusion (SPEC 1): project leaders and owners, change owners (who own projects), and the program
 * office, which registers applications it receives. Nobody else can put applications in the office's channel.
 */
export const APPLICANT_ROLES: readonly Role[] = ["projektledare", "projektagare", "forandringsagare", ...PROGRAM_OFFICE_ROLES];

const ORDER: readonly Permission[] = [
  "portfolio.read",
  "portfolio.apply",
  "portfolio.edit",
  "portfolio.assess",
  "portfolio.decide",
  "portfolio.changeStatus",
  "reference.edit",
  "members.read",
  "members.manage",
  "bot.programOfficeChannel",
  "deliveries.read",
  "escalations.read",
  "escalations.raise",
  "risks.read",
  "risks.manage",
  "surveys.manage",
  "surveys.read",
  "inquiries.read",
  "inquiries.assign",
  "inquiries.settings",
];

/** PP 9.4: the programledare owns the risk list; the coordinator keeps it with them. */
export const RISK_MANAGER_ROLES: readonly Role[] = ["programledare", "koordinator"];

/** Permissions granted by a set of roles (union), in a stable order. */
export function permissionsFor(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    if (PROGRAM_ROLES.includes(role)) {
      granted.add("portfolio.read");
      // Any program role reports deviations and raises escalations (PP 9.5); acting is for the holder.
      granted.add("escalations.read");
      granted.add("escalations.raise");
      granted.add("risks.read");
    }
    if (APPLICANT_ROLES.includes(role)) granted.add("portfolio.apply");
    if (RISK_MANAGER_ROLES.includes(role)) granted.add("risks.manage");
    if (PROGRAM_OFFICE_ROLES.includes(role)) {
      for (const p of ["portfolio.assess", "portfolio.edit", "portfolio.changeStatus", "reference.edit", "deliveries.read", "members.read", "inquiries.read"] as const) {
        granted.add(p);
      }
    }
    if (STEERING_GROUP_ROLES.includes(role)) granted.add("portfolio.decide");
    if (SURVEY_MANAGER_ROLES.includes(role)) granted.add("surveys.manage");
    if (SURVEY_READER_ROLES.includes(role)) granted.add("surveys.read");
    if (role === "programledare" || role === "koordinator") {
      granted.add("inquiries.assign");
      granted.add("inquiries.settings");
    }
    if (role === "programledare") {
      granted.add("members.manage");
      granted.add("bot.programOfficeChannel");
    }
    // The bot's own identity (no acting user) may read the portfolio, e.g. to answer in a channel; nothing else.
    if (role === "bot") granted.add("portfolio.read");
  }
  // Whoever manages members sees them.
  if (granted.has("members.manage")) granted.add("members.read");
  return ORDER.filter((p) => granted.has(p));
}

/** Who is asking, as the rules see it. */
export interface Actor {
  email: string;
  permissions: readonly Permission[];
}

/** The parts of an effort the permission rules look at. */
export interface ProjectAccessView {
  status: ProjectStatus;
  createdBy: string;
  projectLeader: { email?: string | undefined };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

/** The applicant: whoever created the application, or the named project leader. */
export function isApplicant(actor: Actor, project: ProjectAccessView): boolean {
  const email = actor.email.toLowerCase();
  return project.createdBy.toLowerCase() === email || project.projectLeader.email?.toLowerCase() === email;
}

/** Statuses in which the applicant may still edit their own application. */
export const APPLICANT_EDITABLE_STATUSES: readonly ProjectStatus[] = ["ide", "ansokan_inlamnad"];

export function canEditProject(actor: Actor, project: ProjectAccessView): boolean {
  if (hasPermission(actor, "portfolio.edit")) return true;
  return hasPermission(actor, "portfolio.apply") && isApplicant(actor, project) && APPLICANT_EDITABLE_STATUSES.includes(project.status);
}
