/**
 * Configuration page of the channel/group-chat tab (manifest `configurableTabs[0].configurationUrl`):
 * the user picks the portfolio, the decision log or the escalations, and Save stores the tab with `pages.config.setConfig`.
 */
import { useEffect, useState } from "react";
import { MessageBar, MessageBarBody, Radio, RadioGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useApp } from "../context";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "640px" },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  hint: { display: "block", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export type TabChoice = "portfolio" | "decisions" | "escalations";

const TAB_PATHS: Record<TabChoice, string> = { portfolio: "/portfolio", decisions: "/decisions", escalations: "/escalations" };

/** What `setConfig` receives for a choice; pure so it can be tested. */
export function tabConfig(choice: TabChoice, origin: string, suggestedDisplayName: string) {
  const path = TAB_PATHS[choice];
  return {
    entityId: `naravard-${choice}`,
    contentUrl: `${origin}${path}`,
    websiteUrl: `${origin}${path}`,
    suggestedDisplayName,
  };
}

export function ConfigPage() {
  const styles = useStyles();
  const { t } = useI18n();
  const { host } = useApp();
  const [choice, setChoice] = useState<TabChoice>("portfolio");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!host.inTeams) return;
    const config = host.sdk.pages.config;
    config.registerOnSaveHandler((saveEvent) => {
      const names: Record<TabChoice, string> = { portfolio: t("config.portfolio"), decisions: t("config.decisions"), escalations: t("config.escalations") };
      const settings = tabConfig(choice, window.location.origin, names[choice]);
      config.setConfig(settings).then(
        () => saveEvent.notifySuccess(),
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          setError(message);
          saveEvent.notifyFailure(message);
        },
      );
    });
    config.setValidityState(true);
  }, [host, choice, t]);

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>{t("config.title")}</h1>
      <Text>{t("config.intro")}</Text>
      {!host.inTeams && (
        <MessageBar intent="info">
          <MessageBarBody>{t("config.outsideTeams")}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <RadioGroup value={choice} onChange={(_, d) => setChoice(d.value as TabChoice)} aria-label={t("config.choice")}>
        <Radio
          value="portfolio"
          label={
            <>
              {t("config.portfolio")}
              <span className={styles.hint}>{t("config.portfolio.hint")}</span>
            </>
          }
        />
        <Radio
          value="decisions"
          label={
            <>
              {t("config.decisions")}
              <span className={styles.hint}>{t("config.decisions.hint")}</span>
            </>
          }
        />
        <Radio
          value="escalations"
          label={
            <>
              {t("config.escalations")}
              <span className={styles.hint}>{t("config.escalations.hint")}</span>
            </>
          }
        />
      </RadioGroup>
      {host.inTeams && <Text>{t("config.ready")}</Text>}
    </div>
  );
}
