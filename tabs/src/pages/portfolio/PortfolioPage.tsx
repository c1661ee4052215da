import { Suspense, lazy, useCallback, useReducer, useState } from "react";
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, Dismiss20Regular } from "@fluentui/react-icons";
import type { Project } from "@naravard/api/contracts";
import { useApp } from "../../context";
import { ErrorBar, Loading } from "../../components/feedback";
import { useI18n } from "../../i18n";
import { updateSearch, useLocation } from "../../router";
import { usePaged } from "../../usePaged";
import { FilterBar } from "./FilterBar";
import { PortfolioTable } from "./PortfolioTable";
import { WorkQueues } from "./WorkQueues";
import { filterParams, hasActiveFilters, readFilters, toListQuery, type PortfolioFilters } from "./filters";

const BalancingViews = lazy(() => import("./balance/BalancingViews"));
const ApplyDrawer = lazy(() => import("./forms/ApplyDrawer"));
const ProjectDrawer = lazy(() => import("./ProjectDrawer").then((m) => ({ default: m.ProjectDrawer })));

export const PAGE_SIZE = 25;

export const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "1600px", marginInline: "auto" },
  head: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", justifyContent: "space-between", gap: tokens.spacingHorizontalL },
  title: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  intro: { display: "block", marginTop: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground2 },
  count: { color: tokens.colorNeutralForeground2 },
  more: { alignSelf: "center" },
  empty: {
    padding: tokens.spacingVerticalXXL,
    textAlign: "center",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    color: tokens.colorNeutralForeground2,
  },
});

export function PortfolioPage() {
  const styles = useStyles();
  const { t } = useI18n();
  const { can } = useApp();
  const { search } = useLocation();
  const view = search.get("vy") === "balansering" ? "balance" : "list";
  const effortId = search.get("effort");
  const action = search.get("atgard");
  const [refreshKey, refresh] = useReducer((n: number) => n + 1, 0);
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState<Project | null>(null);
  // The detail panel loads with the first effort opened, then stays mounted (so it can animate closed).
  const [drawerWanted, setDrawerWanted] = useState(Boolean(effortId));
  if (effortId && !drawerWanted) setDrawerWanted(true);

  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <div>
          <h1 className={styles.title}>{t("portfolio.title")}</h1>
          <Text className={styles.intro}>{t("portfolio.intro")}</Text>
        </div>
        {can("portfolio.apply") && (
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => setApplying(true)}>
            {t("portfolio.apply")}
          </Button>
        )}
      </div>

      {applied && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            {t("portfolio.applied", { name: applied.name })}{" "}
            <Link onClick={() => updateSearch({ effort: applied.id, atgard: null })}>{t("portfolio.applied.open")}</Link>
          </MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" aria-label={t("common.close")} icon={<Dismiss20Regular />} onClick={() => setApplied(null)} />}
          />
        </MessageBar>
      )}

      <WorkQueues refreshKey={refreshKey} />

      <TabList
        selectedValue={view}
        aria-label={t("portfolio.view.label")}
        onTabSelect={(_, data) => updateSearch({ vy: data.value === "balance" ? "balansering" : null })}
      >
        <Tab value="list">{t("portfolio.view.list")}</Tab>
        <Tab value="balance">{t("portfolio.view.balance")}</Tab>
      </TabList>

      {view === "list" ? (
        <PortfolioList refreshKey={refreshKey} />
      ) : (
        <Suspense fallback={<Loading label={t("balance.loading")} />}>
          <BalancingViews refreshKey={refreshKey} />
        </Suspense>
      )}

      {drawerWanted && (
        <Suspense fallback={effortId ? <Loading label={t("detail.loading")} /> : null}>
          <ProjectDrawer effortId={effortId} action={action} onChanged={refresh} />
        </Suspense>
      )}

      {applying && (
        <Suspense fallback={null}>
          <ApplyDrawer
            onClose={() => setApplying(false)}
            onApplied={(project) => {
              setApplying(false);
              setApplied(project);
              refresh();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

function PortfolioList({ refreshKey }: { refreshKey: number }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useApp();
  const { search } = useLocation();
  const filters = readFilters(search);
  // The API searches and sorts the whole portfolio; the search box reaches the URL (and so this
  // query) after a pause in typing (FilterBar).
  const query = toListQuery(filters);
  const queryKey = JSON.stringify(query);

  // The key names the query; a new demo user or language remounts the page (App reloads the session).
  const list = usePaged(`${queryKey}|${refreshKey}`, (continuationToken?: string) =>
    api.listProjects({ ...query, pageSize: PAGE_SIZE, continuationToken }),
  );

  const onChange = useCallback((change: Partial<PortfolioFilters>, options?: { replace?: boolean }) => updateSearch(filterParams(change), options), []);
  const visible = list.items;

  const countText =
    visible.length === 1 && !list.hasMore
      ? t("portfolio.count.one")
      : t(list.hasMore ? "portfolio.count.more" : "portfolio.count", { count: visible.length });

  return (
    <>
      <FilterBar filters={filters} onChange={onChange} />
      <div aria-live="polite" aria-atomic="true">
        {!list.loading && !list.error && (
          <Text className={styles.count} data-testid="portfolio-count">
            {countText}
          </Text>
        )}
      </div>
      {list.error ? (
        <ErrorBar error={list.error} onRetry={list.reload} />
      ) : list.loading ? (
        <Loading label={t("portfolio.loading")} />
      ) : visible.length === 0 ? (
        <div className={styles.empty} role="status">
          {hasActiveFilters(filters) ? t("portfolio.empty") : t("portfolio.empty.none")}
        </div>
      ) : (
        <PortfolioTable
          items={visible}
          sort={filters.sort}
          dir={filters.dir}
          onSort={(sort, dir) => onChange({ sort, dir }, { replace: true })}
        />
      )}
      {list.hasMore && !list.loading && (
        <Button className={styles.more} onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t("common.loadingMore") : t("common.showMore")}
        </Button>
      )}
    </>
  );
}
