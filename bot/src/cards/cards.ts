import { cardAttachment, expandCard, type CardAttachment } from "./render.js";
import application from "./templates/application.json" with { type: "json" };
import applicationSubmitted from "./templates/application-submitted.json" with { type: "json" };
import help from "./templates/help.json" with { type: "json" };
import portfolio from "./templates/portfolio.json" with { type: "json" };
import project from "./templates/project.json" with { type: "json" };
import projectChoice from "./templates/project-choice.json" with { type: "json" };
import risk from "./templates/risk.json" with { type: "json" };
import riskForm from "./templates/risk-form.json" with { type: "json" };
import riskList from "./templates/risk-list.json" with { type: "json" };
import riskReview from "./templates/risk-review.json" with { type: "json" };

/** The conversation's card templates (JSON in `templates/`), by name. */
export const templates = {
  help,
  portfolio,
  project,
  "project-choice": projectChoice,
  application,
  "application-submitted": applicationSubmitted,
  risk,
  "risk-form": riskForm,
  "risk-list": riskList,
  "risk-review": riskReview,
} as const;
export type TemplateName = keyof typeof templates;

/** Expands a template with its data and wraps it as a Teams attachment. */
export function renderCard(name: TemplateName, data: object): CardAttachment {
  return cardAttachment(expandCard(templates[name], data));
}
