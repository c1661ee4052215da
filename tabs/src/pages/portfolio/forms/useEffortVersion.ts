import { useCallback, useState } from "react";
import type { ProjectDetail } from "@naravard/api/contracts";
import { useApp } from "../../../context";

/**
 * The version of an effort a form sends its change against (`If-Match`). After a 412,
 * `loadLatest` reads the latest version, shows it in the panel (`onLatest`) and takes its ETag for
 * the next try; forms call it from `useContractForm`'s `onConflict`.
 */
export function useEffortVersion(project: ProjectDetail, onLatest: (latest: ProjectDetail) => void) {
  const { api } = useApp();
  const [etag, setEtag] = useState(project.etag);
  const loadLatest = useCallback(async () => {
    const latest = await api.getProject(project.id);
    setEtag(latest.etag);
    onLatest(latest);
    return latest;
  }, [api, project.id, onLatest]);
  return { etag, loadLatest };
}
