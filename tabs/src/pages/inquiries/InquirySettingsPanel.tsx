/**
 * The 36-hour rule's program settings (`GET/PUT /api/inquiries/settings`, `If-Match`): calendar or working hours,
 * the reminder's lead time and how long mail excerpts are kept. Shown to those who may change them
 * (inquiries.settings); on the shared form skeleton, so the API's 400 details land at their fields and a 412 shows
 * the latest version without losing what this user changed.
 */
import { Input, Radio, RadioGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import { InquirySettingsSchema, type InquirySettings } from "@naravard/api/contracts";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { ContractForm, FormField } from "../../forms/FormShell";
import { numberBounds, numberOrNaN, useSettingsForm } from "../../forms/useSettingsForm";
import type { z } from "zod";
import { useI18n } from "../../i18n";
import { useAsyncData } from "../../useAsyncData";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "start" },
  number: { maxWidth: "8rem" },
  clock: { maxWidth: "10rem" },
});

type Mode = InquirySettings["workingTime"]["mode"];

/** The form's fields in screen order, named by the API's input paths so its 400 details land at them. */
const FIELDS = ["workingTime.mode", "workingTime.dayStart", "workingTime.dayEnd", "remindHoursBefore", "excerptRetentionDays"] as const;
type Field = (typeof FIELDS)[number];
/**
 * Numbers as the text typed, so a half-typed number is the schema's to judge. The time zone is carried along
 * unchanged (the program's, shown with the working day), not a field of its own.
 */
type Values = { "workingTime.mode": Mode } & { [K in Exclude<Field, "workingTime.mode"> | "workingTime.timeZone"]: string };

const valuesOf = (s: InquirySettings): Values => ({
  "workingTime.mode": s.workingTime.mode,
  "workingTime.dayStart": s.workingTime.dayStart,
  "workingTime.dayEnd": s.workingTime.dayEnd,
  "workingTime.timeZone": s.workingTime.timeZone,
  remindHoursBefore: String(s.remindHoursBefore),
  excerptRetentionDays: String(s.excerptRetentionDays),
});

/** The contract's number fields, whose ranges are said in words at the field. */
const NUMBERS: Partial<Record<keyof Values, z.ZodType>> = {
  remindHoursBefore: InquirySettingsSchema.shape.remindHoursBefore,
  excerptRetentionDays: InquirySettingsSchema.shape.excerptRetentionDays,
};

const toInput = (v: Values) => ({
  workingTime: { mode: v["workingTime.mode"], dayStart: v["workingTime.dayStart"], dayEnd: v["workingTime.dayEnd"], timeZone: v["workingTime.timeZone"] },
  remindHoursBefore: numberOrNaN(v.remindHoursBefore),
  excerptRetentionDays: numberOrNaN(v.excerptRetentionDays),
});

export function InquirySettingsPanel({ headingClass, panelClass }: { headingClass: string; panelClass: string }) {
  const { t } = useI18n();
  const { api } = useApp();
  const loaded = useAsyncData(() => api.inquirySettings(), [api]);
  return (
    <section className={panelClass} aria-labelledby="inquiry-settings-heading">
      <h2 id="inquiry-settings-heading" className={headingClass}>
        {t("inquiries.settings.title")}
      </h2>
      <Text>{t("inquiries.settings.applies")}</Text>
      {loaded.status === "error" ? (
        <ErrorBar error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading label={t("inquiries.settings.loading")} />
      ) : (
        <SettingsForm key={loaded.data.etag ?? "defaults"} settings={loaded.data} />
      )}
    </section>
  );
}

function SettingsForm({ settings }: { settings: InquirySettings }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useApp();
  const form = useSettingsForm({
    schema: InquirySettingsSchema,
    settings,
    valuesOf,
    load: () => api.inquirySettings(),
    // The answer's own ETag field is not part of what is saved.
    save: ({ workingTime, remindHoursBefore, excerptRetentionDays }, etag) => api.updateInquirySettings({ workingTime, remindHoursBefore, excerptRetentionDays }, etag),
    toInput,
    fields: FIELDS,
    message: (field, issue) => {
      const schema = NUMBERS[field];
      if (schema) {
        const { min, max } = numberBounds(schema);
        if (min !== undefined && max !== undefined) return t("inquiries.settings.range", { min, max });
      }
      if (field === "workingTime.dayEnd" && issue.code === "custom") return t("inquiries.settings.endAfterStart");
      if (field === "workingTime.dayStart" || field === "workingTime.dayEnd") return t("inquiries.settings.clock");
      return undefined;
    },
  });
  const { values, errors, set } = form;
  const working = values["workingTime.mode"] === "working";
  const textField = (name: Exclude<Field, "workingTime.mode">, label: string, kind: "clock" | "number", hint?: string) => (
    <FormField name={name} errors={errors} label={label} hint={hint}>
      <Input
        className={kind === "clock" ? styles.clock : styles.number}
        type={kind === "clock" ? "time" : "number"}
        inputMode={kind === "clock" ? undefined : "numeric"}
        value={values[name]}
        onChange={(_, d) => set({ [name]: d.value })}
        onBlur={() => form.onBlur(name)}
      />
    </FormField>
  );

  return (
    <ContractForm
      form={form}
      label={t("inquiries.settings.title")}
      onSubmit={() => void form.submit()}
      submitLabel={t("inquiries.settings.save")}
      status={form.saved ? <Text>{t("inquiries.settings.saved")}</Text> : undefined}
    >
      <FormField name="workingTime.mode" errors={errors} label={t("inquiries.settings.mode")}>
        <RadioGroup value={values["workingTime.mode"]} onChange={(_, d) => set({ "workingTime.mode": d.value as Mode })}>
          <Radio value="calendar" label={t("inquiries.settings.mode.calendar")} />
          <Radio value="working" label={t("inquiries.settings.mode.working")} />
        </RadioGroup>
      </FormField>
      {working && (
        <div className={styles.row}>
          {textField("workingTime.dayStart", t("inquiries.settings.dayStart"), "clock", t("inquiries.settings.timeZone", { zone: values["workingTime.timeZone"] }))}
          {textField("workingTime.dayEnd", t("inquiries.settings.dayEnd"), "clock")}
        </div>
      )}
      <div className={styles.row}>
        {textField("remindHoursBefore", t("inquiries.settings.remind"), "number", t("inquiries.settings.remindHint"))}
        {textField("excerptRetentionDays", t("inquiries.settings.retention"), "number", t("inquiries.settings.retentionHint"))}
      </div>
    </ContractForm>
  );
}
