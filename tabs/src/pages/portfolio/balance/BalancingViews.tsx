/**
 * Balancing views for the steering group (PP 6.3), lazy-loaded with the chart library. Every chart
 * has a table alternative behind a visible "Visa som tabell" toggle.
 */
import { useContext, useMemo, useState, type ReactNode } from "react";
import {
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ChartMultiple20Regular, Table20Regular } from "@fluentui/react-icons";
import { DataVizPalette, DonutChart, HorizontalBarChart, getColorFromToken } from "@fluentui/react-charts";
import type { Project } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import { ErrorBar, Loading } from "../../../components/feedback";
import { useI18n, type MessageKey } from "../../../i18n";
import { numberedName, statusLabel } from "../../../labels";
import { AppLink } from "../../../components/AppLink";
import { ThemeNameContext } from "../../../theme";
import { useAsyncData } from "../../../useAsyncData";
import { fetchAll } from "../../../usePaged";
import { balanceBasis, countBy, partiesOf, rejectedIdeas, type CountRow } from "./compute";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  head: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "center", justifyContent: "space-between" },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(420px, 1fr))", gap: tokens.spacingHorizontalL, "@media (max-width: 520px)": { gridTemplateColumns: "1fr" } },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  wide: { gridColumn: "1 / -1" },
  cardHead: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "flex-start", justifyContent: "space-between" },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  chart: { minHeight: "200px", overflowX: "auto" },
  tableWrap: { overflowX: "auto" },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  yes: { fontWeight: tokens.fontWeightSemibold },
  legendText: { textTransform: "none" },
  toggle: { flexShrink: 0, whiteSpace: "nowrap" },
});

