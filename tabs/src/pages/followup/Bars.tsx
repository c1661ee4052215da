/** Fluent-styled horizontal bars: the mean of each 1–5 item. Decorative for screen readers: the table beside it holds the same figures. */
import { Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { display: "grid", gridTemplateColumns: "minmax(12rem, 2fr) minmax(8rem, 3fr) 3rem", gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, alignItems: "center", margin: 0 },
  track: {
    height: "20px",
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    overflow: "hidden",
  },
  // The brand colour on the neutral track; in high contrast the border and fill follow the system colours.
  fill: { height: "100%", backgroundColor: tokens.colorBrandBackground, forcedColorAdjust: "auto", "@media (forced-colors: active)": { backgroundColor: "Highlight" } },
  value: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
});

export interface Bar {
  label: string;
  /** 1–5, absent when there are too few answers. */
  value: number | undefined;
}

export function Bars({ bars, format }: { bars: readonly Bar[]; format: (n: number) => string }) {
  const styles = useStyles();
  return (
    <div className={styles.list} aria-hidden="true" data-testid="bars">
      {bars.map((b) => (
        <div key={b.label} style={{ display: "contents" }}>
          <Text>{b.label}</Text>
          <div className={styles.track}>{b.value !== undefined && <div className={styles.fill} style={{ width: `${(b.value / 5) * 100}%` }} />}</div>
          <Text className={styles.value}>{b.value !== undefined ? format(b.value) : "–"}</Text>
        </div>
      ))}
    </div>
  );
}
