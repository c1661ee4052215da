/** Everything the API holds on one effort: fields, assessment, decisions, history (newest first). */
import { Fragment, type ReactNode } from "react";
import { Badge, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ProjectDetail } from "@naravard/api/contracts";
import { useApp } from "../../context";
import { useI18n, type MessageKey } from "../../i18n";
import { namesOf, numberedName, partyNames, statusLabel } from "../../labels";
import { AppLink } from "../../components/AppLink";
import { StatusColourBadge } from "./PortfolioTable";

export const useDetailStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  dl: {
    display: "grid",
    gridTemplateColumns: "minmax(140px, 32%) 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  dt: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, overflowWrap: "anywhere" },
  prose: { whiteSpace: "pre-wrap", margin: 0 },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  timeline: { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  entry: {
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  card: {
    padding: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
});

export function ProjectDetailView({ project }: { project: ProjectDetail }) {
  const styles = useDetailStyles();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { lookups } = useApp();
  const parties = partyNames(project, lookups, i18n);
  const item = (label: MessageKey, value: ReactNode) =>
    value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0) ? null : (
      <>
        <dt className={styles.dt}>{t(label)}</dt>
        <dd className={styles.dd}>{value}</dd>
      </>
    );
  const list = (names: string[]) =>
    names.length === 0 ? null : names.length === 1 ? names[0] : (
      <ul className={styles.list}>
        {names.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    );
  const period = [project.startDate, project.endDate].filter(Boolean).map((d) => i18n.formatDate(d)).join(" – ");

  return (
    <div className={styles.root} data-testid="effort-detail">
      <div className={styles.badges}>
        <Badge appearance="filled" color="brand" shape="rounded">
          {statusLabel(project.status, locale)}
        </Badge>
        <Text size={200}>{t(`type.${project.type}` as MessageKey)}</Text>
      </div>

      <section className={styles.section} aria-labelledby="detail-idea">
        <h3 id="detail-idea" className={styles.h3}>
          {t("detail.description")}
        </h3>
        <p className={styles.prose}>{project.description}</p>
      </section>

      {project.latestStatus && (
        <section className={styles.section} aria-labelledby="detail-latest">
          <h3 id="detail-latest" className={styles.h3}>
            {t("detail.latestStatus")}
          </h3>
          <div className={styles.card}>
            <div className={styles.badges}>
              <StatusColourBadge colour={project.latestStatus.colour} />
              <Text className={styles.meta}>{t("detail.latestStatus.reported", { date: i18n.formatDate(project.latestStatus.reportedAt) })}</Text>
            </div>
            {project.latestStatus.summary && <p className={styles.prose}>{project.latestStatus.summary}</p>}
          </div>
        </section>
      )}

      <section className={styles.section} aria-labelledby="detail-facts">
        <h3 id="detail-facts" className={styles.h3}>
          {t("detail.facts")}
        </h3>
        <dl className={styles.dl}>
          {item("detail.owner", parties.owner)}
          {item("detail.partners", list(parties.partners))}
          {item("detail.partnersText", project.partnersText)}
          {item("detail.projectLeader", person(project.projectLeader))}
          {item("detail.projectOwner", project.projectOwner && person(project.projectOwner))}
          {item("detail.changeOwner", project.changeOwner && person(project.changeOwner))}
          {item("detail.period", period)}
          {item("detail.programAreas", list(project.programAreaIds.map((id) => numberedName(lookups.programArea(id), id, i18n))))}
          {item("detail.criteria", list(namesOf(project.criteriaIds, lookups.criterion, i18n)))}
          {item("detail.subGoals", list(project.subGoalIds.map((id) => numberedName(lookups.subGoal(id), id, i18n))))}
          {item("detail.targetGroups", list(namesOf(project.targetGroupIds, lookups.targetGroup, i18n)))}
          {item("detail.benefitObjects", list(namesOf(project.benefitObjectIds, lookups.benefitObject, i18n)))}
          {item("detail.nature", project.nature && t(`nature.${project.nature}` as MessageKey))}
          {item(
            "detail.financing",
            `${t(project.financing.secured ? "detail.financing.secured" : "detail.financing.notSecured")}${project.financing.source ? ` – ${project.financing.source}` : ""}`,
          )}
          {item("detail.horizon", project.horizon && t(`horizon.${project.horizon}` as MessageKey))}
          {item(
            "detail.links",
            (project.links.web || project.links.finalReport) && (
              <span className={styles.badges}>
                {project.links.web && (
                  <Link href={project.links.web} target="_blank" rel="noreferrer">
                    {t("detail.link.web")}
                  </Link>
                )}
                {project.links.finalReport && (
                  <Link href={project.links.finalReport} target="_blank" rel="noreferrer">
                    {t("detail.link.finalReport")}
                  </Link>
                )}
              </span>
            ),
          )}
        </dl>
        <Text className={styles.meta}>{t("detail.created", { date: i18n.formatDate(project.createdAt), name: project.createdBy })}</Text>
      </section>

      <section className={styles.section} aria-labelledby="detail-assessment" data-testid="detail-assessment">
        <h3 id="detail-assessment" className={styles.h3}>
          {t("detail.assessment")}
        </h3>
        {project.assessment ? (
          <div className={styles.card}>
            <dl className={styles.dl}>
              {project.assessment.criteria.map((c) => (
                <Fragment key={c.criterionId}>
                  <dt className={styles.dt}>{i18n.refName(lookups.criterion(c.criterionId), c.criterionId)}</dt>
                  <dd className={styles.dd}>
                    {t(c.met ? "detail.assessment.met" : "detail.assessment.notMet")}
                    {c.comment ? ` – ${c.comment}` : ""}
                  </dd>
                </Fragment>
              ))}
              {item("detail.assessment.summary", project.assessment.summary)}
              {item(
                "detail.assessment.recommendation",
                t(project.assessment.recommendation === "inkludera" ? "recommendation.inkludera" : "recommendation.avsla"),
              )}
            </dl>
            <Text className={styles.meta}>
              {t("detail.assessment.by", { date: i18n.formatDate(project.assessment.assessedAt), name: project.assessment.assessedBy })}
            </Text>
          </div>
        ) : (
          <Text className={styles.meta}>{t("detail.assessment.none")}</Text>
        )}
      </section>

      <section className={styles.section} aria-labelledby="detail-decisions" data-testid="detail-decisions">
        <h3 id="detail-decisions" className={styles.h3}>
          {t("detail.decisions")}
        </h3>
        {project.decisions.length ? (
          <ul className={styles.timeline}>
            {[...project.decisions]
              .sort((a, b) => b.date.localeCompare(a.date))
              .map((d) => (
                <li key={d.id} className={styles.entry}>
                  <Text weight="semibold">
                    {d.decision}
                    {d.outcome ? ` (${t(d.outcome === "inkluderad" ? "outcome.inkluderad" : "outcome.avslagen")})` : ""}
                  </Text>
                  <p className={styles.prose}>{d.rationale}</p>
                  <Text className={styles.meta}>
                    {i18n.formatDate(d.date)} · {d.bodyName} · {d.decidedBy}
                  </Text>
                </li>
              ))}
            <li>
              <AppLink to={`/decisions?projekt=${encodeURIComponent(project.id)}`}>{t("detail.seeDecisionLog")}</AppLink>
            </li>
          </ul>
        ) : (
          <Text className={styles.meta}>{t("detail.decisions.none")}</Text>
        )}
      </section>

      <section className={styles.section} aria-labelledby="detail-history">
        <h3 id="detail-history" className={styles.h3}>
          {t("detail.history")}
        </h3>
        {project.history.length ? (
          <ol className={styles.timeline} data-testid="detail-history">
            {[...project.history]
              .sort((a, b) => b.at.localeCompare(a.at))
              .map((h, i) => (
                <li key={`${h.at}-${i}`} className={styles.entry}>
                  <Text>{h.summary}</Text>
                  <br />
                  <Text className={styles.meta}>
                    {i18n.formatDateTime(h.at)} · {h.by}
                  </Text>
                </li>
              ))}
          </ol>
        ) : (
          <Text className={styles.meta}>{t("detail.history.none")}</Text>
        )}
      </section>
    </div>
  );
}

function person(p: { name: string; email?: string }): ReactNode {
  return p.email ? (
    <>
      {p.name} (<Link href={`mailto:${p.email}`}>{p.email}</Link>)
    </>
  ) : (
    p.name
  );
}
