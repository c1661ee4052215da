/**
 * Adding a risk (`POST /api/risks` with an Idempotency-Key) or editing one (`PATCH` of what changed, with `If-Match`),
 * on the shared form skeleton: the contract's schema validates as the user types, the API's 400 lands at its field,
 * and a 412 loads the latest version while the user's input stays.
 */
import { useRef } from "react";
import { Dropdown, Input, MessageBar, MessageBarBody, Option, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import {
  RiskCategorySchema,
  RiskHandlingSchema,
  RiskInputSchema,
  RiskPatchSchema,
  RiskStatusSchema,
  riskLabels,
  type RiskCategory,
  type RiskDetail,
  type RiskHandling,
  type RiskPatch,
  type RiskStatus,
} from "@naravard/api/contracts";
import { newIdempotencyKey } from "../../api";
import { useApp } from "../../context";
import { ContractForm, FormField } from "../../forms/FormShell";
import { useContractForm } from "../../forms/useContractForm";
import { useI18n } from "../../i18n";
import { ScoreDropdown } from "./ScoreDropdown";
import { useRiskText } from "./riskText";

const useStyles = makeStyles({
  row: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});

interface RiskFormValues {
  title: string;
  description: string;
  category: RiskCategory;
  probability: string;
  consequence: string;
  handling: RiskHandling | "";
  actions: string;
  owner: string;
  nextReviewDate: string;
  status: RiskStatus;
}
const FIELDS = ["title", "description", "category", "probability", "consequence", "handling", "actions", "owner", "nextReviewDate", "status"] as const;

const score = (v: string) => (v === "" ? null : Number(v));

function valuesOf(r: RiskDetail | null): RiskFormValues {
  return {
    title: r?.title ?? "",
    description: r?.description ?? "",
    category: r?.category ?? "program",
    probability: r?.probability == null ? "" : String(r.probability),
    consequence: r?.consequence == null ? "" : String(r.consequence),
    handling: r?.handling ?? "",
    actions: r?.actions ?? "",
    owner: r?.owner ?? "",
    nextReviewDate: r?.nextReviewDate ?? "",
    status: r?.status ?? "open",
  };
}

/** The whole form as a patch (the schema checks every field); `changes` then keeps what differs from the risk. */
const toPatch = (v: RiskFormValues) => ({
  title: v.title,
  description: v.description,
  category: v.category,
  probability: score(v.probability),
  consequence: score(v.consequence),
  handling: v.handling || null,
  actions: v.actions,
  // An owner cannot be removed, only changed: an empty field leaves it as it is.
  owner: v.owner || undefined,
  nextReviewDate: v.nextReviewDate || null,
  status: v.status,
});

const toCreate = (v: RiskFormValues) => ({
  title: v.title,
  description: v.description,
  category: v.category,
  probability: score(v.probability),
  consequence: score(v.consequence),
  handling: v.handling || undefined,
  actions: v.actions || undefined,
  owner: v.owner || undefined,
  nextReviewDate: v.nextReviewDate || undefined,
});

function changes(patch: RiskPatch, risk: RiskDetail): RiskPatch {
  const before = toPatch(valuesOf(risk));
  return Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== before[k as keyof typeof before]));
}

export interface RiskFormProps {
  /** The risk edited; null adds a new one. */
  risk: RiskDetail | null;
  scale: number;
  /** 412: reads the latest version (the drawer shows it; its ETag is the next save's). */
  loadLatest: () => Promise<unknown>;
  onCancel: () => void;
  onSaved: (risk: { id: string }) => void;
}

export function RiskForm({ risk, scale, loadLatest, onCancel, onSaved }: RiskFormProps) {
  return risk ? <EditRisk risk={risk} scale={scale} loadLatest={loadLatest} onCancel={onCancel} onSaved={onSaved} /> : <NewRisk scale={scale} onCancel={onCancel} onSaved={onSaved} />;
}

function NewRisk({ scale, onCancel, onSaved }: Pick<RiskFormProps, "scale" | "onCancel" | "onSaved">) {
  const { api } = useApp();
  const d = useRiskText().drawer;
  // One key per opened form: a double click or a retry after a lost answer adds the risk once.
  const idempotencyKey = useRef(newIdempotencyKey());
  const form = useContractForm({ schema: RiskInputSchema, initial: () => valuesOf(null), toInput: toCreate, fields: FIELDS });
  const submit = async () => {
    let created: { id: string } | undefined;
    if (await form.submit(async (input) => (created = await api.createRisk(input, idempotencyKey.current))) && created) onSaved(created);
  };
  return (
    <ContractForm form={form} label={d.addTitle} onSubmit={() => void submit()} submitLabel={d.save} submittingLabel={d.saving} onCancel={onCancel}>
      <RiskFields form={form} scale={scale} withStatus={false} />
    </ContractForm>
  );
}

