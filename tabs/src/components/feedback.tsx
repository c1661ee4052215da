/** Loading and error states: a labelled spinner, and errors in a MessageBar — never a blank page. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { errorMessage } from "../api";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  loading: { padding: tokens.spacingVerticalXXL, display: "flex", justifyContent: "center" },
});

export function Loading({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.loading} role="status">
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

export function ErrorBar({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title ?? t("app.error.title")}</MessageBarTitle>
        {errorMessage(error, t)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t("app.error.retry")}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
