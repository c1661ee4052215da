/**
 * Escalations (issue 9, PP 9.5): open and closed escalations with filters, and one escalation's timeline with
 * links to its decision and its effort. `?escalation=<id>` opens one (the bot's cards deep-link here).
 */
import {
  Badge,
  Button,
  Checkbox,
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
import {
  EscalationLevelSchema,
  EscalationSourceKindSchema,
  EscalationStatusSchema,
  type EscalationLevel,
  type EscalationSourceKind,
  type EscalationStatus,
} from "@naravard/api/contracts";
import { useApp } from "../../context";
import { useI18n, type MessageKey } from "../../i18n";
import { updateSearch, useLocation } from "../../router";
import { usePaged } from "../../usePaged";
import { useListPageStyles } from "../../components/listPageStyles";
import { EscalationDetail } from "./EscalationDetail";
import { LoadedList } from "../../components/LoadedList";
import { SearchFilter } from "../../components/SearchFilter";

const useStyles = makeStyles({
  dropdown: { minWidth: "220px" },
  // A marker, not a background: a selected background (cyan in high contrast) would take the text's contrast.
  selected: { boxShadow: `inset ${tokens.strokeWidthThickest} 0 0 ${tokens.colorCompoundBrandStroke}` },
  titleButton: { textAlign: "start", fontWeight: tokens.fontWeightSemibold, minWidth: 0, paddingInline: 0, height: "auto" },
  more: { alignSelf: "center" },
});

const ID = /^[a-z0-9][a-z0-9_-]{0,79}$/;

function oneOf<T extends string>(options: readonly T[], value: string | null): T | null {
  return value !== null && (options as readonly string[]).includes(value) ? (value as T) : null;
}

const statusColor = (s: EscalationStatus) => (s === "open" ? "warning" : s === "decided" ? "success" : "subtle");

export function EscalationsPage() {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useApp();
  const { search } = useLocation();
  const status = oneOf(EscalationStatusSchema.options, search.get("status"));
  const level = oneOf(EscalationLevelSchema.options, search.get("niva"));
  const sourceKind = oneOf(EscalationSourceKindSchema.options, search.get("kalla"));
  const mine = search.get("mina") === "1";
  const selectedParam = search.get("escalation");
  const selected = selectedParam && ID.test(selectedParam) ? selectedParam : null;

  const query = { ...(status ? { status } : {}), ...(level ? { level } : {}), ...(sourceKind ? { sourceKind } : {}), ...(mine ? { holder: "me" as const } : {}) };
  const list = usePaged(JSON.stringify(query), (continuationToken?: string) => api.listEscalations({ ...query, pageSize: 50, continuationToken }));

  const statusLabel = (s: EscalationStatus) => t(`esc.status.${s}` as MessageKey);
  const levelLabel = (l: EscalationLevel) => t(`esc.level.${l}` as MessageKey);
  const sourceLabel = (k: EscalationSourceKind) => t(`esc.source.${k}` as MessageKey);

  return (
    <div className={styles.page}>
      <div>
        <h1 className={styles.title}>{t("esc.title")}</h1>
        <Text className={styles.intro}>{t("esc.intro")}</Text>
      </div>
      <div className={styles.bar} role="search" aria-label={t("portfolio.filters")}>
        <SearchFilter
          className={styles.dropdown}
          label={t("esc.filter.status")}
          param="status"
          value={status ?? null}
          allLabel={t("common.all")}
          options={EscalationStatusSchema.options.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <SearchFilter
          className={styles.dropdown}
          label={t("esc.filter.level")}
          param="niva"
          value={level ?? null}
          allLabel={t("common.all")}
          options={EscalationLevelSchema.options.map((l) => ({ value: l, label: levelLabel(l) }))}
        />
        <SearchFilter
          className={styles.dropdown}
          label={t("esc.filter.source")}
          param="kalla"
          value={sourceKind ?? null}
          allLabel={t("common.all")}
          options={EscalationSourceKindSchema.options.map((k) => ({ value: k, label: sourceLabel(k) }))}
        />
        <Checkbox label={t("esc.filter.mine")} checked={mine} onChange={(_, d) => updateSearch({ mina: d.checked ? "1" : null })} />
      </div>

      {selected && <EscalationDetail id={selected} onClose={() => updateSearch({ escalation: null })} />}

      <div aria-live="polite" aria-atomic="true">
        {!list.loading && !list.error && <Text className={styles.muted}>{t("esc.count", { count: list.items.length })}</Text>}
      </div>

      <LoadedList
        error={list.error}
        onRetry={list.reload}
        loading={list.loading}
        loadingLabel={t("esc.loading")}
        empty={list.items.length === 0}
        emptyText={t("esc.empty")}
      >
        <Table className={styles.table} aria-label={t("esc.caption")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("esc.col.title")}</TableHeaderCell>
              <TableHeaderCell>{t("esc.col.status")}</TableHeaderCell>
              <TableHeaderCell>{t("esc.col.level")}</TableHeaderCell>
              <TableHeaderCell>{t("esc.col.holder")}</TableHeaderCell>
              <TableHeaderCell>{t("esc.col.raised")}</TableHeaderCell>
              <TableHeaderCell>{t("esc.col.project")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((e) => (
              <TableRow key={e.id} data-escalation-id={e.id} className={mergeClasses(e.id === selected && styles.selected)}>
                <TableCell className={styles.cell}>
                  <Button
                    appearance="transparent"
                    className={styles.titleButton}
                    aria-label={t("esc.show", { title: e.title })}
                    aria-pressed={e.id === selected}
                    onClick={() => updateSearch({ escalation: e.id })}
                  >
                    {e.title}
                  </Button>
                  {e.urgency === "akut" && (
                    <Badge appearance="tint" color="danger" shape="rounded">
                      {t("esc.urgent")}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className={styles.cell}>
                  <Badge appearance="tint" shape="rounded" color={statusColor(e.status)}>
                    {statusLabel(e.status)}
                  </Badge>
                </TableCell>
                <TableCell className={styles.cell}>{levelLabel(e.level)}</TableCell>
                <TableCell className={styles.cell}>{e.status === "open" ? e.holder : "–"}</TableCell>
                <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>{i18n.formatDate(e.raisedAt.slice(0, 10))}</TableCell>
                <TableCell className={styles.cell}>{e.projectName ?? "–"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </LoadedList>
      {list.hasMore && !list.loading && (
        <Button className={styles.more} onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t("common.loadingMore") : t("common.showMore")}
        </Button>
      )}
    </div>
  );
}
