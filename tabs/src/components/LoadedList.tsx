import type { ReactNode } from "react";
import { ErrorBar, Loading } from "./feedback";
import { useListPageStyles } from "./listPageStyles";

interface LoadedListProps {
  error: unknown;
  onRetry: () => void;
  loading: boolean;
  loadingLabel: string;
  empty: boolean;
  emptyText: string;
  /** The table, shown only once there are rows. */
  children: ReactNode;
}

/**
 * What a list page shows where its table goes: the error with a retry, the loading state, the empty state (announced
 * to screen readers), or the rows in the frame's card that scrolls sideways on narrow screens.
 */
export function LoadedList({ error, onRetry, loading, loadingLabel, empty, emptyText, children }: LoadedListProps) {
  const styles = useListPageStyles();
  if (error) return <ErrorBar error={error} onRetry={onRetry} />;
  if (loading) return <Loading label={loadingLabel} />;
  if (empty) {
    return (
      <div className={styles.empty} role="status">
        {emptyText}
      </div>
    );
  }
  return <div className={styles.wrap}>{children}</div>;
}
