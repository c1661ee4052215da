/**
 * The risk list's program settings (`GET/PUT /api/risks/settings` with `If-Match`): the scale, the thresholds of
 * the medium and high levels and the review interval. Shown to those who may write them (risks.manage); on the
 * shared form skeleton, so the API's rules (thresholds that must fit the scale) appear at their fields and a 412
 * shows the latest version without losing input.
 */
import { Input, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import { RiskSettingsInputSchema, type Risk, type RiskScale, type RiskSettings } from "@naravard/api/contracts";
import { useApp } from "../../context";
import { ContractForm, FormField } from "../../forms/FormShell";
import { numberBounds, numberOrNaN, useSettingsForm } from "../../forms/useSettingsForm";
import { useI18n } from "../../i18n";
import { useRiskText } from "./riskText";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "start" },
  number: { maxWidth: "8rem" },
});

/** The form's fields, named by the API's input paths so its 400 details land at them. */
const FIELDS = ["scale", "mediumFrom", "highFrom", "reviewIntervalMonths"] as const;
type Field = (typeof FIELDS)[number];
/** All kept as text: the scale as the radio's value, numbers as typed so a half-typed number is the schema's to judge. */
type Values = Record<Field, string>;

const valuesOf = (s: RiskSettings): Values => ({
  scale: String(s.scale),
  mediumFrom: String(s.mediumFrom),
  highFrom: String(s.highFrom),
  reviewIntervalMonths: String(s.reviewIntervalMonths),
});

const scaleOf = (text: string): RiskScale => (text === "5" ? 5 : 4);

const toInput = (v: Values) => ({
  scale: scaleOf(v.scale),
  mediumFrom: numberOrNaN(v.mediumFrom),
  highFrom: numberOrNaN(v.highFrom),
  reviewIntervalMonths: numberOrNaN(v.reviewIntervalMonths),
});

export function RiskSettingsPanel({
  settings,
  risks,
  onChanged,
  headingClass,
  panelClass,
}: {
  settings: RiskSettings;
  /** The page's risks: how many a scale change would mark for reassessment. */
  risks: readonly Risk[];
  /** The settings changed (saved here, or found changed by someone else): the page reads its heat map and list again. */
  onChanged: () => void;
  headingClass: string;
  panelClass: string;
}) {
  const styles = useStyles();
  const i18n = useI18n();
  const { api } = useApp();
  const t = useRiskText().settings;
  const form = useSettingsForm({
    schema: RiskSettingsInputSchema,
    settings,
    valuesOf,
    load: () => api.riskSettings(),
    save: (input, etag) => api.updateRiskSettings(input, etag),
    onChanged,
    toInput,
    fields: FIELDS,
    message: (field) => {
      // The schema's own bounds (the API also checks the thresholds against the scale and each other).
      const { min, max } = numberBounds(RiskSettingsInputSchema.shape[field]);
      if (min !== undefined && max !== undefined) return t.range(min, max);
      if (min !== undefined) return t.atLeast(min);
      return undefined;
    },
  });
  const { values, errors, set, current } = form;

  const newScale = scaleOf(values.scale);
  const scaleChanging = newScale !== current.scale;
  // The API marks a risk for reassessment when it has values given on a scale other than the program's.
  const marked = risks.filter((r) => r.value !== null && r.assessedOnScale !== newScale).length;
  const numberField = (name: Exclude<Field, "scale">, label: string, hint?: string) => (
    <FormField name={name} errors={errors} label={label} hint={hint}>
      <Input
        className={styles.number}
        type="number"
        inputMode="numeric"
        value={values[name]}
        onChange={(_, d) => set({ [name]: d.value })}
        onBlur={() => form.onBlur(name)}
      />
    </FormField>
  );

  return (
    <section className={panelClass} aria-labelledby="risk-settings-heading">
      <h2 id="risk-settings-heading" className={headingClass}>
        {t.title}
      </h2>
      <Text block>{t.intro}</Text>
      <ContractForm
        form={form}
        label={t.title}
        onSubmit={() => void form.submit()}
        submitLabel={t.save}
        status={form.saved ? <Text>{t.saved(current.updatedBy ?? "", current.updatedAt ? i18n.formatDateTime(current.updatedAt) : "")}</Text> : undefined}
      >
        <FormField name="scale" errors={errors} label={t.scale} hint={t.scaleHint}>
          <RadioGroup layout="horizontal" value={values.scale} onChange={(_, d) => set({ scale: d.value })}>
            {([4, 5] as const).map((n) => (
              <Radio key={n} value={String(n)} label={t.scaleOption(n)} />
            ))}
          </RadioGroup>
        </FormField>
        <div aria-live="polite">
          {scaleChanging && (
            <MessageBar intent="warning" layout="multiline" data-testid="scale-change">
              <MessageBarBody>
                <MessageBarTitle>{t.scaleChange(current.scale, newScale)}</MessageBarTitle>
                {t.scaleChangeBody(marked)}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
        <div className={styles.row}>
          {numberField("mediumFrom", t.mediumFrom, t.mediumFromHint)}
          {numberField("highFrom", t.highFrom, t.highFromHint(newScale))}
          {numberField("reviewIntervalMonths", t.reviewInterval, t.reviewIntervalHint)}
        </div>
      </ContractForm>
    </section>
  );
}
