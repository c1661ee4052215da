/**
 * The detail panel of one effort (`?effort=<id>`), with the actions the API allows this user now
 * (`allowedActions`, `allowedTransitions`). `?atgard=redigera|bedom|besluta` opens a form directly,
 * so a link (e.g. from a bot card) can lead straight to "decide".
 */
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from "react";
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  Toolbar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Checkmark20Regular, Dismiss24Regular, Edit20Regular, Gavel20Regular, ArrowSwap20Regular } from "@fluentui/react-icons";
import type { ProjectDetail, ProjectStatus } from "@naravard/api/contracts";
import { useApp } from "../../context";
import { ErrorBar, Loading } from "../../components/feedback";
import { useI18n } from "../../i18n";
import { statusLabel } from "../../labels";
import { updateSearch } from "../../router";
import { useAsyncData } from "../../useAsyncData";
import { ProjectDetailView } from "./ProjectDetailView";
import type { EffortFormProps } from "./forms/types";

const EditForm = lazy(() => import("./forms/EditForm"));
const AssessmentForm = lazy(() => import("./forms/AssessmentForm"));
const DecisionForm = lazy(() => import("./forms/DecisionForm"));
const StatusDialog = lazy(() => import("./forms/StatusDialog"));

const useStyles = makeStyles({
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    padding: 0,
    marginBottom: tokens.spacingVerticalM,
  },
  notice: { marginBottom: tokens.spacingVerticalM },
});

type Mode = "view" | "edit" | "assess" | "decide";
const MODE_PARAM: Record<Exclude<Mode, "view">, string> = { edit: "redigera", assess: "bedom", decide: "besluta" };

export function ProjectDrawer({ effortId, action, onChanged }: { effortId: string | null; action: string | null; onChanged: () => void }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { api } = useApp();
  // Kept while it reloads after a save, so the panel does not blank out; a closed panel reads nothing.
  const loaded = useAsyncData(() => (effortId ? api.getProject(effortId) : Promise.resolve(null)), [api, effortId]);
  const [notice, setNotice] = useState<string | null>(null);
  const [statusTarget, setStatusTarget] = useState<ProjectStatus | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // After a save the form is gone: keep keyboard focus in the panel, on the confirmation.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  useEffect(() => setNotice(null), [effortId]);

  const close = useCallback(() => updateSearch({ effort: null, atgard: null }), []);
  const project = loaded.data && loaded.data.id === effortId ? loaded.data : null;
  const allowed = new Set(project?.allowedActions ?? []);
  const requested: Mode =
    action === MODE_PARAM.edit ? "edit" : action === MODE_PARAM.assess ? "assess" : action === MODE_PARAM.decide ? "decide" : "view";
  const mode: Mode = requested === "view" || !project || allowed.has(requested) ? requested : "view";
  const setMode = (m: Mode) => {
    if (m !== "view") setNotice(null);
    updateSearch({ atgard: m === "view" ? null : MODE_PARAM[m] }, { replace: true });
  };

  const formProps: EffortFormProps | null = project
    ? {
        project,
        onCancel: () => setMode("view"),
        onSaved: (message) => {
          setNotice(message);
          setMode("view");
          loaded.reload();
          onChanged();
        },
        onLatest: (latest: ProjectDetail) => loaded.setData(latest),
      }
    : null;

  return (
    <OverlayDrawer
      open={Boolean(effortId)}
      position="end"
      size="large"
      onOpenChange={(_, data) => {
        if (!data.open) close();
      }}
      aria-labelledby="effort-drawer-title"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: "effort-drawer-title" }}
          action={<Button appearance="subtle" aria-label={t("detail.close")} icon={<Dismiss24Regular />} onClick={close} />}
        >
          {project?.name ?? (loaded.status === "error" ? t("app.error.title") : t("detail.loading"))}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {loaded.status === "error" ? (
          <ErrorBar error={loaded.error} onRetry={loaded.reload} />
        ) : !project || !formProps ? (
          <Loading label={t("detail.loading")} />
        ) : mode === "view" ? (
          <>
            {(allowed.size > 0 || project.allowedTransitions.length > 0) && (
              <Toolbar aria-label={t("detail.actions")} className={styles.toolbar}>
                {allowed.has("decide") && (
                  <Button appearance="primary" icon={<Gavel20Regular />} onClick={() => setMode("decide")}>
                    {t("detail.decide")}
                  </Button>
                )}
                {allowed.has("assess") && (
                  <Button appearance="primary" icon={<Checkmark20Regular />} onClick={() => setMode("assess")}>
                    {t("detail.assess")}
                  </Button>
                )}
                {allowed.has("edit") && (
                  <Button icon={<Edit20Regular />} onClick={() => setMode("edit")}>
                    {t("detail.edit")}
                  </Button>
                )}
                {allowed.has("changeStatus") && project.allowedTransitions.length > 0 && (
                  <Menu>
                    <MenuTrigger disableButtonEnhancement>
                      <MenuButton icon={<ArrowSwap20Regular />}>{t("detail.changeStatus")}</MenuButton>
                    </MenuTrigger>
                    <MenuPopover>
                      <MenuList>
                        {project.allowedTransitions.map((s) => (
                          <MenuItem key={s} onClick={() => setStatusTarget(s)}>
                            {statusLabel(s, locale)}
                          </MenuItem>
                        ))}
                      </MenuList>
                    </MenuPopover>
                  </Menu>
                )}
              </Toolbar>
            )}
            <div aria-live="polite" ref={noticeRef} tabIndex={-1}>
              {notice && (
                <MessageBar intent="success" className={styles.notice}>
                  <MessageBarBody>{notice}</MessageBarBody>
                </MessageBar>
              )}
            </div>
            <ProjectDetailView project={project} />
            {statusTarget && (
              <Suspense fallback={null}>
                <StatusDialog {...formProps} status={statusTarget} onCancel={() => setStatusTarget(null)} onSaved={(m) => {
                  setStatusTarget(null);
                  formProps.onSaved(m);
                }} />
              </Suspense>
            )}
          </>
        ) : (
          <Suspense fallback={<Loading label={t("app.loading")} />}>
            {mode === "edit" && <EditForm {...formProps} />}
            {mode === "assess" && <AssessmentForm {...formProps} />}
            {mode === "decide" && <DecisionForm {...formProps} />}
          </Suspense>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