export default function BalancingViews({ refreshKey }: { refreshKey: number }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, lookups } = useApp();
  const load = useAsyncData(
    () => fetchAll((continuationToken) => api.listProjects({ pageSize: 100, continuationToken })),
    // refreshKey is not read by the loader: it changes when a save elsewhere changed the portfolio, to read it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, refreshKey],
  );
  const [includeApplications, setIncludeApplications] = useState(false);

  const loaded = load.status === "ready" ? load.data : undefined;
  const data = useMemo(() => {
    if (!loaded) return null;
    const projects = loaded;
    const basis = balanceBasis(projects, includeApplications);
    const notSet = { id: "-", label: t("common.notSet") };
    return {
      basis,
      criteria: countBy(basis, (p) => p.criteriaIds, lookups.criteria.map((c) => ({ id: c.id, label: i18n.refName(c) }))),
      subGoals: countBy(basis, (p) => p.subGoalIds, lookups.subGoals.map((g) => ({ id: g.id, label: numberedName(g, g.id, i18n) })), notSet),
      nature: countBy(
        basis,
        (p) => [p.nature],
        [
          { id: "innovation", label: t("nature.innovation") },
          { id: "standigt_forbattring", label: t("nature.standigt_forbattring") },
        ],
        notSet,
      ),
      horizon: countBy(
        basis,
        (p) => [p.horizon],
        [
          { id: "snabb_nytta", label: t("horizon.snabb_nytta") },
          { id: "langsiktig", label: t("horizon.langsiktig") },
        ],
        notSet,
      ),
      parties: countBy(basis, partiesOf, lookups.parties.map((p) => ({ id: p.id, label: p.shortName && i18n.locale === "sv" ? p.name : i18n.refName(p) }))).filter(
        (r) => r.count > 0 || lookups.party(r.id)?.kind === "party",
      ),
      programAreas: countBy(basis, (p) => p.programAreaIds, lookups.programAreas.map((a) => ({ id: a.id, label: numberedName(a, a.id, i18n) }))),
      targetGroups: countBy(basis, (p) => p.targetGroupIds, lookups.targetGroups.map((g) => ({ id: g.id, label: i18n.refName(g) })), notSet),
      rejected: rejectedIdeas(projects),
    };
  }, [loaded, includeApplications, lookups, i18n, t]);

  if (load.status === "error") return <ErrorBar error={load.error} onRetry={load.reload} />;
  if (load.status === "loading") return <Loading label={t("balance.loading")} />;
  if (!data) return null;

  return (
    <section className={styles.root} aria-labelledby="balance-title" data-testid="balancing-views">
      <div className={styles.head}>
        <div>
          <h2 id="balance-title" className={styles.h2}>
            {t("balance.title")}
          </h2>
          <Text className={styles.muted}>{t("balance.intro")}</Text>
        </div>
        <div>
          <Switch checked={includeApplications} onChange={(_, d) => setIncludeApplications(d.checked)} label={t("balance.includeApplications")} />
          <Text aria-live="polite" className={styles.muted} block>
            {t("balance.basis", { count: data.basis.length })}
          </Text>
        </div>
      </div>
      {data.basis.length === 0 ? (
        <Text role="status">{t("balance.empty")}</Text>
      ) : (
        <div className={styles.grid}>
          <ChartCard
            id="criteria"
            title="balance.criteria.title"
            wide
            chart={<Bars rows={data.criteria} title={t("balance.criteria.title")} palette={1} total={data.basis.length} />}
            table={<CriteriaMatrix projects={data.basis} />}
          />
          <ChartCard
            id="subgoals"
            title="balance.subGoals.title"
            chart={<Bars rows={data.subGoals} title={t("balance.subGoals.title")} palette={2} total={data.basis.length} />}
            table={<CountTable rows={data.subGoals} caption={t("balance.subGoals.title")} />}
          />
          <ChartCard
            id="programareas"
            title="balance.programAreas.title"
            chart={<Bars rows={data.programAreas} title={t("balance.programAreas.title")} palette={3} total={data.basis.length} />}
            table={<CountTable rows={data.programAreas} caption={t("balance.programAreas.title")} />}
          />
          <ChartCard
            id="nature"
            title="balance.nature.title"
            chart={<Donut rows={data.nature} title={t("balance.nature.title")} />}
            table={<CountTable rows={data.nature} caption={t("balance.nature.title")} />}
          />
          <ChartCard
            id="horizon"
            title="balance.horizon.title"
            chart={<Donut rows={data.horizon} title={t("balance.horizon.title")} offset={4} />}
            table={<CountTable rows={data.horizon} caption={t("balance.horizon.title")} />}
          />
          <ChartCard
            id="parties"
            title="balance.parties.title"
            chart={<Bars rows={data.parties} title={t("balance.parties.title")} palette={4} total={data.basis.length} />}
            table={<CountTable rows={data.parties} caption={t("balance.parties.title")} />}
          />
          <ChartCard
            id="targetgroups"
            title="balance.targetGroups.title"
            chart={<Bars rows={data.targetGroups} title={t("balance.targetGroups.title")} palette={5} total={data.basis.length} />}
            table={<CountTable rows={data.targetGroups} caption={t("balance.targetGroups.title")} />}
          />
        </div>
      )}
      <RejectedList rejected={data.rejected} />
    </section>
  );
}

function ChartCard({ id, title, chart, table, wide }: { id: string; title: MessageKey; chart: ReactNode; table: ReactNode; wide?: boolean }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [asTable, setAsTable] = useState(false);
  const headingId = `balance-${id}`;
  return (
    <section className={mergeClasses(styles.card, wide && styles.wide)} aria-labelledby={headingId} data-chart={id}>
      <div className={styles.cardHead}>
        <h3 id={headingId} className={styles.h3}>
          {t(title)}
        </h3>
        <ToggleButton
          className={styles.toggle}
          size="small"
          appearance="subtle"
          checked={asTable}
          icon={asTable ? <ChartMultiple20Regular /> : <Table20Regular />}
          onClick={() => setAsTable((v) => !v)}
        >
          {t("common.showAsTable")}
        </ToggleButton>
      </div>
      {asTable ? <div className={styles.tableWrap}>{table}</div> : <div className={styles.chart}>{chart}</div>}
    </section>
  );
}

function useDark(): boolean {
  return useContext(ThemeNameContext) === "dark";
}

