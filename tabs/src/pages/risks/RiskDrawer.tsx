/**
 * One risk in a drawer: its values, history, and the edit and review forms (RiskForm, RiskReviewForm on the shared
 * form skeleton: the API's field errors at the fields; a 412 loads the latest version, keeps the user's input and
 * saves next time with the new ETag). Also the form for a new risk.
 */
import { useEffect, useRef, useState } from "react";
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import { riskLabels, type RiskSettings } from "@naravard/api/contracts";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { useI18n } from "../../i18n";
import { errorMessage } from "../../api";
import { useAsyncData } from "../../useAsyncData";
import { LevelBadge } from "./LevelBadge";
import { RiskForm } from "./RiskForm";
import { RiskReviewForm } from "./RiskReviewForm";
import { useRiskText } from "./riskText";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalL },
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, whiteSpace: "pre-wrap" },
  toolbar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

type Mode = "view" | "edit" | "review";

export function RiskDrawer(props: {
  riskId: string | null;
  adding: boolean;
  /** The program's scale and thresholds, as the page read them. */
  settings: RiskSettings;
  onClose: () => void;
  onChanged: () => void;
  onCreated: (id: string) => void;
}) {
  const { riskId, adding, onClose, settings } = props;
  const styles = useStyles();
  const x = useRiskText();
  const d = x.drawer;
  const { t, locale, formatDate, formatDateTime } = useI18n();
  const { api } = useApp();
  const [mode, setMode] = useState<Mode>("view");
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);
  const open = adding || riskId !== null;

  const detail = useAsyncData(() => (riskId && !adding ? api.getRisk(riskId) : Promise.resolve(null)), [api, riskId, adding]);
  const risk = detail.data && detail.data.id === riskId ? detail.data : null;

  useEffect(() => {
    setMode("view");
    setFailure(null);
    setNotice(null);
  }, [riskId, adding]);

  // The button that opened a form is gone with the view: keep keyboard focus in the drawer, on the form's first field.
  useEffect(() => {
    if (mode !== "view" || adding) formRef.current?.querySelector<HTMLElement>("input, textarea, button")?.focus();
  }, [mode, adding]);

  /** After a 412: the latest version is shown, and its ETag is what the form saves with next. */
  const loadLatest = async () => {
    if (!riskId) return;
    detail.setData(await api.getRisk(riskId));
  };

  const saved = (message: string) => {
    setMode("view");
    setNotice(message);
    detail.reload();
    props.onChanged();
  };

  const escalate = async () => {
    if (!risk) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await api.escalateRisk(risk.id);
      setNotice(d.escalated(result.escalationId));
      detail.reload();
      props.onChanged();
    } catch (err) {
      setFailure(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const startForm = (next: Mode) => {
    setFailure(null);
    setNotice(null);
    setMode(next);
  };

  let body;
  if (adding) {
    body = (
      <div ref={formRef}>
        <RiskForm risk={null} scale={settings.scale} loadLatest={loadLatest} onCancel={onClose} onSaved={(r) => props.onCreated(r.id)} />
      </div>
    );
  } else if (detail.status === "error" && !risk) {
    body = <ErrorBar error={detail.error} onRetry={detail.reload} />;
  } else if (!risk) {
    body = <Loading label={x.loading} />;
  } else if (mode === "edit") {
    body = (
      <div ref={formRef}>
        <RiskForm risk={risk} scale={settings.scale} loadLatest={loadLatest} onCancel={() => setMode("view")} onSaved={() => saved(d.saved)} />
      </div>
    );
  } else if (mode === "review") {
    body = (
      <div ref={formRef}>
        <RiskReviewForm
          risk={risk}
          scale={settings.scale}
          loadLatest={loadLatest}
          onCancel={() => setMode("view")}
          onSaved={(r) => saved(d.reviewed(r.nextReviewDate ? formatDate(r.nextReviewDate) : d.none))}
        />
      </div>
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
            {risk.allowedActions.includes("edit") && <Button onClick={() => startForm("edit")}>{d.edit}</Button>}
            {risk.allowedActions.includes("review") && <Button onClick={() => startForm("review")}>{d.review}</Button>}
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