function EditRisk({ risk, scale, loadLatest, onCancel, onSaved }: Omit<RiskFormProps, "risk"> & { risk: RiskDetail }) {
  const { api } = useApp();
  const d = useRiskText().drawer;
  const form = useContractForm({
    schema: RiskPatchSchema,
    initial: () => valuesOf(risk),
    toInput: toPatch,
    fields: FIELDS,
    onConflict: async () => {
      await loadLatest();
    },
  });
  const submit = async () => {
    const saved = await form.submit(async (input) => {
      const patch = changes(input, risk);
      if (Object.keys(patch).length === 0) return false;
      return api.patchRisk(risk.id, patch, risk.etag);
    });
    if (saved) onSaved(risk);
  };
  return (
    // The skeleton's stale notice speaks of efforts; the risk's own says the same of the risk.
    <ContractForm form={{ ...form, stale: false }} label={d.edit} onSubmit={() => void submit()} submitLabel={d.save} submittingLabel={d.saving} onCancel={onCancel}>
      <RiskStale show={form.stale} />
      <RiskFields form={form} scale={scale} withStatus />
    </ContractForm>
  );
}

/** A 412's notice: the latest version is shown, the user's input kept. */
export function RiskStale({ show }: { show: boolean }) {
  const d = useRiskText().drawer;
  return (
    <div aria-live="assertive">
      {show && (
        <MessageBar intent="warning" data-testid="stale-notice">
          <MessageBarBody>{d.stale}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

type RiskFormState = ReturnType<typeof useContractForm<RiskFormValues, typeof RiskInputSchema | typeof RiskPatchSchema>>;

function RiskFields({ form, scale, withStatus }: { form: RiskFormState; scale: number; withStatus: boolean }) {
  const styles = useStyles();
  const x = useRiskText();
  const d = x.drawer;
  const { locale } = useI18n();
  const { values, errors } = form;
  return (
    <>
      <FormField name="title" errors={errors} label={d.titleField} required>
        <Input value={values.title} onChange={(_, v) => form.set({ title: v.value })} onBlur={() => form.onBlur("title")} />
      </FormField>
      <FormField name="description" errors={errors} label={d.description}>
        <Textarea value={values.description} resize="vertical" onChange={(_, v) => form.set({ description: v.value })} onBlur={() => form.onBlur("description")} />
      </FormField>
      <FormField name="category" errors={errors} label={d.category}>
        <Dropdown value={riskLabels.category[values.category][locale]} selectedOptions={[values.category]} onOptionSelect={(_, o) => form.set({ category: RiskCategorySchema.parse(o.optionValue) })}>
          {RiskCategorySchema.options.map((c) => (
            <Option key={c} value={c}>
              {riskLabels.category[c][locale]}
            </Option>
          ))}
        </Dropdown>
      </FormField>
      <div className={styles.row}>
        <ScoreDropdown name="probability" label={x.probability} errors={errors} value={values.probability} scale={scale} allowNone onChange={(v) => form.set({ probability: v })} />
        <ScoreDropdown name="consequence" label={x.consequence} errors={errors} value={values.consequence} scale={scale} allowNone onChange={(v) => form.set({ consequence: v })} />
      </div>
      <FormField name="handling" errors={errors} label={d.handling}>
        <Dropdown
          value={values.handling ? riskLabels.handling[values.handling][locale] : d.none}
          selectedOptions={[values.handling]}
          onOptionSelect={(_, o) => form.set({ handling: o.optionValue ? RiskHandlingSchema.parse(o.optionValue) : "" })}
        >
          <Option value="">{d.none}</Option>
          {RiskHandlingSchema.options.map((h) => (
            <Option key={h} value={h}>
              {riskLabels.handling[h][locale]}
            </Option>
          ))}
        </Dropdown>
      </FormField>
      <FormField name="actions" errors={errors} label={d.actions}>
        <Textarea value={values.actions} resize="vertical" onChange={(_, v) => form.set({ actions: v.value })} onBlur={() => form.onBlur("actions")} />
      </FormField>
      <FormField name="owner" errors={errors} label={d.owner}>
        <Input type="email" value={values.owner} onChange={(_, v) => form.set({ owner: v.value })} onBlur={() => form.onBlur("owner")} />
      </FormField>
      <FormField name="nextReviewDate" errors={errors} label={d.nextReview}>
        <Input type="date" value={values.nextReviewDate} onChange={(_, v) => form.set({ nextReviewDate: v.value })} onBlur={() => form.onBlur("nextReviewDate")} />
      </FormField>
      {withStatus && (
        <FormField name="status" errors={errors} label={d.status}>
          <Dropdown value={riskLabels.status[values.status][locale]} selectedOptions={[values.status]} onOptionSelect={(_, o) => form.set({ status: RiskStatusSchema.parse(o.optionValue) })}>
            {RiskStatusSchema.options.map((st) => (
              <Option key={st} value={st}>
                {riskLabels.status[st][locale]}
              </Option>
            ))}
          </Dropdown>
        </FormField>
      )}
    </>
  );
}
