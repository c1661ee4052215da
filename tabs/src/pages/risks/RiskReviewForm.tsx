/**
 * The periodic review (PP 9.4, `POST /api/risks/{id}/review` with `If-Match`): unchanged or reassessed on the
 * program's scale, with a note. On the shared form skeleton; a 412 shows the latest version and keeps the note.
 */
import { Radio, RadioGroup, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { RiskReviewInputSchema, type Risk, type RiskDetail } from "@naravard/api/contracts";
import { useApp } from "../../context";
import { ContractForm, FormField } from "../../forms/FormShell";
import { useContractForm } from "../../forms/useContractForm";
import { RiskStale } from "./RiskForm";
import { ScoreDropdown } from "./ScoreDropdown";
import { useRiskText } from "./riskText";

const useStyles = makeStyles({
  row: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});

interface ReviewValues {
  outcome: "unchanged" | "reassessed";
  probability: string;
  consequence: string;
  note: string;
}
const FIELDS = ["outcome", "probability", "consequence", "note"] as const;

const toInput = (v: ReviewValues) => ({
  outcome: v.outcome,
  ...(v.outcome === "reassessed"
    ? { probability: v.probability === "" ? null : Number(v.probability), consequence: v.consequence === "" ? null : Number(v.consequence) }
    : {}),
  note: v.note.trim() || undefined,
});

export function RiskReviewForm(props: { risk: RiskDetail; scale: number; loadLatest: () => Promise<unknown>; onCancel: () => void; onSaved: (saved: Risk) => void }) {
  const { risk, scale } = props;
  const styles = useStyles();
  const x = useRiskText();
  const d = x.drawer;
  const { api } = useApp();
  const form = useContractForm({
    schema: RiskReviewInputSchema,
    initial: (): ReviewValues => ({ outcome: "unchanged", probability: risk.probability?.toString() ?? "", consequence: risk.consequence?.toString() ?? "", note: "" }),
    toInput,
    fields: FIELDS,
    onConflict: async () => {
      await props.loadLatest();
    },
  });
  const { values, errors } = form;
  const submit = async () => {
    let saved: Risk | undefined;
    if (await form.submit(async (input) => (saved = await api.reviewRisk(risk.id, input, risk.etag))) && saved) props.onSaved(saved);
  };
  return (
    <ContractForm form={{ ...form, stale: false }} label={d.review} onSubmit={() => void submit()} submitLabel={d.save} submittingLabel={d.saving} onCancel={props.onCancel}>
      <RiskStale show={form.stale} />
      <FormField name="outcome" errors={errors} label={d.outcome}>
        <RadioGroup value={values.outcome} onChange={(_, v) => form.set({ outcome: v.value === "reassessed" ? "reassessed" : "unchanged" })}>
          <Radio value="unchanged" label={d.unchanged} />
          <Radio value="reassessed" label={d.reassessed} />
        </RadioGroup>
      </FormField>
      {values.outcome === "reassessed" && (
        <div className={styles.row}>
          <ScoreDropdown name="probability" label={x.probability} errors={errors} value={values.probability} scale={scale} allowNone={false} onChange={(v) => form.set({ probability: v })} />
          <ScoreDropdown name="consequence" label={x.consequence} errors={errors} value={values.consequence} scale={scale} allowNone={false} onChange={(v) => form.set({ consequence: v })} />
        </div>
      )}
      <FormField name="note" errors={errors} label={d.note}>
        <Textarea value={values.note} resize="vertical" onChange={(_, v) => form.set({ note: v.value })} onBlur={() => form.onBlur("note")} />
      </FormField>
    </ContractForm>
  );
}
