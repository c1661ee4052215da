/** The steering group's decision on one application: include or reject, with a required rationale. */
import { Input, MessageBar, MessageBarBody, Radio, RadioGroup, Text, Textarea } from "@fluentui/react-components";
import { DecisionInputSchema, type DecisionInput } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { ContractForm, FormField } from "../../../forms/FormShell";
import { useContractForm } from "../../../forms/useContractForm";
import type { ZodIssue } from "../../../forms/contractErrors";
import { useI18n } from "../../../i18n";
import { useDetailStyles } from "../ProjectDetailView";
import type { EffortFormProps } from "./types";
import { useEffortVersion } from "./useEffortVersion";

/** Today's date in Sweden as ÅÅÅÅ-MM-DD. */
export function todayInSweden(now = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

interface DecisionValues {
  outcome: "" | DecisionInput["outcome"];
  rationale: string;
  decisionDate: string;
}
const FIELDS = ["outcome", "rationale", "decisionDate"] as const;
const toInput = (v: DecisionValues) => ({ outcome: v.outcome, rationale: v.rationale, decisionDate: v.decisionDate || undefined });

export default function DecisionForm({ project, onCancel, onSaved, onLatest }: EffortFormProps) {
  const detailStyles = useDetailStyles();
  const { t } = useI18n();
  const { api } = useApp();
  const version = useEffortVersion(project, onLatest);
  const form = useContractForm({
    schema: DecisionInputSchema,
    initial: (): DecisionValues => ({ outcome: "", rationale: "", decisionDate: todayInSweden() }),
    toInput,
    fields: FIELDS,
    message: (field: (typeof FIELDS)[number], issue: ZodIssue) =>
      field === "rationale" && issue.code === "too_small" ? t("form.err.rationale") : field === "decisionDate" ? t("form.err.date") : undefined,
    onConflict: async () => {
      await version.loadLatest();
    },
  });
  const { values, errors } = form;

  const submit = async () => {
    if (await form.submit((input) => api.decide(project.id, input, version.etag))) onSaved(t("detail.decided"));
  };

  return (
    <ContractForm form={form} label={t("decide.title", { name: project.name })} onSubmit={() => void submit()} submitLabel={t("decide.submit")} onCancel={onCancel}>
      <Text>{t("decide.intro")}</Text>
      {project.assessment && (
        <div className={detailStyles.card}>
          <Text weight="semibold">{t("detail.assessment")}</Text>
          <Text>
            {t("detail.assessment.recommendation")}:{" "}
            {t(project.assessment.recommendation === "inkludera" ? "recommendation.inkludera" : "recommendation.avsla")}
          </Text>
          <p className={detailStyles.prose}>{project.assessment.summary}</p>
        </div>
      )}
      {!project.financing.secured && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t("decide.financingWarning")}</MessageBarBody>
        </MessageBar>
      )}
      <FormField name="outcome" errors={errors} label={t("decide.outcome")} required>
        <RadioGroup value={values.outcome} onChange={(_, d) => form.set({ outcome: d.value as DecisionInput["outcome"] })}>
          <Radio value="inkluderad" label={t("decide.include")} />
          <Radio value="avslagen" label={t("decide.reject")} />
        </RadioGroup>
      </FormField>
      <FormField name="rationale" errors={errors} label={t("decide.rationale")} required hint={t("decide.rationale.hint")}>
        <Textarea
          value={values.rationale}
          rows={4}
          resize="vertical"
          onChange={(_, d) => form.set({ rationale: d.value })}
          onBlur={() => form.onBlur("rationale")}
        />
      </FormField>
      <FormField name="decisionDate" errors={errors} label={t("decide.date")}>
        <Input type="date" value={values.decisionDate} onChange={(_, d) => form.set({ decisionDate: d.value })} onBlur={() => form.onBlur("decisionDate")} />
      </FormField>
    </ContractForm>
  );
}
