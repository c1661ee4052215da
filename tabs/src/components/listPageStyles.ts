import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * The frame every list page shares (decision log, escalations, risk list, inquiries; follow-up takes its headings): title and intro, a filter bar, and a table in a
 * card that scrolls sideways on narrow screens. Pages add their own classes with a second `makeStyles`.
 */
export const useListPageStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "1600px", marginInline: "auto" },
  title: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  intro: { display: "block", marginTop: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground2 },
  bar: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalL,
    alignItems: "end",
    padding: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  wrap: { overflowX: "auto", backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow2 },
  table: { minWidth: "900px" },
  cell: { verticalAlign: "top", paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: "nowrap" },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: "center", backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge },
});