const PALETTE = [
  DataVizPalette.color1,
  DataVizPalette.color2,
  DataVizPalette.color3,
  DataVizPalette.color4,
  DataVizPalette.color5,
  DataVizPalette.color6,
  DataVizPalette.color7,
  DataVizPalette.color8,
];

/** One labelled bar per category (label above the bar, so long names are never cut), "count/total". */
function Bars({ rows, title, palette, total }: { rows: CountRow[]; title: string; palette: number; total: number }) {
  const dark = useDark();
  const i18n = useI18n();
  const colour = getColorFromToken(PALETTE[palette % PALETTE.length]!, dark);
  return (
    <div role="group" aria-label={title}>
      <HorizontalBarChart
        data={rows.map((r) => ({
          chartTitle: r.label,
          chartData: [{ legend: r.label, horizontalBarChartdata: { x: r.count, total: Math.max(total, 1) }, color: colour }],
        }))}
        chartDataMode="fraction"
        barHeight={12}
        culture={i18n.tag}
      />
    </div>
  );
}

function Donut({ rows, title, offset = 0 }: { rows: CountRow[]; title: string; offset?: number }) {
  const styles = useStyles();
  const dark = useDark();
  const i18n = useI18n();
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <div role="group" aria-label={title}>
    <DonutChart
      data={{
        // No chartTitle: the card's heading names the chart (the library would draw it clipped).
        chartData: rows.map((r, i) => ({ legend: `${r.label} (${r.count})`, data: r.count, color: getColorFromToken(PALETTE[(i + offset) % PALETTE.length]!, dark) })),
      }}
      innerRadius={55}
      height={220}
      hideLabels
      valueInsideDonut={total}
      culture={i18n.tag}
      legendProps={{ enabledWrapLines: true, styles: { text: styles.legendText } }}
    />
    </div>
  );
}

function CountTable({ rows, caption }: { rows: CountRow[]; caption: string }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <Table size="small" aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t("balance.col.category")}</TableHeaderCell>
          <TableHeaderCell>{t("common.count")}</TableHeaderCell>
          <TableHeaderCell>{t("balance.col.efforts")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell>{r.label}</TableCell>
            <TableCell>{r.count}</TableCell>
            <TableCell className={styles.small}>{r.efforts.join(", ") || "–"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Which efforts meet which criteria: one row per effort, one column per criterion. */
function CriteriaMatrix({ projects }: { projects: Project[] }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { lookups } = useApp();
  return (
    <Table size="small" aria-label={t("balance.matrix.caption")}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t("balance.col.effort")}</TableHeaderCell>
          {lookups.criteria.map((c) => (
            <TableHeaderCell key={c.id} className={styles.small}>
              {i18n.refName(c)}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {projects.map((p) => (
          <TableRow key={p.id}>
            <TableCell>
              {p.name} <Text className={styles.small}>({statusLabel(p.status, i18n.locale)})</Text>
            </TableCell>
            {lookups.criteria.map((c) => (
              <TableCell key={c.id} className={p.criteriaIds.includes(c.id) ? styles.yes : undefined}>
                {p.criteriaIds.includes(c.id) ? t("common.yes") : "–"}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RejectedList({ rejected }: { rejected: ReturnType<typeof rejectedIdeas> }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className={styles.card} aria-labelledby="balance-rejected" data-testid="rejected-ideas">
      <h3 id="balance-rejected" className={styles.h3}>
        {t("balance.rejected.title")}
      </h3>
      {rejected.length === 0 ? (
        <Text className={styles.muted}>{t("balance.rejected.none")}</Text>
      ) : (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={t("balance.rejected.title")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("balance.col.effort")}</TableHeaderCell>
                <TableHeaderCell>{t("balance.col.date")}</TableHeaderCell>
                <TableHeaderCell>{t("balance.col.reason")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rejected.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>
                    <AppLink to={`/portfolio?vy=balansering&effort=${encodeURIComponent(r.id)}`}>{r.name}</AppLink>
                  </TableCell>
                  <TableCell>{i18n.formatDate(r.date)}</TableCell>
                  <TableCell>{r.rationale}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
