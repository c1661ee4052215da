/** A lifecycle move offered by `allowedTransitions` (e.g. Pågående → Vilande), with a comment; closing needs the final report. */
import { useMemo } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { StatusChangeInputSchema, type ProjectStatus } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { ContractForm, FormField, SubmitButton } from "../../../forms/FormShell";
import { useContractForm } from "../../../forms/useContractForm";
import { useI18n } from "../../../i18n";
import { statusLabel } from "../../../labels";
import type { EffortFormProps } from "./types";
import { useEffortVersion } from "./useEffortVersion";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** Closing requires the final report: the contract's own URL field, made required. */
const ClosingInputSchema = StatusChangeInputSchema.extend({ finalReportUrl: StatusChangeInputSchema.shape.finalReportUrl.unwrap() });
const FIELDS = ["comment", "finalReportUrl"] as const;

export default function StatusDialog({ project, status, onCancel, onSaved, onLatest }: EffortFormProps & { status: ProjectStatus }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { api } = useApp();
  const version = useEffortVersion(project, onLatest);
  const closing = status === "avslutad";
  const toInput = useMemo(
    () => (v: { comment: string; finalReportUrl: string }) => ({
      status,
      comment: v.comment.trim() || undefined,
      finalReportUrl: closing ? v.finalReportUrl.trim() : undefined,
    }),
    [status, closing],
  );
  const form = useContractForm({
    schema: closing ? ClosingInputSchema : StatusChangeInputSchema,
    initial: { comment: "", finalReportUrl: project.links.finalReport ?? "" },
    toInput,
    fields: FIELDS,
    onConflict: async () => {
      await version.loadLatest();
    },
  });
  const label = statusLabel(status, locale);

  const submit = async () => {
    if (await form.submit((input) => api.changeStatus(project.id, input, version.etag))) onSaved(t("detail.statusChanged", { status: label }));
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("status.dialog.title", { status: label })}</DialogTitle>
          <DialogContent>
            <ContractForm
              form={form}
              id="status-form"
              className={styles.content}
              label={t("status.dialog.title", { status: label })}
              onSubmit={() => void submit()}
              submitLabel={t("status.submit")}
              hideActions
            >
              <FormField name="comment" errors={form.errors} label={t("status.comment")}>
                <Textarea value={form.values.comment} rows={3} resize="vertical" onChange={(_, d) => form.set({ comment: d.value })} />
              </FormField>
              {closing && (
                <FormField name="finalReportUrl" errors={form.errors} label={t("status.finalReport")} required hint={t("status.finalReport.hint")}>
                  <Input
                    type="url"
                    value={form.values.finalReportUrl}
                    onChange={(_, d) => form.set({ finalReportUrl: d.value })}
                    onBlur={() => form.onBlur("finalReportUrl")}
                  />
                </FormField>
              )}
            </ContractForm>
          </DialogContent>
          <DialogActions>
            <SubmitButton form={form} formId="status-form" label={t("status.submit")} />
            <Button onClick={onCancel}>{t("common.cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
