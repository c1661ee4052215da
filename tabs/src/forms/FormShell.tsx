/**
 * The visible parts every form shares: the `<form>` with its error summary (focused after a failed
 * submit, each entry a link to its field), the stale notice after a 412, the submit/cancel row, and
 * `FormField`, a Fluent `Field` bound to one form field by name (label, error, focus target).
 */
import { cloneElement, type ReactElement, type ReactNode, type Ref } from "react";
import { Button, Field, Link, type FieldProps, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n";
import type { FormProblem } from "./contractErrors";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, paddingBottom: tokens.spacingVerticalXXL },
  summary: { outlineOffset: "2px" },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  actions: {
    position: "sticky",
    bottom: 0,
    display: "flex",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** The DOM id of a form field's control (or of its fieldset), so the summary can lead to it. */
export const fieldId = (field: string) => `pf-${field}`;

const CONTROL = "input, select, textarea, button";

/** Focuses a form field by its name; for a group (fieldset, radio group, list of items), its first control. */
export function focusField(field: string): void {
  const el = document.getElementById(fieldId(field));
  if (!el) return;
  const target = el.matches(CONTROL) ? el : el.querySelector<HTMLElement>(CONTROL);
  target?.focus();
  target?.scrollIntoView({ block: "center" });
}

/** The errors of a failed submit, in one place, each leading to its field. Receives focus. */
export function ErrorSummary({ problems, title, summaryRef }: { problems: FormProblem[]; title: string; summaryRef: Ref<HTMLDivElement> }) {
  const styles = useStyles();
  if (!problems.length) return <div ref={summaryRef} tabIndex={-1} />;
  return (
    <div ref={summaryRef} tabIndex={-1} className={styles.summary} data-testid="form-errors">
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          <ul className={styles.list}>
            {problems.map((p, i) => (
              <li key={`${p.field ?? ""}-${i}`}>
                {p.field ? (
                  <Link
                    href={`#${fieldId(p.field)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(p.field!);
                    }}
                  >
                    {p.message}
                  </Link>
                ) : (
                  p.message
                )}
              </li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}

/** The stale-edit notice: someone else changed it; the latest version is shown, input kept. `children` may list what changed. */
export function StaleNotice({ show, children }: { show: boolean; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div aria-live="assertive">
      {show && (
        <MessageBar intent="warning" layout="multiline" data-testid="stale-message">
          <MessageBarBody>
            <MessageBarTitle>{t("form.stale.title")}</MessageBarTitle>
            {t("form.stale")}
            {children}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** What `ContractForm` needs of `useContractForm`'s result. */
export interface FormState {
  problems: FormProblem[];
  summaryRef: Ref<HTMLDivElement>;
  submitting: boolean;
  stale: boolean;
}

export interface ContractFormProps {
  form: FormState;
  /** Accessible name of the form (its heading text). */
  label?: string;
  labelledBy?: string;
  id?: string;
  onSubmit: () => void;
  /** Submit button text, and its text while sending. */
  submitLabel: string;
  submittingLabel?: string;
  onCancel?: () => void;
  /** Replaces the stale notice's default body (e.g. with the list of fields someone else changed). */
  staleDetails?: ReactNode;
  /** Render the buttons elsewhere (e.g. a drawer footer, with `form={id}`): no action row here. */
  hideActions?: boolean;
  /** Shown next to the buttons (e.g. "Inga ändringar att spara."). */
  status?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function ContractForm({ form, label, labelledBy, id, onSubmit, submitLabel, submittingLabel, onCancel, staleDetails, hideActions, status, className, children }: ContractFormProps) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <form
      id={id}
      className={className ?? styles.form}
      noValidate
      aria-label={label}
      aria-labelledby={labelledBy}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <StaleNotice show={form.stale}>{staleDetails}</StaleNotice>
      <ErrorSummary problems={form.problems} title={t("form.errors.summary")} summaryRef={form.summaryRef} />
      {children}
      {!hideActions && (
        <div className={styles.actions}>
          <SubmitButton form={form} label={submitLabel} submittingLabel={submittingLabel} />
          {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
          {status !== undefined && <div aria-live="polite">{status}</div>}
        </div>
      )}
    </form>
  );
}

export function SubmitButton({ form, label, submittingLabel, formId }: { form: Pick<FormState, "submitting">; label: string; submittingLabel?: string; formId?: string }) {
  const { t } = useI18n();
  return (
    <Button appearance="primary" type="submit" form={formId} disabled={form.submitting} icon={form.submitting ? <Spinner size="tiny" /> : undefined}>
      {form.submitting ? (submittingLabel ?? t("common.saving")) : label}
    </Button>
  );
}

/**
 * A Fluent `Field` for one form field: shows its error (schema or API) and gives the control the id
 * the error summary leads to. The child is the control (Input, Textarea, RadioGroup, …).
 */
export function FormField<F extends string>({
  name,
  errors,
  label,
  required,
  hint,
  children,
}: {
  name: F;
  errors: Partial<Record<F, string>>;
  label: string;
  required?: boolean;
  hint?: FieldProps["hint"];
  children: ReactElement<{ id?: string }>;
}) {
  const error = errors[name];
  return (
    <Field label={label} required={required} hint={hint} validationMessage={error} validationState={error ? "error" : "none"}>
      {/* Field labels the control by the control's own id; a stable one lets the summary link to it. */}
      {cloneElement(children, { id: fieldId(name) })}
    </Field>
  );
}
