/** The program office's assessment: per criterion met yes/no with a comment, a summary and a recommendation. */
import { useState } from "react";
import { Button, Field, Radio, RadioGroup, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { AssessmentInputSchema, COLLABORATION_CRITERION_ID, type AssessmentInput } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { useI18n } from "../../../i18n";
import { StaleNotice, SubmitError } from "./FormParts";
import { useFormStyles } from "./ProjectFormFields";
import type { EffortFormProps } from "./types";
import { useStaleAware } from "./useStaleAware";

const useStyles = makeStyles({
  criterion: {
    display: "grid",
    gridTemplateColumns: "minmax(160px, 1fr) 2fr",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    "@media (max-width: 600px)": { gridTemplateColumns: "1fr" },
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  muted: { color: tokens.colorNeutralForeground2, display: "block", fontSize: tokens.fontSizeBase200 },
});

type CriterionState = { met: "ja" | "nej"; comment: string };

export default function AssessmentForm({ project, onCancel, onSaved, onLatest }: EffortFormProps) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, lookups } = useApp();
  const sender = useStaleAware(project, onLatest);
  const criteria = lookups.criteria.filter((c) => c.active !== false || project.criteriaIds.includes(c.id));

  const [state, setState] = useState<Record<string, CriterionState>>(() =>
    Object.fromEntries(
      criteria.map((c) => {
        const earlier = project.assessment?.criteria.find((a) => a.criterionId === c.id);
        const met = earlier ? earlier.met : project.criteriaIds.includes(c.id);
        return [c.id, { met: met ? "ja" : "nej", comment: earlier?.comment ?? "" }];
      }),
    ),
  );
  const [summary, setSummary] = useState(project.assessment?.summary ?? "");
  const [recommendation, setRecommendation] = useState<"" | "inkludera" | "avsla">(project.assessment?.recommendation ?? "");
  const [submitted, setSubmitted] = useState(false);

  const input: AssessmentInput = {
    criteria: criteria.map((c) => {
      const s = state[c.id]!;
      const comment = s.comment.trim();
      return comment ? { criterionId: c.id, met: s.met === "ja", comment } : { criterionId: c.id, met: s.met === "ja" };
    }),
    summary,
    recommendation: recommendation || "inkludera",
  };
  const summaryError = submitted && !summary.trim() ? t("form.err.required") : sender.fieldError("summary");
  const recommendationError = submitted && !recommendation ? t("form.err.required") : sender.fieldError("recommendation");

  const submit = async () => {
    setSubmitted(true);
    if (!recommendation || !AssessmentInputSchema.safeParse(input).success) return;
    const ok = await sender.send((etag) => api.assess(project.id, input, etag));
    if (ok) onSaved(t("detail.assessed"));
  };

  return (
    <form
      className={formStyles.form}
      noValidate
      aria-label={t("assess.title", { name: project.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <StaleNotice show={sender.stale} />
      <SubmitError error={sender.error} />
      <Text>{t("assess.intro")}</Text>
      {criteria.map((c) => {
        const s = state[c.id]!;
        const name = i18n.refName(c);
        const set = (change: Partial<CriterionState>) => setState((prev) => ({ ...prev, [c.id]: { ...prev[c.id]!, ...change } }));
        return (
          <fieldset key={c.id} className={styles.criterion} data-criterion={c.id}>
            <legend className={styles.legend}>
              {name}
              {(c.mandatory || c.id === COLLABORATION_CRITERION_ID) && ` (${t("form.criteria.mandatory")})`}
            </legend>
            <div>
              <Field label={t("assess.met")}>
                <RadioGroup value={s.met} layout="horizontal" onChange={(_, d) => set({ met: d.value as CriterionState["met"] })}>
                  <Radio value="ja" label={t("common.yes")} />
                  <Radio value="nej" label={t("common.no")} />
                </RadioGroup>
              </Field>
              {project.criteriaIds.includes(c.id) && <Text className={styles.muted}>{t("assess.claimed")}</Text>}
            </div>
            <Field label={t("assess.comment", { criterion: name })}>
              <Textarea value={s.comment} rows={2} resize="vertical" onChange={(_, d) => set({ comment: d.value })} />
            </Field>
          </fieldset>
        );
      })}
      <Field label={t("assess.summary")} required validationMessage={summaryError} validationState={summaryError ? "error" : "none"}>
        <Textarea value={summary} rows={4} resize="vertical" onChange={(_, d) => setSummary(d.value)} />
      </Field>
      <Field label={t("assess.recommendation")} required validationMessage={recommendationError} validationState={recommendationError ? "error" : "none"}>
        <RadioGroup value={recommendation} onChange={(_, d) => setRecommendation(d.value as "inkludera" | "avsla")}>
          <Radio value="inkludera" label={t("recommendation.inkludera")} />
          <Radio value="avsla" label={t("recommendation.avsla")} />
        </RadioGroup>
      </Field>
      <div className={formStyles.actions}>
        <Button appearance="primary" type="submit" disabled={sender.submitting} icon={sender.submitting ? <Spinner size="tiny" /> : undefined}>
          {sender.submitting ? t("common.saving") : t("assess.submit")}
        </Button>
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}
