import { useRef, useState } from "react";
import type { ProjectDetail } from "@naravard/api/contracts";
import { ApiError, errorMessage, isStale } from "../../../api";
import { useApp } from "../../../context";
import { useI18n } from "../../../i18n";

/**
 * Sending a change with `If-Match`: keeps the ETag, and on 412 loads the latest version, shows it
 * (via `onLatest`) and keeps the user's input so a second try goes through with the new ETag.
 */
export function useStaleAware(project: ProjectDetail, onLatest: (latest: ProjectDetail) => void) {
  const { t } = useI18n();
  const { api } = useApp();
  const [etag, setEtag] = useState(project.etag);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<{ message: string; details: ApiError["body"]["details"] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);

  async function send(action: (etag: string) => Promise<unknown>): Promise<boolean> {
    if (inFlight.current) return false;
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    try {
      await action(etag);
      return true;
    } catch (err) {
      if (isStale(err)) {
        try {
          const latest = await api.getProject(project.id);
          setEtag(latest.etag);
          setStale(true);
          onLatest(latest);
        } catch (reloadErr) {
          setError({ message: errorMessage(reloadErr, t), details: [] });
        }
      } else {
        setError({ message: errorMessage(err, t), details: err instanceof ApiError ? err.body.details : [] });
      }
      return false;
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  /** The API's message for a field (dotted path), if it named one. */
  const fieldError = (field: string): string | undefined => error?.details.find((d) => d.field === field || d.field.startsWith(`${field}.`))?.message;

  return { etag, stale, error, submitting, send, fieldError };
}
