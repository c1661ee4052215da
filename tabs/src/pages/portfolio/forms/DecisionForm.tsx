/** The steering group's decision on one application: include or reject, with a required rationale. */
import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Text, Textarea } from "@fluentui/react-components";
import type { DecisionInput } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { useI18n } from "../../../i18n";
import { useDetailStyles } from "../ProjectDetailView";
import { StaleNotice, SubmitError } from "./FormParts";
import { useFormStyles } from "./ProjectFormFields";
import type { EffortFormProps } from "./types";
import { useStaleAware } from "./useStaleAware";

/** Today's date in Sweden as ÅÅÅÅ-MM-DD. */
export function todayInSweden(now = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export default function DecisionForm({ project, onCancel, onSaved, onLatest }: EffortFormProps) {
  const formStyles = useFormStyles();
  const detailStyles = useDetailStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useApp();
  const sender = useStaleAware(project, onLatest);
  const [outcome, setOutcome] = useState<"" | DecisionInput["outcome"]>("");
  const [rationale, setRationale] = useState("");
  const [date, setDate] = useState(todayInSweden);
  const [submitted, setSubmitted] = useState(false);

  const outcomeError = submitted && !outcome ? t("form.err.required") : sender.fieldError("outcome");
  const rationaleError = submitted && rationale.trim().length < 3 ? t("form.err.rationale") : sender.fieldError("rationale");
  const dateError = submitted && date && !/^\d{4}-\d{2}-\d{2}$/.test(date) ? t("form.err.date") : sender.fieldError("decisionDate");

  const submit = async () => {
    setSubmitted(true);
    if (!outcome || rationale.trim().length < 3 || (date && !/^\d{4}-\d{2}-\d{2}$/.test(date))) return;
    const input: DecisionInput = date ? { outcome, rationale: rationale.trim(), decisionDate: date } : { outcome, rationale: rationale.trim() };
    const ok = await sender.send((etag) => api.decide(project.id, input, etag));
    if (ok) onSaved(t("detail.decided"));
  };

  return (
    <form
      className={formStyles.form}
      noValidate
      aria-label={t("decide.title", { name: project.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <StaleNotice show={sender.stale} />
      <SubmitError error={sender.error} />
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
      <Field label={t("decide.outcome")} required validationMessage={outcomeError} validationState={outcomeError ? "error" : "none"}>
        <RadioGroup value={outcome} onChange={(_, d) => setOutcome(d.value as DecisionInput["outcome"])}>
          <Radio value="inkluderad" label={t("decide.include")} />
          <Radio value="avslagen" label={t("decide.reject")} />
        </RadioGroup>
      </Field>
      <Field
        label={t("decide.rationale")}
        required
        hint={t("decide.rationale.hint")}
        validationMessage={rationaleError}
        validationState={rationaleError ? "error" : "none"}
      >
        <Textarea value={rationale} rows={4} resize="vertical" onChange={(_, d) => setRationale(d.value)} />
      </Field>
      <Field label={t("decide.date")} validationMessage={dateError} validationState={dateError ? "error" : "none"}>
        <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
      </Field>
      <div className={formStyles.actions}>
        <Button appearance="primary" type="submit" disabled={sender.submitting} icon={sender.submitting ? <Spinner size="tiny" /> : undefined}>
          {sender.submitting ? t("common.saving") : t("decide.submit")}
        </Button>
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}
