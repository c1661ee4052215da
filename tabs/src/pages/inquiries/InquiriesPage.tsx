/** The shared mailbox's inquiries (issue 12): open ones with assignee and time left, and per month how the 36-hour rule was kept. */
import { useContext, useMemo } from "react";
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { HorizontalBarChart, DataVizPalette, getColorFromToken } from "@fluentui/react-charts";
import { inquiryStatusLabels, OPEN_INQUIRY_STATUSES, readOpenInquiries, type Inquiry, type InquiryStats, type InquiryStatus } from "@naravard/api/contracts";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { useI18n } from "../../i18n";
import { useLocation } from "../../router";
import { ThemeNameContext } from "../../theme";
import { useAsyncData } from "../../useAsyncData";
import { timeLeft, type TimeLeftTone } from "./timeLeft";
import { InquirySettingsPanel } from "./InquirySettingsPanel";
import { useListPageStyles } from "../../components/listPageStyles";
import { LoadedList } from "../../components/LoadedList";
import { SearchFilter } from "../../components/SearchFilter";

const useStyles = makeStyles({
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  dropdown: { minWidth: "220px" },
  stats: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow2 },
});

const BADGE: Record<TimeLeftTone, "success" | "warning" | "danger" | "informative"> = { ok: "informative", soon: "warning", overdue: "danger", done: "success" };

interface OpenData {
  items: Inquiry[];
  now: string;
}

