/** The program office's view of a round's recipients: who has not answered and whom the bot could not reach — never what anyone answered. */
import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ErrorBar } from "../../components/feedback";
import { useApp } from "../../context";
import { useAsyncData } from "../../useAsyncData";
import type { FollowupStrings } from "./strings";

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export function Waiting({ roundId, s }: { roundId: string; s: FollowupStrings }) {
  const styles = useStyles();
  const { api } = useApp();
  const loaded = useAsyncData(() => api.surveyRecipients(roundId), [api, roundId]);
  if (loaded.status === "error") return <ErrorBar error={loaded.error} onRetry={loaded.reload} />;
  const report = loaded.data;
  if (!report) return null;
  const waiting = report.items.filter((i) => !i.answered);
  return (
    <div data-testid="waiting">
      <h3 className={styles.h3}>{s.waiting(waiting.length)}</h3>
      {report.unreachable > 0 && <Text role="status">{s.unreachable(report.unreachable)}</Text>}
      {waiting.length > 0 && (
        <ul className={styles.list} aria-label={s.waitingCaption}>
          {waiting.map((w) => (
            <li key={`${w.email}|${w.projectId ?? ""}`}>
              {w.email}
              {w.projectName ? ` – ${w.projectName}` : ""}{" "}
              {(w.delivery === "no_conversation" || w.delivery === "forbidden") && (
                <Badge appearance="tint" color="warning">
                  {s.notReached}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
