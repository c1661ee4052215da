/** One escalation: where it stands, its timeline (who, when, what, text), and links to its decision and effort. */
import { useEffect, useState } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Escalation, EscalationTimelineEntry } from "@naravard/api/contracts";
import { AppLink } from "../../components/AppLink";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { useI18n, type MessageKey } from "../../i18n";

const useStyles = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  head: { display: "flex", justifyContent: "space-between", alignItems: "start", gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  sub: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  text: { whiteSpace: "pre-wrap" },
  muted: { color: tokens.colorNeutralForeground2 },
  timeline: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  decision: {
    padding: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalL,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteGreenBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  links: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL },
});

type State = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; escalation: Escalation };

export function EscalationDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useApp();
  const [state, setState] = useState<State>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    setState({ state: "loading" });
    api.getEscalation(id).then(
      (escalation) => alive && setState({ state: "ready", escalation }),
      (error: unknown) => alive && setState({ state: "error", error }),
    );
    return () => {
      alive = false;
    };
  }, [api, id, attempt]);

  if (state.state === "loading") return <Loading label={t("esc.loading")} />;
  if (state.state === "error") return <ErrorBar error={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  const e = state.escalation;
  const when = (iso: string) => i18n.formatDate(iso.slice(0, 10));
  const who = (entry: EscalationTimelineEntry) => (entry.by === "system" ? t("esc.system") : (entry.byName ?? entry.by));

  return (
    <section className={styles.panel} aria-labelledby="escalation-detail-title" data-testid="escalation-detail">
      <div className={styles.head}>
        <h2 id="escalation-detail-title" className={styles.title}>
          {t("esc.detail.title", { title: e.title })}
        </h2>
        <Button onClick={onClose}>{t("esc.detail.close")}</Button>
      </div>
      <Text>
        {t(`esc.status.${e.status}` as MessageKey)} · {t(`esc.level.${e.level}` as MessageKey)}
        {e.status === "open" ? ` · ${t("esc.col.holder")}: ${e.holder}` : ""}
        {e.urgency === "akut" ? ` · ${t("esc.urgent")}` : ""}
      </Text>
      <Text className={styles.muted}>{t("esc.detail.raisedBy", { who: e.raisedBy, when: when(e.raisedAt) })}</Text>
      {e.acknowledged && <Text className={styles.muted}>{t("esc.detail.acknowledged", { who: e.acknowledged.by, when: when(e.acknowledged.at) })}</Text>}
      {e.source.kind !== "manual" && (
        <Text className={styles.muted}>{t("esc.detail.source", { kind: t(`esc.source.${e.source.kind}` as MessageKey), id: e.source.id })}</Text>
      )}
      <Text className={styles.text}>{e.description}</Text>
      {e.decision && (
        <div className={styles.decision}>
          <h3 className={styles.sub}>{t("esc.detail.decision")}</h3>
          <Text block className={styles.text}>
            {e.decision.text}
          </Text>
          <Text block>
            {t("esc.detail.rationale")}: {e.decision.rationale}
          </Text>
          <Text block className={styles.muted}>
            {t("esc.detail.body")}: {e.decision.bodyName} · {i18n.formatDate(e.decision.date)} · {e.decision.decidedBy}
          </Text>
        </div>
      )}
      <h3 className={styles.sub}>{t("esc.detail.timeline")}</h3>
      <ol className={styles.timeline}>
        {e.timeline.map((entry, i) => (
          <li key={`${entry.at}-${i}`}>
            <Text>
              <strong>{who(entry)}</strong> {t(`esc.what.${entry.what}` as MessageKey)} ({t(`esc.level.${entry.level}` as MessageKey)}) · {when(entry.at)}
            </Text>
            {entry.text && (
              <Text block className={styles.text}>
                {entry.text}
              </Text>
            )}
          </li>
        ))}
      </ol>
      <div className={styles.links}>
        {e.decisionId && <AppLink to={`/decisions?eskalering=${encodeURIComponent(e.id)}`}>{t("esc.detail.openDecision")}</AppLink>}
        {e.projectId && <AppLink to={`/portfolio?effort=${encodeURIComponent(e.projectId)}`}>{t("esc.detail.openProject")}</AppLink>}
      </div>
    </section>
  );
}
