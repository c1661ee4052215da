/** The fields of an application or an edit, labelled and grouped, with errors and hints at each field. */
import type { JSX, ReactNode } from "react";
import {
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ErrorCircle16Filled } from "@fluentui/react-icons";
import { COLLABORATION_CRITERION_ID } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { useI18n, type MessageKey } from "../../../i18n";
import { numberedName } from "../../../labels";
import { fieldId } from "../../../forms/FormShell";
import type { FieldErrors, FormField, FormValues } from "./projectFormModel";

export const useFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, paddingBottom: tokens.spacingVerticalXXL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, margin: 0, padding: 0, border: "none" },
  h3: {
    margin: 0,
    paddingBottom: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))", gap: tokens.spacingHorizontalM },
  fieldset: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  fieldsetInvalid: { border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}` },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightSemibold },
  options: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))" },
  optionsSingle: { display: "flex", flexDirection: "column" },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, display: "block" },
  error: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteRedForeground1,
    fontSize: tokens.fontSizeBase200,
  },
  latest: { color: tokens.colorPaletteMarigoldForeground2, fontSize: tokens.fontSizeBase200, display: "block" },
  actions: {
    position: "sticky",
    bottom: 0,
    display: "flex",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  mandatory: { color: tokens.colorNeutralForeground2 },
});

export { fieldId };

export interface ProjectFormFieldsProps {
  values: FormValues;
  onChange: (change: Partial<FormValues>) => void;
  onBlur: (field: FormField) => void;
  /** Errors to show now (touched fields, or all after a submit). */
  errors: FieldErrors;
  /** Per-field notes, e.g. the latest value after a stale edit. */
  hints?: Partial<Record<FormField, string>>;
  disabled?: boolean;
  /** Shown right after the project idea (the similar-efforts panel of an application). */
  afterIdea?: ReactNode;
}

export function ProjectFormFields({ values, onChange, onBlur, errors, hints = {}, disabled, afterIdea }: ProjectFormFieldsProps) {
  const styles = useFormStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { lookups } = useApp();

  const text = (field: FormField, label: MessageKey, opts: { required?: boolean; type?: "text" | "email" | "url" | "date"; hint?: MessageKey } = {}) => (
    <Field
      label={t(label)}
      required={opts.required}
      validationMessage={errors[field]}
      validationState={errors[field] ? "error" : "none"}
      hint={hintFor(field, opts.hint)}
    >
      <Input
        id={fieldId(field)}
        type={opts.type ?? "text"}
        value={values[field] as string}
        disabled={disabled}
        onChange={(_, d) => onChange({ [field]: d.value })}
        onBlur={() => onBlur(field)}
      />
    </Field>
  );

  function hintFor(field: FormField, key?: MessageKey): JSX.Element | undefined {
    const latest = hints[field];
    if (!latest && !key) return undefined;
    return (
      <>
        {key && t(key)}
        {latest && <span className={styles.latest}>{latest}</span>}
      </>
    );
  }

  const checkboxes = (
    field: "partnerOrganisationIds" | "programAreaIds" | "criteriaIds" | "subGoalIds" | "targetGroupIds" | "benefitObjectIds",
    legend: MessageKey,
    options: Array<{ id: string; label: JSX.Element | string }>,
    extra?: ReactNode,
  ) => {
    const selected = new Set(values[field]);
    const errorId = `${fieldId(field)}-error`;
    const hintId = `${fieldId(field)}-hint`;
    const latest = hints[field];
    return (
      <fieldset
        id={fieldId(field)}
        className={mergeClasses(styles.fieldset, errors[field] && styles.fieldsetInvalid)}
        aria-describedby={[extra ? hintId : "", errors[field] ? errorId : ""].filter(Boolean).join(" ") || undefined}
        data-field={field}
      >
        <legend className={styles.legend}>{t(legend)}</legend>
        {extra && <div id={hintId}>{extra}</div>}
        <div className={options.length > 4 ? styles.options : styles.optionsSingle}>
          {options.map((o) => (
            <Checkbox
              key={o.id}
              label={o.label}
              checked={selected.has(o.id)}
              disabled={disabled}
              onChange={(_, d) => {
                const next = new Set(values[field]);
                if (d.checked) next.add(o.id);
                else next.delete(o.id);
                // Keep the reference order, not the click order.
                onChange({ [field]: options.map((x) => x.id).filter((id) => next.has(id)) });
                onBlur(field);
              }}
            />
          ))}
        </div>
        {latest && <span className={styles.latest}>{latest}</span>}
        {errors[field] && (
          <Text id={errorId} className={styles.error} role="alert">
            <ErrorCircle16Filled aria-hidden="true" />
            {errors[field]}
          </Text>
        )}
      </fieldset>
    );
  };

  const parties = lookups.parties.filter((p) => p.active !== false || values.partnerOrganisationIds.includes(p.id));
  const active = <T extends { id: string; active?: boolean }>(items: T[], chosen: string[]) => items.filter((i) => i.active !== false || chosen.includes(i.id));

  return (
    <>
      <section className={styles.section} aria-labelledby="pf-h-idea">
        <h3 id="pf-h-idea" className={styles.h3}>
          {t("form.section.idea")}
        </h3>
        {text("name", "form.name", { required: true })}
        <Field
          label={t("form.description")}
          required
          hint={hintFor("description", "form.description.hint")}
          validationMessage={errors.description}
          validationState={errors.description ? "error" : "none"}
        >
          <Textarea
            id={fieldId("description")}
            value={values.description}
            rows={5}
            resize="vertical"
            disabled={disabled}
            onChange={(_, d) => onChange({ description: d.value })}
            onBlur={() => onBlur("description")}
          />
        </Field>
        <div className={styles.row}>
          <Field label={t("form.type")} hint={hintFor("type")}>
            <Select id={fieldId("type")} value={values.type} disabled={disabled} onChange={(_, d) => onChange({ type: d.value as FormValues["type"] })}>
              {(["projekt", "pilot", "sprint", "forstudie", "utvecklingsarbete"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`type.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </section>

      {afterIdea}

      <section className={styles.section} aria-labelledby="pf-h-org">
        <h3 id="pf-h-org" className={styles.h3}>
          {t("form.section.organisation")}
        </h3>
        <Field
          label={t("form.owner")}
          required
          validationMessage={errors.ownerOrganisationId}
          validationState={errors.ownerOrganisationId ? "error" : "none"}
          hint={hintFor("ownerOrganisationId")}
        >
          <Select
            id={fieldId("ownerOrganisationId")}
            value={values.ownerOrganisationId}
            disabled={disabled}
            onChange={(_, d) => onChange({ ownerOrganisationId: d.value })}
            onBlur={() => onBlur("ownerOrganisationId")}
          >
            <option value="">{t("form.owner.placeholder")}</option>
            {parties.map((p) => (
              <option key={p.id} value={p.id}>
                {i18n.refName(p)}
              </option>
            ))}
          </Select>
        </Field>
        {checkboxes(
          "partnerOrganisationIds",
          "form.partners",
          parties.filter((p) => p.id !== values.ownerOrganisationId).map((p) => ({ id: p.id, label: i18n.refName(p) })),
        )}
        {text("partnersText", "form.partnersText")}
        <div className={styles.row}>
          {text("leaderName", "form.leader.name", { required: true })}
          {text("leaderEmail", "form.leader.email", { type: "email" })}
        </div>
        <div className={styles.row}>
          {text("projectOwnerName", "form.projectOwner.name")}
          {text("changeOwnerName", "form.changeOwner.name")}
        </div>
        <div className={styles.row}>
          {text("startDate", "form.startDate", { type: "date" })}
          {text("endDate", "form.endDate", { type: "date" })}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="pf-h-criteria">
        <h3 id="pf-h-criteria" className={styles.h3}>
          {t("form.section.criteria")}
        </h3>
        {checkboxes(
          "criteriaIds",
          "form.criteria",
          active(lookups.criteria, values.criteriaIds).map((c) => ({
            id: c.id,
            label: (
              <>
                {i18n.refName(c)}
                {(c.mandatory || c.id === COLLABORATION_CRITERION_ID) && <span className={styles.mandatory}> ({t("form.criteria.mandatory")})</span>}
                {c.description && <span className={styles.hint}>{c.description}</span>}
              </>
            ),
          })),
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t("form.criteria.explain")}</MessageBarBody>
          </MessageBar>,
        )}
      </section>

      <section className={styles.section} aria-labelledby="pf-h-direction">
        <h3 id="pf-h-direction" className={styles.h3}>
          {t("form.section.direction")}
        </h3>
        {checkboxes(
          "programAreaIds",
          "form.programAreas",
          active(lookups.programAreas, values.programAreaIds).map((a) => ({ id: a.id, label: numberedName(a, a.id, i18n) })),
        )}
        {checkboxes(
          "subGoalIds",
          "form.subGoals",
          active(lookups.subGoals, values.subGoalIds).map((g) => ({ id: g.id, label: numberedName(g, g.id, i18n) })),
        )}
        {checkboxes(
          "targetGroupIds",
          "form.targetGroups",
          active(lookups.targetGroups, values.targetGroupIds).map((g) => ({ id: g.id, label: i18n.refName(g) })),
        )}
        {lookups.benefitObjects.length > 0 &&
          checkboxes(
            "benefitObjectIds",
            "form.benefitObjects",
            active(lookups.benefitObjects, values.benefitObjectIds).map((b) => ({ id: b.id, label: i18n.refName(b) })),
          )}
        <div className={styles.row}>
          <Field label={t("form.nature")} hint={hintFor("nature")}>
            <RadioGroup id={fieldId("nature")} value={values.nature} disabled={disabled} onChange={(_, d) => onChange({ nature: d.value as FormValues["nature"] })}>
              <Radio value="innovation" label={t("nature.innovation")} />
              <Radio value="standigt_forbattring" label={t("nature.standigt_forbattring")} />
              <Radio value="" label={t("common.notSet")} />
            </RadioGroup>
          </Field>
          <Field label={t("form.horizon")} hint={hintFor("horizon")}>
            <RadioGroup id={fieldId("horizon")} value={values.horizon} disabled={disabled} onChange={(_, d) => onChange({ horizon: d.value as FormValues["horizon"] })}>
              <Radio value="snabb_nytta" label={t("horizon.snabb_nytta")} />
              <Radio value="langsiktig" label={t("horizon.langsiktig")} />
              <Radio value="" label={t("common.notSet")} />
            </RadioGroup>
          </Field>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="pf-h-financing">
        <h3 id="pf-h-financing" className={styles.h3}>
          {t("form.section.financing")}
        </h3>
        <Field hint={hintFor("financingSecured", "form.financing.hint")} validationMessage={errors.financingSecured}>
          <Switch
            id={fieldId("financingSecured")}
            label={t("form.financing.secured")}
            checked={values.financingSecured}
            disabled={disabled}
            onChange={(_, d) => onChange({ financingSecured: d.checked })}
          />
        </Field>
        {text("financingSource", "form.financing.source")}
        <div className={styles.row}>
          {text("linkWeb", "form.links.web", { type: "url" })}
          {text("linkFinalReport", "form.links.finalReport", { type: "url" })}
        </div>
      </section>
    </>
  );
}