export function InquiriesPage() {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const i18n = useI18n();
  const { t } = i18n;
  const { api, me, can } = useApp();
  const { search } = useLocation();
  const statusParam = search.get("status") as InquiryStatus | null;
  const status = statusParam && OPEN_INQUIRY_STATUSES.includes(statusParam) ? statusParam : null;
  const mine = search.get("mina") === "1";

  // Every open one (all pages, earliest due first); the status filter narrows that working set here.
  const open = useAsyncData<OpenData>(() => readOpenInquiries(api, mine ? { assignee: me.email } : {}), [api, mine, me.email]);
  const stats = useAsyncData<InquiryStats>(() => api.inquiryStats(), [api]);

  const items = useMemo(
    () =>
      (open.data?.items ?? []).filter((i) => !status || i.status === status),
    [open.data, status],
  );
  const statusLabel = (s: InquiryStatus) => inquiryStatusLabels[s][i18n.locale === "en" ? "en" : "sv"];

  return (
    <div className={styles.page}>
      <div>
        <h1 className={styles.title}>{t("inquiries.title")}</h1>
        <Text className={styles.intro}>{t("inquiries.intro")}</Text>
      </div>
      <div className={styles.bar} role="search" aria-label={t("portfolio.filters")}>
        <SearchFilter
          className={styles.dropdown}
          label={t("inquiries.filter.status")}
          param="status"
          value={status ?? null}
          allLabel={t("inquiries.filter.allOpen")}
          options={OPEN_INQUIRY_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <SearchFilter
          className={styles.dropdown}
          label={t("inquiries.filter.assignee")}
          param="mina"
          value={mine ? "1" : null}
          allLabel={t("inquiries.filter.everyone")}
          options={[{ value: "1", label: t("inquiries.filter.mine") }]}
        />
      </div>

      <div aria-live="polite" aria-atomic="true">
        {open.status === "ready" && <Text className={styles.muted}>{t("inquiries.count", { count: items.length })}</Text>}
      </div>

      <LoadedList
        error={open.error}
        onRetry={open.reload}
        loading={!open.data}
        loadingLabel={t("inquiries.loading")}
        empty={items.length === 0}
        emptyText={t("inquiries.empty")}
      >
        <Table className={styles.table} aria-label={t("inquiries.caption")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("inquiries.col.timeLeft")}</TableHeaderCell>
              <TableHeaderCell>{t("inquiries.col.subject")}</TableHeaderCell>
              <TableHeaderCell>{t("inquiries.col.from")}</TableHeaderCell>
              <TableHeaderCell>{t("inquiries.col.received")}</TableHeaderCell>
              <TableHeaderCell>{t("inquiries.col.status")}</TableHeaderCell>
              <TableHeaderCell>{t("inquiries.col.assignee")}</TableHeaderCell>
              <TableHeaderCell>{t("inquiries.col.excerpt")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((i) => {
              const left = timeLeft(i.dueAt, open.data?.now ?? i.dueAt, i.status === "answered");
              const text = t(left.tone === "overdue" ? "inquiries.overdue" : "inquiries.left", { h: left.hours, m: left.minutes });
              return (
                <TableRow key={i.id} data-inquiry-id={i.id}>
                  <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>
                    <Badge appearance="tint" shape="rounded" color={BADGE[left.tone]}>
                      {text}
                    </Badge>
                  </TableCell>
                  <TableCell className={styles.cell}>{i.subject}</TableCell>
                  <TableCell className={styles.cell}>{i.fromName ? `${i.fromName} <${i.from}>` : i.from}</TableCell>
                  <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>{i18n.formatDateTime(i.receivedAt)}</TableCell>
                  <TableCell className={styles.cell}>{statusLabel(i.status)}</TableCell>
                  <TableCell className={styles.cell}>{i.assignee ?? <span className={styles.muted}>{t("inquiries.nobody")}</span>}</TableCell>
                  <TableCell className={styles.cell}>{i.excerpt ?? ""}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </LoadedList>

      <section className={styles.stats} aria-labelledby="inquiry-stats">
        <h2 id="inquiry-stats" className={styles.h2}>
          {t("inquiries.stats.title")}
        </h2>
        {stats.error ? (
          <ErrorBar error={stats.error} onRetry={stats.reload} />
        ) : !stats.data ? (
          <Loading label={t("inquiries.loading")} />
        ) : stats.data.months.length === 0 ? (
          <Text>{t("inquiries.stats.none")}</Text>
        ) : (
          <MonthlyStats stats={stats.data} />
        )}
      </section>

      {can("inquiries.settings") && <InquirySettingsPanel headingClass={styles.h2} panelClass={styles.stats} />}
    </div>
  );
}

function MonthlyStats({ stats }: { stats: InquiryStats }) {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const i18n = useI18n();
  const { t } = i18n;
  const dark = useContext(ThemeNameContext) === "dark";
  const colour = getColorFromToken(DataVizPalette.color1, dark);
  const pct = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)} %`);
  return (
    <>
      <div role="group" aria-label={t("inquiries.stats.chart")}>
        <HorizontalBarChart
          data={stats.months.map((m) => ({
            chartTitle: m.month,
            chartData: [{ legend: m.month, horizontalBarChartdata: { x: m.answeredInTime, total: Math.max(m.received, 1) }, color: colour }],
          }))}
          chartDataMode="percentage"
          barHeight={12}
          culture={i18n.tag}
        />
      </div>
      <Table aria-label={t("inquiries.stats.caption")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("inquiries.stats.month")}</TableHeaderCell>
            <TableHeaderCell>{t("inquiries.stats.received")}</TableHeaderCell>
            <TableHeaderCell>{t("inquiries.stats.inTime")}</TableHeaderCell>
            <TableHeaderCell>{t("inquiries.stats.share")}</TableHeaderCell>
            <TableHeaderCell>{t("inquiries.stats.median")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {stats.months.map((m) => (
            <TableRow key={m.month}>
              <TableCell className={styles.nowrap}>{m.month}</TableCell>
              <TableCell>{m.received}</TableCell>
              <TableCell>{m.answeredInTime}</TableCell>
              <TableCell>{pct(m.shareInTime)}</TableCell>
              <TableCell>{m.medianFirstResponseHours === null ? "–" : t("inquiries.stats.hours", { h: m.medianFirstResponseHours.toFixed(1) })}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
