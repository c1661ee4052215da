/** The decision log (PP 9.3): every decision, newest first, filterable by body and by what it concerns. */
import { useMemo } from "react";
import {
  Badge,
  Button,
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
import type { Decision, DecisionConcernsKind } from "@naravard/api/contracts";
import { AppLink } from "../../components/AppLink";
import { useApp } from "../../context";
import { useI18n, type MessageKey } from "../../i18n";
import { updateSearch, useLocation } from "../../router";
import { usePaged } from "../../usePaged";
import { useListPageStyles } from "../../components/listPageStyles";
import { LoadedList } from "../../components/LoadedList";
import { SearchFilter } from "../../components/SearchFilter";

const useStyles = makeStyles({
  dropdown: { minWidth: "240px" },
  decision: { fontWeight: tokens.fontWeightSemibold, display: "block" },
  rationale: { whiteSpace: "pre-wrap" },
  rationaleCol: { width: "34%" },
  dateCol: { width: "9rem" },
  more: { alignSelf: "center" },
});

const KINDS: DecisionConcernsKind[] = ["project", "risk", "escalation", "inquiry", "survey_answer", "program"];
const ID = /^[a-z0-9][a-z0-9_-]{0,79}$/;

/** Decisions, newest first: by decision date, then by when they were recorded. */
export function newestFirst(items: Decision[]): Decision[] {
  return [...items].sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt));
}

export function DecisionsPage() {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const i18n = useI18n();
  const { t } = i18n;
  const { api, lookups } = useApp();
  const { search } = useLocation();
  const bodyParam = search.get("organ");
  const body = bodyParam && ID.test(bodyParam) ? bodyParam : null;
  const kindParam = search.get("galler") as DecisionConcernsKind | null;
  const concernsKind = kindParam && KINDS.includes(kindParam) ? kindParam : null;
  const projectParam = search.get("projekt");
  const projectId = projectParam && ID.test(projectParam) ? projectParam : null;

  const escalationParam = search.get("eskalering");
  const escalationId = escalationParam && ID.test(escalationParam) ? escalationParam : null;

  const query = {
    ...(body ? { body } : {}),
    ...(concernsKind ? { concernsKind } : {}),
    ...(projectId ? { projectId } : {}),
    ...(escalationId ? { escalationId } : {}),
  };
  const list = usePaged(JSON.stringify(query), (continuationToken?: string) => api.listDecisions({ ...query, pageSize: 50, continuationToken }));
  const items = useMemo(() => newestFirst(list.items), [list.items]);
  const kindLabel = (k: DecisionConcernsKind) => t(`decisions.concerns.${k}` as MessageKey);
  const projectTitle = projectId ? (items.find((d) => d.concerns.id === projectId)?.concerns.title ?? projectId) : null;

  return (
    <div className={styles.page}>
      <div>
        <h1 className={styles.title}>{t("decisions.title")}</h1>
        <Text className={styles.intro}>{t("decisions.intro")}</Text>
      </div>
      <div className={styles.bar} role="search" aria-label={t("portfolio.filters")}>
        <SearchFilter
          className={styles.dropdown}
          label={t("decisions.filter.body")}
          param="organ"
          value={body ?? null}
          allLabel={t("common.all")}
          options={lookups.bodies.map((b) => ({ value: b.id, label: i18n.refName(b) }))}
        />
        <SearchFilter
          className={styles.dropdown}
          label={t("decisions.filter.concerns")}
          param="galler"
          value={concernsKind ?? null}
          allLabel={t("common.all")}
          options={KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        {escalationId && (
          <div data-testid="escalation-filter">
            <Text>
              {t("decisions.escalationFilter")}: <strong>{items.find((d) => d.concerns.id === escalationId)?.concerns.title ?? escalationId}</strong>
            </Text>{" "}
            <Button appearance="subtle" onClick={() => updateSearch({ eskalering: null })}>
              {t("decisions.showAll")}
            </Button>
          </div>
        )}
        {projectId && (
          <div data-testid="project-filter">
            <Text>
              {t("decisions.concerns.project")}: <strong>{projectTitle}</strong>
            </Text>{" "}
            <Button appearance="subtle" onClick={() => updateSearch({ projekt: null })}>
              {t("decisions.showAll")}
            </Button>
          </div>
        )}
      </div>

      <div aria-live="polite" aria-atomic="true">
        {!list.loading && !list.error && <Text className={styles.muted}>{t("decisions.count", { count: items.length })}</Text>}
      </div>

      <LoadedList
        error={list.error}
        onRetry={list.reload}
        loading={list.loading}
        loadingLabel={t("decisions.loading")}
        empty={items.length === 0}
        emptyText={t("decisions.empty")}
      >
        <Table className={styles.table} aria-label={t("decisions.caption")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.dateCol}>{t("decisions.col.date")}</TableHeaderCell>
              <TableHeaderCell>{t("decisions.col.body")}</TableHeaderCell>
              <TableHeaderCell>{t("decisions.col.decision")}</TableHeaderCell>
              <TableHeaderCell className={styles.rationaleCol}>{t("decisions.col.rationale")}</TableHeaderCell>
              <TableHeaderCell>{t("decisions.col.concerns")}</TableHeaderCell>
              <TableHeaderCell>{t("decisions.col.decidedBy")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((d) => (
              <TableRow key={d.id} data-decision-id={d.id}>
                <TableCell className={mergeClasses(styles.cell, styles.nowrap)}>{i18n.formatDate(d.date)}</TableCell>
                <TableCell className={styles.cell}>{d.bodyName}</TableCell>
                <TableCell className={styles.cell}>
                  <span className={styles.decision}>{d.decision}</span>
                  {d.outcome && (
                    <Badge appearance="tint" shape="rounded" color={d.outcome === "inkluderad" ? "success" : "danger"}>
                      {t(d.outcome === "inkluderad" ? "outcome.inkluderad" : "outcome.avslagen")}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className={mergeClasses(styles.cell, styles.rationale)}>{d.rationale}</TableCell>
                <TableCell className={styles.cell}>
                  <Text size={200} className={styles.muted} block>
                    {kindLabel(d.concerns.kind)}
                  </Text>
                  {d.concerns.kind === "project" ? (
                    <AppLink to={`/portfolio?effort=${encodeURIComponent(d.concerns.id)}`}>{d.concerns.title}</AppLink>
                  ) : d.concerns.kind === "escalation" ? (
                    <AppLink to={`/escalations?escalation=${encodeURIComponent(d.concerns.id)}`}>{d.concerns.title}</AppLink>
                  ) : (
                    d.concerns.title
                  )}
                </TableCell>
                <TableCell className={styles.cell}>{d.decidedBy}</TableCell>
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
