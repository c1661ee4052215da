/** `/accessibility`: the accessibility statement. Needs no session, so it opens even when the API does not answer. */
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../../i18n";
import { ASSESSED_ON, DIGG_COMPLAINT_URL, REPORT_MAILBOX, WCAG_URL, compliance, statements } from "./statement";

const useStyles = makeStyles({
  page: {
    maxWidth: "72ch",
    marginInline: "auto",
    padding: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  title: { marginTop: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  h2: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalS },
  h3: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  p: { lineHeight: tokens.lineHeightBase400 },
  criteria: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  conformance: { fontWeight: tokens.fontWeightSemibold },
});

export default function AccessibilityPage() {
  const styles = useStyles();
  const { locale, formatDate } = useI18n();
  const s = statements[locale];
  const date = formatDate(ASSESSED_ON);

  const mail = (
    <Link href={`mailto:${REPORT_MAILBOX}`}>{REPORT_MAILBOX}</Link>
  );

  return (
    <article className={styles.page} aria-labelledby="a11y-title" data-testid="accessibility-statement">
      <h1 id="a11y-title" className={styles.title}>
        {s.title}
      </h1>
      {s.intro.map((p) => (
        <p key={p} className={styles.p}>
          {p}
        </p>
      ))}

      <h2 className={styles.h2}>{s.howAccessible.heading}</h2>
      <p className={styles.p}>{s.howAccessible.body}</p>
      <ul>
        {s.howAccessible.list.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>

      <h2 className={styles.h2}>{s.ifYouCannot.heading}</h2>
      <p className={styles.p}>
        {s.ifYouCannot.body} {mail}. {s.ifYouCannot.responseTime}
      </p>

      <h2 className={styles.h2}>{s.report.heading}</h2>
      <p className={styles.p}>
        {s.report.body} {mail}.
      </p>

      <h2 className={styles.h2}>{s.supervision.heading}</h2>
      <p className={styles.p}>{s.supervision.body}</p>
      <p className={styles.p}>
        <Link href={DIGG_COMPLAINT_URL} target="_blank" rel="noreferrer">
          {s.supervision.link}
        </Link>
      </p>

      <h2 className={styles.h2}>{s.technical.heading}</h2>
      <p className={`${styles.p} ${styles.conformance}`} data-testid="conformance">
        {s.technical.body(compliance(s))}
      </p>
      <p className={styles.p}>
        <Link href={WCAG_URL} target="_blank" rel="noreferrer">
          WCAG 2.1
        </Link>
      </p>

      <h3 className={styles.h3}>{s.knownGaps.heading}</h3>
      <ul data-testid="known-gaps">
        {s.knownGaps.items.map((gap) => (
          <li key={gap.title}>
            <Text weight="semibold">{gap.title}</Text>
            <p className={styles.p}>{gap.body}</p>
            <Text className={styles.criteria}>{gap.criteria}</Text>
          </li>
        ))}
      </ul>

      <h3 className={styles.h3}>{s.notCovered.heading}</h3>
      <ul>
        {s.notCovered.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>

      <h2 className={styles.h2}>{s.testing.heading}</h2>
      {s.testing.body.map((p) => (
        <p key={p} className={styles.p}>
          {p}
        </p>
      ))}
      <p className={styles.p}>{s.testing.assessed.replace("{date}", date)}</p>
      <p className={styles.p}>{s.testing.updated.replace("{date}", date)}</p>
    </article>
  );
}
