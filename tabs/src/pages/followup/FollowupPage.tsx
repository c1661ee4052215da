/** Follow-up (SPEC 3.3): survey rounds with response rates, results per round, the roll-up per period, exports. */
import { useMemo, useState } from "react";
import {
  Badge,
  Button,
  Dropdown,
  Field,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { MIN_RESPONSES_FOR_FIGURES, routeRequest, type SurveyQuestion, type SurveyResults, type SurveyRound, type SurveySummary } from "@naravard/api/contracts";
import { callerHeaders } from "../../api";
import { ErrorBar, Loading } from "../../components/feedback";
import { useApp } from "../../context";
import { API_BASE_URL, DEFAULT_DEMO_USER, LOCAL_MODE } from "../../env";
import { useI18n } from "../../i18n";
import { updateSearch, useLocation } from "../../router";
import { useAsyncData } from "../../useAsyncData";
import { usePaged } from "../../usePaged";
import { Bars } from "./Bars";
import { SurveySettingsPanel } from "./SurveySettingsPanel";
import { Waiting } from "./Waiting";
import { followupStrings, type FollowupStrings } from "./strings";
import { useListPageStyles } from "../../components/listPageStyles";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, maxWidth: "1600px", marginInline: "auto" },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  wrap: { overflowX: "auto" },
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "end" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  num: { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

const pct = (rate: number) => Math.round(rate * 100);

/** Quarters and half-years of this year and the previous one, newest first. */
function periods(kind: "activity" | "effect", now = new Date()): string[] {
  const year = now.getFullYear();
  const parts = kind === "activity" ? ["Q4", "Q3", "Q2", "Q1"] : ["H2", "H1"];
  return [year, year - 1].flatMap((y) => parts.map((p) => `${y}-${p}`));
}

function currentPeriod(kind: "activity" | "effect", now = new Date()): string {
  const m = now.getMonth();
  return kind === "activity" ? `${now.getFullYear()}-Q${Math.floor(m / 3) + 1}` : `${now.getFullYear()}-H${m < 6 ? 1 : 2}`;
}

export function FollowupPage() {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const i18n = useI18n();
  const s = followupStrings(i18n.locale);
  const { api, can } = useApp();
  const { search } = useLocation();
  const selected = search.get("omgang");
  const list = usePaged("rounds", (continuationToken?: string) => api.listSurveys({ pageSize: 50, continuationToken }));
  const selectedRound = list.items.find((r) => r.id === selected) ?? null;

  if (!can("surveys.read")) {
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>{s.title}</h1>
        <Text role="status">{s.forbidden}</Text>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      <div>
        <h1 className={styles.title}>{s.title}</h1>
        <Text className={styles.intro}>{s.intro}</Text>
      </div>

      <section className={styles.panel} aria-labelledby="rounds-heading">
        <h2 id="rounds-heading" className={styles.h2}>
          {s.rounds}
        </h2>
        {list.error ? (
          <ErrorBar error={list.error} onRetry={list.reload} />
        ) : list.loading ? (
          <Loading label={s.loading} />
        ) : list.items.length === 0 ? (
          <Text role="status">{s.empty}</Text>
        ) : (
          <div className={styles.wrap}>
            <Table aria-label={s.roundsCaption}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{s.col.title}</TableHeaderCell>
                  <TableHeaderCell>{s.col.kind}</TableHeaderCell>
                  <TableHeaderCell>{s.col.status}</TableHeaderCell>
                  <TableHeaderCell>{s.col.responses}</TableHeaderCell>
                  <TableHeaderCell>{s.col.deadline}</TableHeaderCell>
                  <TableHeaderCell>{s.col.results}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.items.map((r) => (
                  <TableRow key={r.id} data-round-id={r.id}>
                    <TableCell>
                      {r.title}
                      {r.activity && (
                        <Text size={200} className={styles.muted} block>
                          {i18n.formatDate(r.activity.date)}
                        </Text>
                      )}
                    </TableCell>
                    <TableCell>{s.kind[r.kind]}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={r.status === "open" ? "brand" : "informative"}>
                        {s.status[r.status]}
                      </Badge>
                    </TableCell>
                    <TableCell className={styles.num}>{s.rate(r.responseCount, r.recipientCount, pct(r.recipientCount ? r.responseCount / r.recipientCount : 0))}</TableCell>
                    <TableCell className={styles.num}>{i18n.formatDateTime(r.deadline)}</TableCell>
                    <TableCell>
                      <Button
                        size="small"
                        appearance={r.id === selected ? "primary" : "secondary"}
                        aria-label={s.showFor(r.title)}
                        aria-pressed={r.id === selected}
                        onClick={() => updateSearch({ omgang: r.id })}
                      >
                        {s.show}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {list.hasMore && !list.loading && (
          <Button onClick={list.loadMore} disabled={list.loadingMore}>
            {i18n.t("common.showMore")}
          </Button>
        )}
      </section>

      {selectedRound && <RoundResults key={selectedRound.id} round={selectedRound} s={s} />}
      <Rollup s={s} />
      {can("surveys.manage") && <SurveySettingsPanel s={s} headingClass={styles.h2} panelClass={styles.panel} />}
    </div>
  );
}

function RoundResults({ round, s }: { round: SurveyRound; s: FollowupStrings }) {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const i18n = useI18n();
  const { api, host, can } = useApp();
  const { search } = useLocation();
  // Keyed by the round (see FollowupPage), so another round's figures never show while this one loads.
  const loaded = useAsyncData(() => api.surveyResults(round.id), [api, round.id]);
  const [exportError, setExportError] = useState<string | null>(null);

  const questions = useMemo(() => new Map<string, SurveyQuestion>(round.questions.map((q) => [q.id, q])), [round.questions]);
  const number = (n: number) => new Intl.NumberFormat(i18n.locale === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: 2 }).format(n);

  const download = async (ext: "xlsx" | "csv") => {
    setExportError(null);
    try {
      const devUser = LOCAL_MODE ? (search.get("as") ?? DEFAULT_DEMO_USER).toLowerCase() : null;
      const headers = await callerHeaders({ host, locale: i18n.locale, devUser });
      const { path } = routeRequest(ext === "xlsx" ? "surveysResultsXlsx" : "surveysResultsCsv", { id: round.id });
      const res = await fetch(`${API_BASE_URL}${path}`, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = `${round.title}.${ext}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch {
      setExportError(s.exportFailed);
    }
  };

  const results: SurveyResults | undefined = loaded.data;
  const ratingItems = results?.items.filter((i) => questions.get(i.questionId)?.kind === "rating") ?? [];
  const valueKeys = results ? [...new Set(results.items.flatMap((i) => Object.keys(i.distribution ?? {})))] : [];
  const choiceText = (q: SurveyQuestion | undefined, v: string) => q?.choices?.find((c) => c.value === v)?.text ?? v;

  return (
    <section className={styles.panel} aria-labelledby="results-heading" data-testid="round-results">
      <h2 id="results-heading" className={styles.h2}>
        {s.results(round.title)}
      </h2>
      {loaded.status === "error" ? (
        <ErrorBar error={loaded.error} onRetry={loaded.reload} />
      ) : !results ? (
        <Loading label={s.resultsLoading} />
      ) : (
        <>
          <Text className={styles.num}>
            {s.col.responses}: {s.rate(results.responses, results.recipients, pct(results.responseRate))}
          </Text>
          {results.responses < MIN_RESPONSES_FOR_FIGURES && <Text role="status">{s.tooFew}</Text>}
          <div className={styles.actions}>
            <Button onClick={() => void download("xlsx")}>{s.exportXlsx}</Button>
            <Button onClick={() => void download("csv")}>{s.exportCsv}</Button>
            {exportError && <Text role="alert">{exportError}</Text>}
          </div>
          {can("surveys.manage") && round.status !== "closed" && <Waiting roundId={round.id} s={s} />}
          {ratingItems.length > 0 && results.responses >= MIN_RESPONSES_FOR_FIGURES && (
            <figure style={{ margin: 0 }}>
              <figcaption className={styles.h3}>{s.chartCaption}</figcaption>
              <Bars bars={ratingItems.map((i) => ({ label: questions.get(i.questionId)?.text ?? i.questionId, value: i.mean }))} format={number} />
            </figure>
          )}
          <div className={styles.wrap}>
            <Table aria-label={s.tableCaption}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{s.item.question}</TableHeaderCell>
                  <TableHeaderCell>{s.item.count}</TableHeaderCell>
                  <TableHeaderCell>{s.item.mean}</TableHeaderCell>
                  {valueKeys.map((k) => (
                    <TableHeaderCell key={k}>{choiceText(round.questions.find((q) => q.kind === "choice"), k)}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {results.items.map((i) => (
                  <TableRow key={i.questionId}>
                    <TableCell>{questions.get(i.questionId)?.text ?? i.questionId}</TableCell>
                    <TableCell className={styles.num}>{i.count}</TableCell>
                    <TableCell className={styles.num}>{i.mean !== undefined ? number(i.mean) : s.noFigure}</TableCell>
                    {valueKeys.map((k) => (
                      <TableCell key={k} className={styles.num}>
                        {i.distribution?.[k] ?? s.noFigure}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {results.freeText && results.freeText.some((f) => f.texts.length > 0) && (
            <div>
              <h3 className={styles.h3}>{s.freeText}</h3>
              {results.freeText.map((f) => (
                <div key={f.questionId}>
                  <Text weight="semibold">{questions.get(f.questionId)?.text ?? f.questionId}</Text>
                  <ul className={styles.list}>
                    {f.texts.map((t, n) => (
                      <li key={n}>{t}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          )}
          {results.statusAnswers && results.statusAnswers.length > 0 && (
            <div className={styles.wrap}>
              <Table aria-label={s.statusAnswers}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{s.col.title}</TableHeaderCell>
                    {round.questions.map((q) => (
                      <TableHeaderCell key={q.id}>{q.text}</TableHeaderCell>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {results.statusAnswers.map((a) => (
                    <TableRow key={a.responseId}>
                      <TableCell>{a.projectName ?? a.email}</TableCell>
                      {round.questions.map((q) => {
                        const v = a.answers[q.id];
                        return <TableCell key={q.id}>{v === undefined ? "" : q.kind === "choice" ? (s.colours[String(v)] ?? choiceText(q, String(v))) : String(v)}</TableCell>;
                      })}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Rollup({ s }: { s: FollowupStrings }) {
  const styles = { ...useListPageStyles(), ...useStyles() };
  const i18n = useI18n();
  const { api, lookups } = useApp();
  const [kind, setKind] = useState<"activity" | "effect">("activity");
  const [period, setPeriod] = useState(() => currentPeriod("activity"));
  const [area, setArea] = useState("");
  const loaded = useAsyncData(() => api.surveySummary({ period, kind, ...(area ? { programArea: area } : {}) }), [api, period, kind, area]);

  // The previous period's table stays while the next one loads; its caption names the period it shows.
  const summary: SurveySummary | undefined = loaded.data;
  const ratingQuestions = summary?.questions.filter((q) => q.kind === "rating") ?? [];
  const number = (n: number) => new Intl.NumberFormat(i18n.locale === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: 2 }).format(n);
  const areaName = (id: string | undefined) => (id ? i18n.refName(lookups.programArea(id), id) : s.total);
  const groups = summary ? [...summary.byProgramArea, ...(summary.byProgramArea.length !== 1 ? [summary.total] : [])] : [];

  return (
    <section className={styles.panel} aria-labelledby="rollup-heading">
      <h2 id="rollup-heading" className={styles.h2}>
        {s.rollup}
      </h2>
      <Text className={styles.muted}>{s.rollupIntro}</Text>
      <div className={styles.bar}>
        <Field label={s.rollupKind}>
          <Dropdown
            value={s.rollupKinds[kind]}
            selectedOptions={[kind]}
            onOptionSelect={(_, d) => {
              const k = d.optionValue === "effect" ? "effect" : "activity";
              setKind(k);
              setPeriod(currentPeriod(k));
            }}
          >
            <Option value="activity">{s.rollupKinds.activity}</Option>
            <Option value="effect">{s.rollupKinds.effect}</Option>
          </Dropdown>
        </Field>
        <Field label={s.period}>
          <Dropdown value={period} selectedOptions={[period]} onOptionSelect={(_, d) => d.optionValue && setPeriod(d.optionValue)}>
            {periods(kind).map((p) => (
              <Option key={p} value={p}>
                {p}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {kind === "activity" && (
          <Field label={s.programArea}>
            <Dropdown value={area ? areaName(area) : s.all} selectedOptions={[area]} onOptionSelect={(_, d) => setArea(d.optionValue ?? "")}>
              <Option value="">{s.all}</Option>
              {lookups.programAreas.map((a) => (
                <Option key={a.id} value={a.id}>
                  {i18n.refName(a)}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
      </div>
      {loaded.status === "error" ? (
        <ErrorBar error={loaded.error} onRetry={loaded.reload} />
      ) : !summary ? (
        <Loading label={s.resultsLoading} />
      ) : summary.total.rounds === 0 ? (
        <Text role="status">{s.noRounds}</Text>
      ) : (
        <div className={styles.wrap}>
          <Table aria-label={s.rollupCaption(summary.period)}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.rollupCol.area}</TableHeaderCell>
                <TableHeaderCell>{s.rollupCol.rounds}</TableHeaderCell>
                <TableHeaderCell>{s.rollupCol.responses}</TableHeaderCell>
                <TableHeaderCell>{s.rollupCol.rate}</TableHeaderCell>
                {ratingQuestions.map((q) => (
                  <TableHeaderCell key={q.id}>{q.text}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {groups.map((g) => (
                <TableRow key={g.programAreaId ?? "total"}>
                  <TableCell>{areaName(g.programAreaId)}</TableCell>
                  <TableCell className={styles.num}>{g.rounds}</TableCell>
                  <TableCell className={styles.num}>{g.responses}</TableCell>
                  <TableCell className={styles.num}>{pct(g.responseRate)} %</TableCell>
                  {ratingQuestions.map((q) => {
                    const mean = g.items.find((i) => i.questionId === q.id)?.mean;
                    return (
                      <TableCell key={q.id} className={styles.num}>
                        {mean !== undefined ? number(mean) : s.noFigure}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
