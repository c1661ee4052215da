/**
 * The recurring rounds the API opens by itself (PP 9.2.1, `GET/PUT /api/surveys/settings` with `If-Match`): the
 * status requests before each reporting milestone and the year's effect follow-up with the change owners. Shown to
 * the program office (surveys.manage); on the shared form skeleton, so the API's rules (a day the month lacks, a
 * reminder before the opening) appear at their fields and a 412 shows the latest version without losing input.
 */
import { Dropdown, Input, Option, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { EffectFollowUpSettingsSchema, SurveySettingsInputSchema, type SurveySettings } from "@naravard/api/contracts";
import type { z } from "zod";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { ContractForm, FormField } from "../../forms/FormShell";
import { numberBounds, numberOrNaN, useSettingsForm } from "../../forms/useSettingsForm";
import { useI18n } from "../../i18n";
import { useAsyncData } from "../../useAsyncData";
import type { FollowupStrings } from "./strings";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "start" },
  number: { maxWidth: "8rem" },
});

/** The form's fields, named by the API's input paths so its 400 details land at them. */
const FIELDS = [
  "statusRequests.enabled",
  "effectFollowUp.enabled",
  "effectFollowUp.month",
  "effectFollowUp.day",
  "effectFollowUp.openDays",
  "effectFollowUp.reminderDaysBeforeDeadline",
] as const;
type Field = (typeof FIELDS)[number];
/** Switches as booleans; numbers as the text typed, so a half-typed number is the schema's to judge. */
type Values = { [K in Field]: K extends `${string}.enabled` ? boolean : string };

const valuesOf = (s: SurveySettings): Values => ({
  "statusRequests.enabled": s.statusRequests.enabled,
  "effectFollowUp.enabled": s.effectFollowUp.enabled,
  "effectFollowUp.month": String(s.effectFollowUp.month),
  "effectFollowUp.day": String(s.effectFollowUp.day),
  "effectFollowUp.openDays": String(s.effectFollowUp.openDays),
  "effectFollowUp.reminderDaysBeforeDeadline": String(s.effectFollowUp.reminderDaysBeforeDeadline),
});

/** The contract's number fields, whose ranges are said in words at the field. */
const NUMBERS: Partial<Record<Field, z.ZodType>> = {
  "effectFollowUp.day": EffectFollowUpSettingsSchema.shape.day,
  "effectFollowUp.openDays": EffectFollowUpSettingsSchema.shape.openDays,
  "effectFollowUp.reminderDaysBeforeDeadline": EffectFollowUpSettingsSchema.shape.reminderDaysBeforeDeadline,
};

const toInput = (v: Values) => ({
  statusRequests: { enabled: v["statusRequests.enabled"] },
  effectFollowUp: {
    enabled: v["effectFollowUp.enabled"],
    month: numberOrNaN(v["effectFollowUp.month"]),
    day: numberOrNaN(v["effectFollowUp.day"]),
    openDays: numberOrNaN(v["effectFollowUp.openDays"]),
    reminderDaysBeforeDeadline: numberOrNaN(v["effectFollowUp.reminderDaysBeforeDeadline"]),
  },
});

export function SurveySettingsPanel({ s, headingClass, panelClass }: { s: FollowupStrings; headingClass: string; panelClass: string }) {
  const { api } = useApp();
  const loaded = useAsyncData(() => api.surveySettings(), [api]);
  return (
    <section className={panelClass} aria-labelledby="survey-settings-heading">
      <h2 id="survey-settings-heading" className={headingClass}>
        {s.settings.title}
      </h2>
      <Text>{s.settings.intro}</Text>
      {loaded.status === "error" ? (
        <ErrorBar error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading label={s.settings.loading} />
      ) : (
        <SettingsForm key={loaded.data.etag} settings={loaded.data} s={s} />
      )}
    </section>
  );
}

function SettingsForm({ settings, s }: { settings: SurveySettings; s: FollowupStrings }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { api } = useApp();
  const t = s.settings;
  const form = useSettingsForm({
    schema: SurveySettingsInputSchema,
    settings,
    valuesOf,
    load: () => api.surveySettings(),
    save: (input, etag) => api.updateSurveySettings(input, etag),
    toInput,
    fields: FIELDS,
    message: (field) => {
      const schema = NUMBERS[field];
      const { min, max } = schema ? numberBounds(schema) : { min: undefined, max: undefined };
      return min !== undefined && max !== undefined ? t.range(min, max) : undefined;
    },
  });
  const { values, errors, set, current } = form;
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: new Intl.DateTimeFormat(i18n.locale === "en" ? "en-GB" : "sv-SE", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, i, 1))),
  }));
  const effectOn = values["effectFollowUp.enabled"];
  const numberField = (name: Exclude<Field, `${string}.enabled` | "effectFollowUp.month">, label: string, hint?: string) => (
    <FormField name={name} errors={errors} label={label} hint={hint}>
      <Input
        className={styles.number}
        type="number"
        inputMode="numeric"
        value={values[name]}
        disabled={!effectOn}
        onChange={(_, d) => set({ [name]: d.value })}
        onBlur={() => form.onBlur(name)}
      />
    </FormField>
  );

  return (
    <ContractForm
      form={form}
      label={t.title}
      onSubmit={() => void form.submit()}
      submitLabel={t.save}
      status={form.saved ? <Text>{t.saved(current.updatedBy ?? "", current.updatedAt ? i18n.formatDateTime(current.updatedAt) : "")}</Text> : undefined}
    >
      <FormField name="statusRequests.enabled" errors={errors} label={t.statusRequests} hint={t.statusRequestsHint}>
        <Switch checked={values["statusRequests.enabled"]} label={values["statusRequests.enabled"] ? t.on : t.off} onChange={(_, d) => set({ "statusRequests.enabled": d.checked })} />
      </FormField>
      <FormField name="effectFollowUp.enabled" errors={errors} label={t.effect} hint={t.effectHint}>
        <Switch checked={effectOn} label={effectOn ? t.on : t.off} onChange={(_, d) => set({ "effectFollowUp.enabled": d.checked })} />
      </FormField>
      <div className={styles.row}>
        <FormField name="effectFollowUp.month" errors={errors} label={t.month}>
          <Dropdown
            value={months.find((m) => m.value === values["effectFollowUp.month"])?.label ?? ""}
            selectedOptions={[values["effectFollowUp.month"]]}
            disabled={!effectOn}
            onOptionSelect={(_, d) => d.optionValue && set({ "effectFollowUp.month": d.optionValue })}
          >
            {months.map((m) => (
              <Option key={m.value} value={m.value}>
                {m.label}
              </Option>
            ))}
          </Dropdown>
        </FormField>
        {numberField("effectFollowUp.day", t.day)}
        {numberField("effectFollowUp.openDays", t.openDays, t.openDaysHint)}
        {numberField("effectFollowUp.reminderDaysBeforeDeadline", t.reminderDays, t.reminderDaysHint)}
      </div>
    </ContractForm>
  );
}
