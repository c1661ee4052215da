import type { Ref } from "react";
import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../../../i18n";
import { fieldId } from "./ProjectFormFields";
import type { FormProblem } from "./useProjectForm";

const useStyles = makeStyles({
  summary: { outlineOffset: "2px" },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** Focuses a form field by its form name; for a group of checkboxes, its first box. */
export function focusField(field: string): void {
  const el = document.getElementById(fieldId(field));
  if (!el) return;
  const target = el.tagName === "FIELDSET" || el.getAttribute("role") === "radiogroup" ? el.querySelector<HTMLElement>("input, select, textarea, button") : el;
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

/** The stale-edit notice: someone else changed the effort; the latest version is shown, input kept. */
export function StaleNotice({ show }: { show: boolean }) {
  const { t } = useI18n();
  return (
    <div aria-live="assertive">
      {show && (
        <MessageBar intent="warning" layout="multiline" data-testid="stale-message">
          <MessageBarBody>
            <MessageBarTitle>{t("form.stale.title")}</MessageBarTitle>
            {t("form.stale")}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** An API error after submit (its field details are shown at the fields as well). */
export function SubmitError({ error }: { error: { message: string; details: Array<{ field: string; message: string }> } | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t("app.error.title")}</MessageBarTitle>
        {error.message}
        {error.details.length > 0 && (
          <ul>
            {error.details.map((d, i) => (
              <li key={`${d.field}-${i}`}>{d.message}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
