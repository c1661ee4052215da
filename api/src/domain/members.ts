import type { Role } from "../contracts/index.js";
import type { FieldProblem } from "./localized.js";

/**
 * Members rules (SPEC 1, PP 9.11: the programledare manages who has access). Pure: the caller supplies the number of
 * programledare the store holds now (the Members table keeps it in a guard row, see store/members.ts).
 */

export const PROGRAMLEDARE: Role = "programledare";
/** The program always has someone who can manage access. */
export const MIN_PROGRAMLEDARE = 1;

export const LAST_PROGRAMLEDARE_TEXT = {
  sv: "Programmet måste ha minst en programledare.",
  en: "The program must have at least one program manager.",
};

const holdsProgramledare = (roles: readonly Role[] | null): boolean => roles?.includes(PROGRAMLEDARE) ?? false;

/**
 * How a change moves the number of programledare: +1 (gains the role), −1 (loses it, or a programledare is deleted),
 * 0 otherwise. `null` roles = no member (before a create, after a delete).
 */
export function programledareDelta(before: readonly Role[] | null, after: readonly Role[] | null): -1 | 0 | 1 {
  const was = holdsProgramledare(before);
  const is = holdsProgramledare(after);
  return was === is ? 0 : is ? 1 : -1;
}

export interface MemberChange {
  /** The member's roles now; null when the member does not exist yet. */
  before: readonly Role[] | null;
  /** The roles after the change; null when the member is deleted. */
  after: readonly Role[] | null;
  /** How many members hold programledare now (before the change). */
  programledareCount: number;
  /** The field to name in the problem: `roles` for PUT, `email` for DELETE. */
  field: string;
}

/**
 * The "last programledare" rule: a change that would leave the program without a programledare is refused — a
 * programledare cannot drop their own role, or delete themselves, when nobody else holds it.
 */
export function checkProgramledareKept(change: MemberChange): FieldProblem[] {
  const delta = programledareDelta(change.before, change.after);
  if (delta >= 0) return [];
  return change.programledareCount + delta >= MIN_PROGRAMLEDARE ? [] : [{ field: change.field, message: LAST_PROGRAMLEDARE_TEXT }];
}
