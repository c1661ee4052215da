/**
 * Risklista (SPEC 3.2): the probability × consequence heat map and the list sorted by risk value. A cell
 * (`?cell=<p>-<c>`) filters the list; `?risk=<id>` opens the drawer (also the bot card's deep link).
 */
import { useMemo, useState } from "react";
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
import { ArrowDownload20Regular, Add20Regular } from "@fluentui/react-icons";
import { levelOfValue, riskLabels, type RiskLevel } from "@naravard/api/contracts";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { useI18n } from "../../i18n";
import { errorMessage } from "../../api";
import { updateSearch, useLocation } from "../../router";
import { useAsyncData } from "../../useAsyncData";
import { LevelBadge } from "./LevelBadge";
import { RiskDrawer } from "./RiskDrawer";
import { RiskSettingsPanel } from "./RiskSettingsPanel";
import { useRiskText } from "./riskText";
import { useListPageStyles } from "../../components/listPageStyles";

const useStyles = makeStyles({
  top: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXXL, alignItems: "flex-start" },
  card: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow2, padding: tokens.spacingVerticalL },
  h2: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  matrix: { borderCollapse: "separate", borderSpacing: "4px" },
  axis: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1, padding: tokens.spacingHorizontalXS, textAlign: "center" },
  cell: {
    width: "72px",
    height: "56px",
    padding: 0,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    textAlign: "center",
  },
  high: { backgroundColor: tokens.colorPaletteRedBackground2 },
  medium: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  low: { backgroundColor: tokens.colorPaletteGreenBackground2 },
  cellButton: {
    width: "100%",
    height: "100%",
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    justifyContent: "center",
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    background: "transparent",
    color: "inherit",
    cursor: "pointer",
    font: "inherit",
    ":focus-visible": { outline: `${tokens.strokeWidthThicker} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  selected: { outline: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralForeground1}`, outlineOffset: "1px" },
  /** Read by screen readers, not shown: the cell's meaning in words (the visible count and level come first). */
  hidden: { position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: 0, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap", border: 0 },
  count: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightBold },
  levelText: { fontSize: tokens.fontSizeBase100 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  rowTitle: {
    background: "none",
    border: "none",
    padding: 0,
    textAlign: "start",
    font: "inherit",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForegroundLink,
    cursor: "pointer",
    textDecorationLine: "underline",
  },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, marginTop: tokens.spacingVerticalXXS },
});


function parseCell(raw: string | null, scale: number): { p: number; c: number } | null {
  const m = raw ? /^(\d)-(\d)$/.exec(raw) : null;
  if (!m) return null;
  const p = Number(m[1]);
  const c = Number(m[2]);
  return p >= 1 && p <= scale && c >= 1 && c <= scale ? { p, c } : null;
}

