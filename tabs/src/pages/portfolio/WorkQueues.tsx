/**
 * What waits for the signed-in user: applications to assess (program office) and assessed
 * applications to decide (steering group). Only efforts whose `allowedActions` offer the action
 * are listed.
 */
import { Button, Card, CardHeader, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Project, ProjectAction, ProjectStatus } from "@naravard/api/contracts";
import { useApp } from "../../context";
import { ErrorBar } from "../../components/feedback";
import { useI18n, type MessageKey } from "../../i18n";
import { partyNames } from "../../labels";
import { updateSearch } from "../../router";
import { usePaged } from "../../usePaged";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  list: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))",
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  card: { height: "100%" },
  meta: { color: tokens.colorNeutralForeground2 },
});

interface QueueSpec {
  status: ProjectStatus;
  action: Extract<ProjectAction, "assess" | "decide">;
  title: MessageKey;
  button: MessageKey;
  param: string;
}

const QUEUES: QueueSpec[] = [
  { status: "ansokan_inlamnad", action: "assess", title: "queue.assess.title", button: "queue.assess.action", param: "bedom" },
  { status: "bedomd", action: "decide", title: "queue.decide.title", button: "queue.decide.action", param: "besluta" },
];

export function WorkQueues({ refreshKey }: { refreshKey: number }) {
  const { can } = useApp();
  return (
    <>
      {QUEUES.filter((q) => can(q.action === "assess" ? "portfolio.assess" : "portfolio.decide")).map((q) => (
        <Queue key={q.status} spec={q} refreshKey={refreshKey} />
      ))}
    </>
  );
}

function Queue({ spec, refreshKey }: { spec: QueueSpec; refreshKey: number }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useApp();
  const list = usePaged(`${spec.status}|${refreshKey}`, (continuationToken?: string) =>
    api.listProjects({ status: spec.status, pageSize: 50, continuationToken }),
  );
  const items = list.items.filter((p) => p.allowedActions.includes(spec.action));
  if (list.loading || (!list.error && items.length === 0)) return null;
  const headingId = `queue-${spec.status}`;
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid={`queue-${spec.action}`}>
      <h2 id={headingId} className={styles.heading}>
        {t(spec.title)} ({items.length})
      </h2>
      {list.error ? (
        <ErrorBar error={list.error} onRetry={list.reload} />
      ) : (
        <ul className={styles.list}>
          {items.map((p) => (
            <li key={p.id}>
              <QueueCard project={p} spec={spec} />
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <Button appearance="subtle" onClick={list.loadMore}>
          {t("common.showMore")}
        </Button>
      )}
    </section>
  );
}

function QueueCard({ project, spec }: { project: Project; spec: QueueSpec }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { lookups } = useApp();
  const parties = partyNames(project, lookups, i18n);
  const rec = project.assessment?.recommendation;
  return (
    <Card className={styles.card} appearance="outline" size="small">
      <CardHeader
        header={<Text weight="semibold">{project.name}</Text>}
        description={
          <Text size={200} className={styles.meta}>
            {[parties.owner, ...parties.partners].join(", ")} · {t("queue.submitted", { date: i18n.formatDate(project.createdAt) })}
          </Text>
        }
      />
      {rec && <Text size={200}>{t("queue.recommendation", { value: t(rec === "inkludera" ? "recommendation.inkludera" : "recommendation.avsla") })}</Text>}
      <div>
        <Button
          appearance="primary"
          size="small"
          aria-label={`${t(spec.button)}: ${project.name}`}
          onClick={() => updateSearch({ effort: project.id, atgard: spec.param })}
        >
          {t(spec.button)}
        </Button>
      </div>
    </Card>
  );
}
