import type { ProjectDetail } from "@naravard/api/contracts";

/** Props of the forms opened from the detail panel. */
export interface EffortFormProps {
  project: ProjectDetail;
  onCancel: () => void;
  /** Saved: the panel shows `message`, reloads the effort and the lists. */
  onSaved: (message: string) => void;
  /** Someone else changed the effort (412): the panel shows this latest version. */
  onLatest: (latest: ProjectDetail) => void;
}