export function RisksPage() {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const { t, locale, formatDate } = useI18n();
  const x = useRiskText();
  const { api, can } = useApp();
  const { search } = useLocation();
  const [asTable, setAsTable] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);

  // A program has tens of risks: one page holds them all, and the heat map needs every one.
  const loaded = useAsyncData(async () => {
    const [page, settings] = await Promise.all([api.listRisks({ pageSize: 200 }), api.riskSettings()]);
    return { risks: page.items, settings };
  }, [api]);
  const { reload } = loaded;

  const settings = loaded.data?.settings ?? null;
  const all = useMemo(() => loaded.data?.risks ?? [], [loaded.data]);
  const cell = settings ? parseCell(search.get("cell"), settings.scale) : null;
  const riskId = search.get("risk");
  const shown = useMemo(() => (cell ? all.filter((r) => r.probability === cell.p && r.consequence === cell.c) : all), [all, cell]);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const r of all) if (r.probability !== null && r.consequence !== null) map.set(`${r.probability}-${r.consequence}`, (map.get(`${r.probability}-${r.consequence}`) ?? 0) + 1);
    return map;
  }, [all]);
  const unassessed = all.filter((r) => r.value === null).length;

  const exportXlsx = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const blob = await api.exportRisks(cell ? { probability: cell.p, consequence: cell.c } : {});
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `risklista-${new Date().toISOString().slice(0, 10)}.xlsx`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  if (!loaded.data) return loaded.status === "error" ? <ErrorBar error={loaded.error} onRetry={reload} /> : <Loading label={x.loading} />;
  const s = loaded.data.settings;
  const levels = (lvl: RiskLevel) => riskLabels.level[lvl][locale];
  const rows = Array.from({ length: s.scale }, (_, i) => s.scale - i);
  const cols = Array.from({ length: s.scale }, (_, i) => i + 1);
  const toggleCell = (p: number, c: number) => updateSearch({ cell: cell && cell.p === p && cell.c === c ? null : `${p}-${c}` });

  return (
    <div className={styles.page}>
      <div>
        <h1 className={styles.title}>{x.title}</h1>
        <Text className={styles.intro}>{x.intro}</Text>
      </div>

      <div className={styles.top}>
        <section className={styles.card} aria-labelledby="heatmap-title">
          <h2 id="heatmap-title" className={styles.h2}>
            {x.heatmap}
          </h2>
          <Text block className={styles.muted} id="heatmap-help">
            {x.heatmapHelp}
          </Text>
          <Text block size={200} className={styles.muted}>
            {x.scaleNote(s.scale, s.mediumFrom, s.highFrom)}
          </Text>
          {asTable ? (
            <Table size="small" aria-label={x.heatmap} data-testid="heatmap-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{x.probability}</TableHeaderCell>
                  <TableHeaderCell>{x.consequence}</TableHeaderCell>
                  <TableHeaderCell>{x.value}</TableHeaderCell>
                  <TableHeaderCell>{x.level}</TableHeaderCell>
                  <TableHeaderCell>{x.count}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.flatMap((p) =>
                  cols.map((c) => (
                    <TableRow key={`${p}-${c}`}>
                      <TableCell>{p}</TableCell>
                      <TableCell>{c}</TableCell>
                      <TableCell>{p * c}</TableCell>
                      <TableCell>{levels(levelOfValue(p * c, s))}</TableCell>
                      <TableCell>{counts.get(`${p}-${c}`) ?? 0}</TableCell>
                    </TableRow>
                  )),
                )}
              </TableBody>
            </Table>
          ) : (
            <table className={styles.matrix} data-testid="heatmap" aria-describedby="heatmap-help">
              <caption className={styles.muted}>
                {x.probability} ↓ · {x.consequence} →
              </caption>
              <thead>
                <tr>
                  <td />
                  {cols.map((c) => (
                    <th key={c} scope="col" className={styles.axis}>
                      {x.consequence} {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p}>
                    <th scope="row" className={styles.axis}>
                      {x.probability} {p}
                    </th>
                    {cols.map((c) => {
                      const n = counts.get(`${p}-${c}`) ?? 0;
                      const level = levelOfValue(p * c, s);
                      const selected = cell?.p === p && cell.c === c;
                      return (
                        <td key={c} className={mergeClasses(styles.cell, styles[level], selected && styles.selected)} data-cell={`${p}-${c}`} data-level={level}>
                          {n > 0 ? (
                            <button type="button" className={styles.cellButton} aria-pressed={selected} onClick={() => toggleCell(p, c)}>
                              <span className={styles.count}>{n}</span> <span className={styles.levelText}>{levels(level)}</span>
                              <span className={styles.hidden}>{x.cellLabel(p, c, n)}</span>
                            </button>
                          ) : (
                            <span className={styles.levelText}>
                              0<span className={styles.hidden}>{x.cellLabel(p, c, 0)}</span>
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className={styles.actions}>
            <Button appearance="subtle" onClick={() => setAsTable((v) => !v)}>
              {asTable ? x.showMatrix : x.showTable}
            </Button>
          </div>
          {unassessed > 0 && (
            <Text block size={200} className={styles.muted}>
              {x.unassessedCount(unassessed)}
            </Text>
          )}
        </section>
      </div>

      <div className={styles.actions}>
        <Button icon={<ArrowDownload20Regular />} onClick={() => void exportXlsx()} disabled={exporting}>
          {exporting ? x.exporting : x.export}
        </Button>
        {can("risks.manage") && (
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => setAdding(true)}>
            {x.add}
          </Button>
        )}
        <div aria-live="polite" aria-atomic="true">
          <Text className={styles.muted}>{x.shown(shown.length)}</Text>
        </div>
      </div>
      {exportError !== null && <Text role="alert">{errorMessage(exportError, t)}</Text>}
      {cell && (
        <div className={styles.actions} data-testid="cell-filter">
          <Text>{x.filteredTo(cell.p, cell.c)}</Text>
          <Button appearance="subtle" onClick={() => updateSearch({ cell: null })}>
            {x.showAll}
          </Button>
        </div>
      )}

      {shown.length === 0 ? (
        <div className={styles.empty} role="status">
          {x.empty}
        </div>
      ) : (
        <div className={styles.wrap}>
          <Table className={styles.table} aria-label={x.listCaption} data-testid="risk-list">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{x.colRisk}</TableHeaderCell>
                <TableHeaderCell>{x.value}</TableHeaderCell>
                <TableHeaderCell>{x.level}</TableHeaderCell>
                <TableHeaderCell>{x.colCategory}</TableHeaderCell>
                <TableHeaderCell>{x.colOwner}</TableHeaderCell>
                <TableHeaderCell>{x.colNextReview}</TableHeaderCell>
                <TableHeaderCell>{x.colStatus}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((r) => (
                <TableRow key={r.id} data-risk-id={r.id}>
                  <TableCell>
                    <button type="button" className={styles.rowTitle} onClick={() => updateSearch({ risk: r.id })}>
                      {r.title}
                    </button>
                    {(r.example || r.needsReassessment) && (
                      <div className={styles.badges}>
                        {r.example && (
                          <Badge appearance="outline" color="informative" title={x.exampleHint}>
                            {x.example}
                          </Badge>
                        )}
                        {r.needsReassessment && <Badge appearance="outline" color="warning">{x.reassess}</Badge>}
                      </div>
                    )}
                  </TableCell>
                  <TableCell>{r.value ?? x.drawer.none}</TableCell>
                  <TableCell>
                    <LevelBadge level={r.level} />
                  </TableCell>
                  <TableCell>{riskLabels.category[r.category][locale]}</TableCell>
                  <TableCell>{r.ownerName ?? r.owner ?? x.drawer.none}</TableCell>
                  <TableCell>
                    {r.nextReviewDate ? formatDate(r.nextReviewDate) : x.drawer.none}{" "}
                    {r.reviewOverdue && (
                      <Badge appearance="filled" color="danger">
                        {x.overdue}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>{riskLabels.status[r.status][locale]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {can("risks.manage") && <RiskSettingsPanel settings={s} risks={all} onChanged={reload} headingClass={styles.h2} panelClass={styles.card} />}
      <RiskDrawer riskId={adding ? null : riskId} adding={adding} settings={s} onClose={() => (adding ? setAdding(false) : updateSearch({ risk: null }))} onChanged={reload} onCreated={(id) => {
        setAdding(false);
        reload();
        updateSearch({ risk: id });
      }} />
    </div>
  );
}
