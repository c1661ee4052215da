import { surveyFormCard, SURVEY_STRINGS } from "../cards/surveyCards.js";
import { apiRefusal } from "./shared.js";
import { modelOf } from "./surveyAnswer.js";
import type { CommandHandler } from "./types.js";

/** Cards the command sends at most at once (Teams shows each as its own message). */
const MAX_CARDS = 5;

/** `mina enkäter` / `my surveys`: the open rounds still waiting for the user's answer, each as its card. */
export const mySurveys: CommandHandler = async ({ api, locale }) => {
  const s = SURVEY_STRINGS[locale];
  try {
    const { items } = await api.mySurveys();
    const waiting = items.flatMap((round) => (round.mine ?? []).filter((m) => !m.answered).map((m) => modelOf(round, m.projectId)));
    if (waiting.length === 0) return { text: s.none };
    return { text: s.waiting(waiting.length), cards: waiting.slice(0, MAX_CARDS).map((model) => surveyFormCard(model, locale)) };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};
