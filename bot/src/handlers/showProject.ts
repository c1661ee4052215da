import { projectCard } from "../cards/views.js";
import { apiRefusal } from "./shared.js";
import type { CardActionHandler } from "./types.js";
import { strings } from "../i18n/strings.js";

/** Card verb `showProject` (from the choice card): the chosen effort's card replaces the choice. */
export const showProject: CardActionHandler = async ({ api, locale, env, args }) => {
  const id = typeof args.projectId === "string" ? args.projectId : "";
  if (!id) return { text: strings(locale).errors.notFound };
  try {
    const [p, ref] = await Promise.all([api.getProject(id), api.reference()]);
    return { updatedCard: projectCard(p, ref, locale, env.links) };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};
