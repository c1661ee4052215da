/**
 * One risk in a drawer: its values, history, and the edit and review forms (the API's field errors at the fields;
 * a 412 loads the latest version, keeps the user's input and saves next time with the new ETag). Also the form
 * for a new risk (with an Idempotency-Key).
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  OverlayDrawer,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import {
  ApiError,
  RiskCategorySchema,
  RiskHandlingSchema,
  RiskStatusSchema,
  riskLabels,
  type RiskDetail,
  type RiskPatch,
  type RiskSettings,
} from "@naravard/api/contracts";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { useI18n } from "../../i18n";
import { errorMessage, newIdempotencyKey } from "../../api";
import { LevelBadge } from "./LevelBadge";
import { useRiskText } from "./riskText";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalL },
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, whiteSpace: "pre-wrap" },
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  row: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

type Mode = "view" | "edit" | "review";
type Loaded = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; risk: RiskDetail };
type Errors = Record<string, string>;

interface FormValues {
  title: string;
  description: string;
  category: string;
  probability: string;
  consequence: string;
  handling: string;
  actions: string;
  owner: string;
  nextReviewDate: string;
  status: string;
}

function valuesOf(r: RiskDetail | null): FormValues {
  return {
    title: r?.title ?? "",
    description: r?.description ?? "",
    category: r?.category ?? "program",
    probability: r?.probability === null || r?.probability === undefined ? "" : String(r.probability),
    consequence: r?.consequence === null || r?.consequence === undefined ? "" : String(r.consequence),
    handling: r?.handling ?? "",
    actions: r?.actions ?? "",
    owner: r?.owner ?? "",
    nextReviewDate: r?.nextReviewDate ?? "",
    status: r?.status ?? "open",
  };
}

const num = (v: string) => (v === "" ? null : Number(v));

function fieldErrors(err: unknown): Errors {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(err.body.details.map((d) => [d.field.split(".")[0] ?? d.field, d.message]));
}

export function RiskDrawer(props: { riskId: string | null; adding: boolean; onClose: () => void; onChanged: () => void; onCreated: (id: string) => void }) {
  const { riskId, adding, onClose } = props;
  const styles = useStyles();
  const x = useRiskText();
  const d = x.drawer;
  const { t, locale, formatDate, formatDateTime } = useI18n();
  const { api } = useApp();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [settings, setSettings] = useState<RiskSettings | null>(null);
  const [mode, setMode] = useState<Mode>("view");
  const [values, setValues] = useState<FormValues>(valuesOf(null));
  const [review, setReview] = useState({ outcome: "unchanged", probability: "", consequence: "", note: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const idempotencyKey = useRef(newIdempotencyKey());
  const formRef = useRef<HTMLFormElement>(null);
  const open = adding || riskId !== null;

  useEffect(() => {
    void api.riskSettings().then(setSettings, () => undefined);
  }, [api]);

  useEffect(() => {
    setMode("view");
    setErrors({});
    setFailure(null);
    setStale(false);
    setNotice(null);
    if (adding) {
      idempotencyKey.current = newIdempotencyKey();
      setValues(valuesOf(null));
    }
  }, [riskId, adding]);

  useEffect(() => {
    if (!riskId || adding) return;
    let alive = true;
    api.getRisk(riskId).then(
      (risk) => alive && setLoaded({ state: "ready", risk }),
      (error: unknown) => alive && setLoaded({ state: "error", error }),
    );
    return () => {
      alive = false;
    };
  }, [api, riskId, adding, reloadKey]);

  // The button that opened a form is gone with the view: keep keyboard focus in the drawer, on the form's first field.
  useEffect(() => {
    if (mode !== "view" || adding) formRef.current?.querySelector<HTMLElement>("input, textarea, button")?.focus();
  }, [mode, adding]);

  const risk = loaded.state === "ready" && loaded.risk.id === riskId ? loaded.risk : null;
  const scale = settings?.scale ?? 4;
  const scaleOptions = Array.from({ length: scale }, (_, i) => String(i + 1));

  const startEdit = () => {
    setValues(valuesOf(risk));
    setErrors({});
    setFailure(null);
    setStale(false);
    setNotice(null);
    setMode("edit");
  };
  const startReview = () => {
    setReview({ outcome: "unchanged", probability: risk?.probability?.toString() ?? "", consequence: risk?.consequence?.toString() ?? "", note: "" });
    setErrors({});
    setFailure(null);
    setStale(false);
    setNotice(null);
    setMode("review");
  };

  /** 412: show the latest version and keep what the user typed; the next save uses the new ETag. */
  const recover = async (err: unknown) => {
    if (err instanceof ApiError && err.status === 412 && riskId) {
      setStale(true);
      setLoaded({ state: "ready", risk: await api.getRisk(riskId) });
      return;
    }
    setErrors(fieldErrors(err));
    setFailure(errorMessage(err, t));
  };

  const submitEdit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      if (adding) {
        const created = await api.createRisk(
          {
            title: values.title,
            description: values.description,
            category: values.category as RiskDetail["category"],
            probability: num(values.probability),
            consequence: num(values.consequence),
            ...(values.handling ? { handling: values.handling as NonNullable<RiskDetail["handling"]> } : {}),
            ...(values.actions ? { actions: values.actions } : {}),
            ...(values.owner ? { owner: values.owner } : {}),
            ...(values.nextReviewDate ? { nextReviewDate: values.nextReviewDate } : {}),
          },
          idempotencyKey.current,
        );
        props.onCreated(created.id);
        return;
      }
      if (!risk) return;
      const before = valuesOf(risk);
      const patch: RiskPatch = {};
      if (values.title !== before.title) patch.title = values.title;
      if (values.description !== before.description) patch.description = values.description;
      if (values.category !== before.category) patch.category = values.category as RiskDetail["category"];
      if (values.probability !== before.probability) patch.probability = num(values.probability);
      if (values.consequence !== before.consequence) patch.consequence = num(values.consequence);
      if (values.handling !== before.handling) patch.handling = values.handling ? (values.handling as NonNullable<RiskDetail["handling"]>) : null;
      if (values.actions !== before.actions) patch.actions = values.actions;
      if (values.owner !== before.owner && values.owner) patch.owner = values.owner;
      if (values.nextReviewDate !== before.nextReviewDate) patch.nextReviewDate = values.nextReviewDate || null;
      if (values.status !== before.status) patch.status = values.status as RiskDetail["status"];
      await api.patchRisk(risk.id, patch, risk.etag);
      setStale(false);
      setMode("view");
      setNotice(d.saved);
      setReloadKey((n) => n + 1);
      props.onChanged();
    } catch (err) {
      await recover(err);
    } finally {
      setBusy(false);
    }
  };

  const submitReview = async (e: FormEvent) => {
    e.preventDefault();
    if (!risk) return;
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const reassessed = review.outcome === "reassessed";
      const saved = await api.reviewRisk(
        risk.id,
        {
          outcome: reassessed ? "reassessed" : "unchanged",
          ...(reassessed ? { probability: num(review.probability), consequence: num(review.consequence) } : {}),
          ...(review.note.trim() ? { note: review.note.trim() } : {}),
        },
        risk.etag,
      );
      setStale(false);
      setMode("view");
      setNotice(d.reviewed(saved.nextReviewDate ? formatDate(saved.nextReviewDate) : d.none));
      setReloadKey((n) => n + 1);
      props.onChanged();
    } catch (err) {
      await recover(err);
    } finally {
      setBusy(false);
    }
  };

  const escalate = async () => {
    if (!risk) return;
    setBusy(true);
    try {
      const result = await api.escalateRisk(risk.id);
      setNotice(d.escalated(result.escalationId));
      setReloadKey((n) => n + 1);
      props.onChanged();
    } catch (err) {
      setFailure(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const set = (k: keyof FormValues) => (_: unknown, data: { value: string }) => setValues((v) => ({ ...v, [k]: data.value }));
  const problems = (
    <div aria-live="assertive">
      {stale && (
        <MessageBar intent="warning" data-testid="stale-notice">
          <MessageBarBody>{d.stale}</MessageBarBody>
        </MessageBar>
      )}
      {failure && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {Object.keys(errors).length > 0 ? d.errors : null} {failure}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
  const scoreDropdown = (field: "probability" | "consequence", value: string, onChange: (v: string) => void, allowNone: boolean) => (
    <Field label={field === "probability" ? x.probability : x.consequence} validationMessage={errors[field]} validationState={errors[field] ? "error" : "none"}>
      <Dropdown
        id={`risk-${field}`}
        value={value === "" ? d.notAssessed : value}
        selectedOptions={[value]}
        onOptionSelect={(_, data) => onChange(data.optionValue ?? "")}
      >
        {allowNone && <Option value="">{d.notAssessed}</Option>}
        {scaleOptions.map((o) => (
          <Option key={o} value={o}>
            {o}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );

  let body;
  if (adding || mode === "edit") {
    body = (
      <form ref={formRef} className={styles.section} onSubmit={(e) => void submitEdit(e)} noValidate aria-label={adding ? d.addTitle : d.edit}>
        {problems}
        <Field label={d.titleField} required validationMessage={errors.title} validationState={errors.title ? "error" : "none"}>
          <Input id="risk-title" value={values.title} onChange={set("title")} />
        </Field>
        <Field label={d.description} validationMessage={errors.description} validationState={errors.description ? "error" : "none"}>
          <Textarea value={values.description} onChange={set("description")} resize="vertical" />
        </Field>
        <Field label={d.category} validationMessage={errors.category} validationState={errors.category ? "error" : "none"}>
          <Dropdown value={riskLabels.category[values.category as RiskDetail["category"]][locale]} selectedOptions={[values.category]} onOptionSelect={(_, o) => setValues((v) => ({ ...v, category: o.optionValue ?? v.category }))}>
            {RiskCategorySchema.options.map((c) => (
              <Option key={c} value={c}>
                {riskLabels.category[c][locale]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <div className={styles.row}>
          {scoreDropdown("probability", values.probability, (v) => setValues((s) => ({ ...s, probability: v })), true)}
          {scoreDropdown("consequence", values.consequence, (v) => setValues((s) => ({ ...s, consequence: v })), true)}
        </div>
        <Field label={d.handling} validationMessage={errors.handling} validationState={errors.handling ? "error" : "none"}>
          <Dropdown
            value={values.handling ? riskLabels.handling[values.handling as NonNullable<RiskDetail["handling"]>][locale] : d.none}
            selectedOptions={[values.handling]}
            onOptionSelect={(_, o) => setValues((v) => ({ ...v, handling: o.optionValue ?? "" }))}
          >
            <Option value="">{d.none}</Option>
            {RiskHandlingSchema.options.map((h) => (
              <Option key={h} value={h}>
                {riskLabels.handling[h][locale]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={d.actions} validationMessage={errors.actions} validationState={errors.actions ? "error" : "none"}>
          <Textarea value={values.actions} onChange={set("actions")} resize="vertical" />
        </Field>
        <Field label={d.owner} validationMessage={errors.owner} validationState={errors.owner ? "error" : "none"}>
          <Input type="email" value={values.owner} onChange={set("owner")} />
        </Field>
        <Field label={d.nextReview} validationMessage={errors.nextReviewDate} validationState={errors.nextReviewDate ? "error" : "none"}>
          <Input type="date" value={values.nextReviewDate} onChange={set("nextReviewDate")} />
        </Field>
        {!adding && (
          <Field label={d.status}>
            <Dropdown value={riskLabels.status[values.status as RiskDetail["status"]][locale]} selectedOptions={[values.status]} onOptionSelect={(_, o) => setValues((v) => ({ ...v, status: o.optionValue ?? v.status }))}>
              {RiskStatusSchema.options.map((st) => (
                <Option key={st} value={st}>
                  {riskLabels.status[st][locale]}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
        <div className={styles.toolbar}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? d.saving : d.save}
          </Button>
          <Button onClick={() => (adding ? onClose() : setMode("view"))}>{d.cancel}</Button>
        </div>
      </form>
    );
  } else if (loaded.state === "error") {
    body = <ErrorBar error={loaded.error} onRetry={() => setReloadKey((n) => n + 1)} />;
  } else if (!risk) {
    body = <Loading label={x.loading} />;
  } else if (mode === "review") {
    body = (
      <form ref={formRef} className={styles.section} onSubmit={(e) => void submitReview(e)} noValidate aria-label={d.review}>
        {problems}
        <Field label={d.outcome}>
          <RadioGroup value={review.outcome} onChange={(_, data) => setReview((r) => ({ ...r, outcome: data.value }))}>
            <Radio value="unchanged" label={d.unchanged} />
            <Radio value="reassessed" label={d.reassessed} />
          </RadioGroup>
        </Field>
        {review.outcome === "reassessed" && (
          <div className={styles.row}>
            {scoreDropdown("probability", review.probability, (v) => setReview((r) => ({ ...r, probability: v })), false)}
            {scoreDropdown("consequence", review.consequence, (v) => setReview((r) => ({ ...r, consequence: v })), false)}
          </div>
        )}
        <Field label={d.note} validationMessage={errors.note} validationState={errors.note ? "error" : "none"}>
          <Textarea value={review.note} onChange={(_, data) => setReview((r) => ({ ...r, note: data.value }))} resize="vertical" />
        </Field>
        <div className={styles.toolbar}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? d.saving : d.save}
          </Button>
          <Button onClick={() => setMode("view")}>{d.cancel}</Button>
        </div>
      </form>
    );
  } else {
    body = (
      <div className={styles.section}>
        <div aria-live="polite">
          {notice && (
            <MessageBar intent="success">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        {failure && <ErrorBar error={new Error(failure)} />}
        <div className={styles.toolbar}>
          <LevelBadge level={risk.level} />
          {risk.value !== null && <span>{`${x.value} ${risk.value}`}</span>}
        </div>
        {risk.allowedActions.length > 0 && (
          <div className={styles.toolbar}>
            {risk.allowedActions.includes("edit") && <Button onClick={startEdit}>{d.edit}</Button>}
            {risk.allowedActions.includes("review") && <Button onClick={startReview}>{d.review}</Button>}
            {risk.allowedActions.includes("escalate") && (
              <Button appearance="primary" onClick={() => void escalate()} disabled={busy}>
                {busy ? d.escalating : d.escalate}
              </Button>
            )}
          </div>
        )}
        {risk.escalation.offered && <MessageBar intent="warning"><MessageBarBody>{d.escalationOffered}</MessageBarBody></MessageBar>}
        {risk.example && <span className={styles.muted}>{x.exampleHint}</span>}
        <dl className={styles.facts}>
          <dt className={styles.dt}>{x.probability}</dt>
          <dd className={styles.dd}>{risk.probability ?? d.none}</dd>
          <dt className={styles.dt}>{x.consequence}</dt>
          <dd className={styles.dd}>{risk.consequence ?? d.none}</dd>
          <dt className={styles.dt}>{d.category}</dt>
          <dd className={styles.dd}>{riskLabels.category[risk.category][locale]}</dd>
          <dt className={styles.dt}>{x.colOwner}</dt>
          <dd className={styles.dd}>{risk.ownerName ?? risk.owner ?? d.none}</dd>
          <dt className={styles.dt}>{d.handling}</dt>
          <dd className={styles.dd}>{risk.handling ? riskLabels.handling[risk.handling][locale] : d.none}</dd>
          <dt className={styles.dt}>{d.actions}</dt>
          <dd className={styles.dd}>{risk.actions || d.none}</dd>
          <dt className={styles.dt}>{d.nextReview}</dt>
          <dd className={styles.dd}>
            {risk.nextReviewDate ? formatDate(risk.nextReviewDate) : d.none} {risk.reviewOverdue ? `(${x.overdue})` : ""}
          </dd>
          <dt className={styles.dt}>{d.lastReviewed}</dt>
          <dd className={styles.dd}>{risk.lastReviewedAt ? formatDateTime(risk.lastReviewedAt) : d.none}</dd>
          <dt className={styles.dt}>{d.status}</dt>
          <dd className={styles.dd}>{riskLabels.status[risk.status][locale]}</dd>
          <dt className={styles.dt}>{d.description}</dt>
          <dd className={styles.dd}>{risk.description || d.none}</dd>
        </dl>
        <h3 className={styles.h3}>{d.history}</h3>
        {risk.history.length === 0 ? (
          <span className={styles.muted}>{d.noHistory}</span>
        ) : (
          <ol className={styles.history} data-testid="risk-history">
            {risk.history.map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <span className={styles.muted}>
                  {formatDateTime(h.at)} · {h.by}
                </span>
                <br />
                {h.summary}
                {h.note ? ` – ${h.note}` : ""}
              </li>
            ))}
          </ol>
        )}
      </div>
    );
  }

  return (
    <OverlayDrawer open={open} position="end" size="medium" onOpenChange={(_, data) => !data.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label={d.close} icon={<Dismiss24Regular />} onClick={onClose} />}>
          {adding ? d.addTitle : (risk?.title ?? x.title)}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>{open ? body : null}</DrawerBody>
    </OverlayDrawer>
  );
}
