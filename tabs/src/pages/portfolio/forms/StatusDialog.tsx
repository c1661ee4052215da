/** A lifecycle move offered by `allowedTransitions` (e.g. Pågående → Vilande), with a comment; closing needs the final report. */
import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ProjectStatus, StatusChangeInput } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { useI18n } from "../../../i18n";
import { statusLabel } from "../../../labels";
import { StaleNotice, SubmitError } from "./FormParts";
import type { EffortFormProps } from "./types";
import { useStaleAware } from "./useStaleAware";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export default function StatusDialog({ project, status, onCancel, onSaved, onLatest }: EffortFormProps & { status: ProjectStatus }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { api } = useApp();
  const sender = useStaleAware(project, onLatest);
  const [comment, setComment] = useState("");
  const [finalReportUrl, setFinalReportUrl] = useState(project.links.finalReport ?? "");
  const [submitted, setSubmitted] = useState(false);
  const closing = status === "avslutad";
  const urlValid = (() => {
    try {
      return ["https:", "http:"].includes(new URL(finalReportUrl).protocol);
    } catch {
      return false;
    }
  })();
  const urlError = submitted && closing && !urlValid ? t("form.err.url") : sender.fieldError("finalReportUrl");
  const label = statusLabel(status, locale);

  const submit = async () => {
    setSubmitted(true);
    if (closing && !urlValid) return;
    const input: StatusChangeInput = { status };
    if (comment.trim()) input.comment = comment.trim();
    if (closing) input.finalReportUrl = finalReportUrl.trim();
    const ok = await sender.send((etag) => api.changeStatus(project.id, input, etag));
    if (ok) onSaved(t("detail.statusChanged", { status: label }));
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{t("status.dialog.title", { status: label })}</DialogTitle>
            <DialogContent className={styles.content}>
              <StaleNotice show={sender.stale} />
              <SubmitError error={sender.error} />
              <Field label={t("status.comment")}>
                <Textarea value={comment} rows={3} resize="vertical" onChange={(_, d) => setComment(d.value)} />
              </Field>
              {closing && (
                <Field
                  label={t("status.finalReport")}
                  required
                  hint={t("status.finalReport.hint")}
                  validationMessage={urlError}
                  validationState={urlError ? "error" : "none"}
                >
                  <Input type="url" value={finalReportUrl} onChange={(_, d) => setFinalReportUrl(d.value)} />
                </Field>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={sender.submitting} icon={sender.submitting ? <Spinner size="tiny" /> : undefined}>
                {t("status.submit")}
              </Button>
              <Button onClick={onCancel}>{t("common.cancel")}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
