import {
  Badge,
  Link,
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
import type { Project } from "@naravard/api/contracts";
import { useApp } from "../../context";
import { useI18n } from "../../i18n";
import { colourKey, namesOf, numberedName, partyNames, statusLabel } from "../../labels";
import { navigate, withStickyParams } from "../../router";
import type { SortDirection, SortKey } from "./filters";

const useStyles = makeStyles({
  wrap: {
    overflowX: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  table: { minWidth: "960px" },
  name: { fontWeight: tokens.fontWeightSemibold },
  cell: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS, verticalAlign: "top" },
  list: { margin: 0, paddingLeft: 0, listStyleType: "none", fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase300, maxWidth: "220px" },
  item: { whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  sub: { display: "block", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  wide: { width: "24%" },
});

export interface PortfolioTableProps {
  items: Project[];
  sort: SortKey;
  dir: SortDirection;
  onSort: (sort: SortKey, dir: SortDirection) => void;
}

export function PortfolioTable({ items, sort, dir, onSort }: PortfolioTableProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { lookups } = useApp();

  const header = (key: SortKey, label: string, className?: string) => (
    <TableHeaderCell
      className={className}
      sortDirection={sort === key ? dir : undefined}
      onClick={() => onSort(key, sort === key && dir === "ascending" ? "descending" : "ascending")}
    >
      {label}
    </TableHeaderCell>
  );

  return (
    <div className={styles.wrap}>
      <Table sortable className={styles.table} aria-label={t("portfolio.table.caption")}>
        <TableHeader>
          <TableRow>
            {header("name", t("portfolio.col.name"), styles.wide)}
            {header("parties", t("portfolio.col.parties"))}
            {header("leader", t("portfolio.col.leader"))}
            {header("status", t("portfolio.col.status"))}
            {header("latestStatus", t("portfolio.col.latestStatus"))}
            {header("programAreas", t("portfolio.col.programAreas"))}
            {header("criteria", t("portfolio.col.criteria"))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((p) => {
            const parties = partyNames(p, lookups, i18n);
            const href = withStickyParams(`${window.location.pathname}?${effortSearch(p.id)}`);
            return (
              <TableRow key={p.id} data-effort-id={p.id}>
                <TableCell className={styles.cell}>
                  <Link
                    href={href}
                    className={styles.name}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      navigate(href);
                    }}
                  >
                    {p.name}
                  </Link>
                </TableCell>
                <TableCell className={styles.cell}>
                  <span>
                    <Text weight="semibold">{parties.owner}</Text>
                    {parties.partners.length > 0 && <span className={styles.sub}>{parties.partners.join(", ")}</span>}
                    {p.partnersText && parties.partners.length === 0 && <span className={styles.sub}>{p.partnersText}</span>}
                  </span>
                </TableCell>
                <TableCell className={styles.cell}>{p.projectLeader.name}</TableCell>
                <TableCell className={styles.cell}>{statusLabel(p.status, locale)}</TableCell>
                <TableCell className={styles.cell}>
                  <StatusColourBadge colour={p.latestStatus?.colour} />
                </TableCell>
                <TableCell className={styles.cell}>
                  <ul className={styles.list}>
                    {p.programAreaIds.map((id) => {
                      const name = numberedName(lookups.programArea(id), id, i18n);
                      return (
                        <li key={id} className={styles.item} title={name}>
                          {name}
                        </li>
                      );
                    })}
                  </ul>
                </TableCell>
                <TableCell className={styles.cell}>
                  <ul className={styles.list}>
                    {namesOf(p.criteriaIds, lookups.criterion, i18n).map((name) => (
                      <li key={name} className={styles.item} title={name}>
                        {name}
                      </li>
                    ))}
                  </ul>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

/** The query string of the current page with `effort` set (filters and view stay). */
function effortSearch(id: string): string {
  const params = new URLSearchParams(window.location.search);
  params.set("effort", id);
  params.delete("atgard");
  return params.toString();
}

/** Latest status as a badge with its name: colour is never the only signal. */
export function StatusColourBadge({ colour }: { colour: "gron" | "gul" | "rod" | undefined }) {
  const { t } = useI18n();
  if (!colour) return <Text size={200}>{t("status.colour.none")}</Text>;
  const color = colour === "gron" ? "success" : colour === "gul" ? "warning" : "danger";
  const shape = colour === "gron" ? "●" : colour === "gul" ? "▲" : "■";
  return (
    <Badge appearance="tint" color={color} shape="rounded" icon={<span aria-hidden="true">{shape}</span>}>
      {t(colourKey(colour))}
    </Badge>
  );
}
