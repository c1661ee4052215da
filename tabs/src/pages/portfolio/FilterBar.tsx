import { useEffect, useRef, useState } from "react";
import { Button, Dropdown, Field, Option, SearchBox, makeStyles, tokens } from "@fluentui/react-components";
import { DismissCircle20Regular } from "@fluentui/react-icons";
import { useApp } from "../../context";
import { useI18n, type MessageKey } from "../../i18n";
import { STATUS_ORDER, numberedName, statusLabel } from "../../labels";
import { clearedFilters, hasActiveFilters, type Facet, type PortfolioFilters } from "./filters";

const useStyles = makeStyles({
  bar: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))",
    gap: tokens.spacingHorizontalM,
    alignItems: "end",
    padding: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  search: { gridColumn: "span 2", "@media (max-width: 640px)": { gridColumn: "auto" } },
  dropdown: { minWidth: "0", width: "100%" },
  clear: { justifySelf: "start" },
});

export interface FilterBarProps {
  filters: PortfolioFilters;
  onChange: (change: Partial<PortfolioFilters>, options?: { replace?: boolean }) => void;
}

type Choice = { value: string; text: string };

export function FilterBar({ filters, onChange }: FilterBarProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { lookups } = useApp();

  // The search box types into local state and reaches the URL after a short pause (replacing the
  // history entry, so back/forward step between real filter changes, not keystrokes).
  const [text, setText] = useState(filters.q);
  const lastSent = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== lastSent.current) {
      lastSent.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);
  useEffect(() => {
    if (text === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = text;
      onChange({ q: text }, { replace: true });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  const facets: Array<{ facet: Facet; label: MessageKey; choices: Choice[] }> = [
    { facet: "status", label: "portfolio.filter.status", choices: STATUS_ORDER.map((s) => ({ value: s, text: statusLabel(s, locale) })) },
    { facet: "party", label: "portfolio.filter.party", choices: lookups.parties.map((p) => ({ value: p.id, text: i18n.refName(p) })) },
    {
      facet: "programArea",
      label: "portfolio.filter.programArea",
      choices: lookups.programAreas.map((a) => ({ value: a.id, text: numberedName(a, a.id, i18n) })),
    },
    { facet: "criterion", label: "portfolio.filter.criterion", choices: lookups.criteria.map((c) => ({ value: c.id, text: i18n.refName(c) })) },
    { facet: "subGoal", label: "portfolio.filter.subGoal", choices: lookups.subGoals.map((g) => ({ value: g.id, text: numberedName(g, g.id, i18n) })) },
    { facet: "targetGroup", label: "portfolio.filter.targetGroup", choices: lookups.targetGroups.map((g) => ({ value: g.id, text: i18n.refName(g) })) },
  ];

  return (
    <div className={styles.bar} role="search" aria-label={t("portfolio.filters")}>
      <Field label={t("portfolio.search")} className={styles.search}>
        <SearchBox
          value={text}
          placeholder={t("portfolio.search.placeholder")}
          onChange={(_, data) => setText(data.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              lastSent.current = text;
              onChange({ q: text }, { replace: true });
            }
          }}
        />
      </Field>
      {facets.map(({ facet, label, choices }) => {
        const current = filters[facet];
        const selected = choices.find((c) => c.value === current);
        return (
          <Field key={facet} label={t(label)}>
            <Dropdown
              className={styles.dropdown}
              value={selected?.text ?? t("common.all")}
              selectedOptions={[current ?? ""]}
              onOptionSelect={(_, data) => onChange({ [facet]: data.optionValue || null })}
            >
              <Option value="">{t("common.all")}</Option>
              {choices.map((c) => (
                <Option key={c.value} value={c.value}>
                  {c.text}
                </Option>
              ))}
            </Dropdown>
          </Field>
        );
      })}
      <Button
        className={styles.clear}
        appearance="subtle"
        icon={<DismissCircle20Regular />}
        disabled={!hasActiveFilters(filters)}
        onClick={() => {
          lastSent.current = "";
          setText("");
          onChange(clearedFilters());
        }}
      >
        {t("portfolio.filter.clear")}
      </Button>
    </div>
  );
}
