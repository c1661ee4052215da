/** The program office's assessment: per criterion met yes/no with a comment, a summary and a recommendation. */
import { Field, Radio, RadioGroup, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { AssessmentInputSchema, COLLABORATION_CRITERION_ID, type AssessmentInput } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { ContractForm, FormField, fieldId } from "../../../forms/FormShell";
import { useContractForm } from "../../../forms/useContractForm";
import { useI18n } from "../../../i18n";
import type { EffortFormProps } from "./types";
import { useEffortVersion } from "./useEffortVersion";

const useStyles = makeStyles({
  criteria: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
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
  error: { color: tokens.colorPaletteRedForeground1 },
});

type CriterionState = { met: "ja" | "nej"; comment: string };
interface AssessmentValues {
  criteria: Array<{ criterionId: string } & CriterionState>;
  summary: string;
  recommendation: "" | AssessmentInput["recommendation"];
}
const FIELDS = ["criteria", "summary", "recommendation"] as const;

const toInput = (v: AssessmentValues) => ({
  criteria: v.criteria.map((c) => ({ criterionId: c.criterionId, met: c.met === "ja", comment: c.comment.trim() || undefined })),
  summary: v.summary,
  recommendation: v.recommendation,
});

export default function AssessmentForm({ project, onCancel, onSaved, onLatest }: EffortFormProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, lookups } = useApp();
  const version = useEffortVersion(project, onLatest);
  const criteria = lookups.criteria.filter((c) => c.active !== false || project.criteriaIds.includes(c.id));

  const form = useContractForm({
    schema: AssessmentInputSchema,
    initial: (): AssessmentValues => ({
      criteria: criteria.map((c) => {
        const earlier = project.assessment?.criteria.find((a) => a.criterionId === c.id);
        const met = earlier ? earlier.met : project.criteriaIds.includes(c.id);
        return { criterionId: c.id, met: met ? "ja" : "nej", comment: earlier?.comment ?? "" };
      }),
      summary: project.assessment?.summary ?? "",
      recommendation: project.assessment?.recommendation ?? "",
    }),
    toInput,
    fields: FIELDS,
    onConflict: async () => {
      await version.loadLatest();
    },
  });
  const { values, errors } = form;

  const submit = async () => {
    if (await form.submit((input) => api.assess(project.id, input, version.etag))) onSaved(t("detail.assessed"));
  };

  const setCriterion = (id: string, change: Partial<CriterionState>) =>
    form.set({ criteria: values.criteria.map((c) => (c.criterionId === id ? { ...c, ...change } : c)) });

  return (
    <ContractForm form={form} label={t("assess.title", { name: project.name })} onSubmit={() => void submit()} submitLabel={t("assess.submit")} onCancel={onCancel}>
      <Text>{t("assess.intro")}</Text>
      <div id={fieldId("criteria")} className={styles.criteria}>
        {errors.criteria && (
          <Text role="alert" className={styles.error}>
            {errors.criteria}
          </Text>
        )}
        {values.criteria.map((s) => {
          const c = lookups.criterion(s.criterionId);
          const name = i18n.refName(c, s.criterionId);
          return (
            <fieldset key={s.criterionId} className={styles.criterion} data-criterion={s.criterionId}>
              <legend className={styles.legend}>
                {name}
                {(c?.mandatory || s.criterionId === COLLABORATION_CRITERION_ID) && ` (${t("form.criteria.mandatory")})`}
              </legend>
              <div>
                <Field label={t("assess.met")}>
                  <RadioGroup value={s.met} layout="horizontal" onChange={(_, d) => setCriterion(s.criterionId, { met: d.value as CriterionState["met"] })}>
                    <Radio value="ja" label={t("common.yes")} />
                    <Radio value="nej" label={t("common.no")} />
                  </RadioGroup>
                </Field>
                {project.criteriaIds.includes(s.criterionId) && <Text className={styles.muted}>{t("assess.claimed")}</Text>}
              </div>
              <Field label={t("assess.comment", { criterion: name })}>
                <Textarea value={s.comment} rows={2} resize="vertical" onChange={(_, d) => setCriterion(s.criterionId, { comment: d.value })} />
              </Field>
            </fieldset>
          );
        })}
      </div>
      <FormField name="summary" errors={errors} label={t("assess.summary")} required>
        <Textarea value={values.summary} rows={4} resize="vertical" onChange={(_, d) => form.set({ summary: d.value })} onBlur={() => form.onBlur("summary")} />
      </FormField>
      <FormField name="recommendation" errors={errors} label={t("assess.recommendation")} required>
        <RadioGroup value={values.recommendation} onChange={(_, d) => form.set({ recommendation: d.value as AssessmentInput["recommendation"] })}>
          <Radio value="inkludera" label={t("recommendation.inkludera")} />
          <Radio value="avsla" label={t("recommendation.avsla")} />
        </RadioGroup>
      </FormField>
    </ContractForm>
  );
}
