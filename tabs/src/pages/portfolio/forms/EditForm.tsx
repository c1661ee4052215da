/**
 * Editing an effort: a PATCH of the changed fields with `If-Match`. When someone else saved first
 * (412) the latest version is loaded and shown, the user's own changes stay in the form on top of
 * it, and the next save uses the new ETag — nothing typed is lost.
 */
import { useMemo, useRef, useState } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ProjectDetail } from "@naravard/api/contracts";
import { errorMessage, isStale } from "../../../api";
import { useApp } from "../../../context";
import { useI18n, type MessageKey, type Translate } from "../../../i18n";
import { ErrorSummary } from "./FormParts";
import { ProjectFormFields, useFormStyles } from "./ProjectFormFields";
import { changedFields, fromProject, rebase, toPatch, type FormField, type FormValues } from "./projectFormModel";
import type { EffortFormProps } from "./types";
import { useProjectForm } from "./useProjectForm";

const useStyles = makeStyles({
  stale: { marginBottom: tokens.spacingVerticalS },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** Labels of form fields, for "changed by someone else" lists. */
export const FIELD_LABEL: Record<FormField, MessageKey> = {
  name: "form.name",
  description: "form.description",
  type: "form.type",
  ownerOrganisationId: "form.owner",
  partnerOrganisationIds: "form.partners",
  partnersText: "form.partnersText",
  leaderName: "form.leader.name",
  leaderEmail: "form.leader.email",
  projectOwnerName: "form.projectOwner.name",
  changeOwnerName: "form.changeOwner.name",
  startDate: "form.startDate",
  endDate: "form.endDate",
  programAreaIds: "form.programAreas",
  criteriaIds: "form.criteria",
  subGoalIds: "form.subGoals",
  targetGroupIds: "form.targetGroups",
  benefitObjectIds: "form.benefitObjects",
  nature: "form.nature",
  horizon: "form.horizon",
  financingSecured: "form.financing.secured",
  financingSource: "form.financing.source",
  linkWeb: "form.links.web",
  linkFinalReport: "form.links.finalReport",
};

interface Stale {
  /** Fields someone else changed, with their latest values as text. */
  changed: Array<{ field: FormField; latest: string }>;
}

export default function EditForm({ project, onCancel, onSaved, onLatest }: EffortFormProps) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, lookups } = useApp();
  const [base, setBase] = useState<{ values: FormValues; etag: string }>(() => ({ values: fromProject(project), etag: project.etag }));
  const form = useProjectForm(() => fromProject(project));
  const [submitting, setSubmitting] = useState(false);
  const [stale, setStale] = useState<Stale | null>(null);
  const [noChanges, setNoChanges] = useState(false);
  const inFlight = useRef(false);

  const describe = useMemo(() => valueText(t, i18n.refName, lookups), [t, i18n.refName, lookups]);

  const save = async () => {
    if (inFlight.current) return;
    setNoChanges(false);
    if (!form.checkBeforeSubmit()) return;
    const patch = toPatch(base.values, form.values);
    if (Object.keys(patch).length === 0) {
      setNoChanges(true);
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    try {
      await api.patchProject(project.id, patch, base.etag);
      onSaved(t("detail.updated"));
    } catch (err) {
      if (isStale(err)) await reloadLatest();
      else form.showApiError(err, errorMessage(err, t));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  async function reloadLatest() {
    let latest: ProjectDetail;
    try {
      latest = await api.getProject(project.id);
    } catch (err) {
      form.showApiError(err, errorMessage(err, t));
      return;
    }
    const latestValues = fromProject(latest);
    const theirs = changedFields(base.values, latestValues);
    form.setValues((current) => rebase(base.values, current, latestValues));
    setBase({ values: latestValues, etag: latest.etag });
    setStale({ changed: theirs.map((field) => ({ field, latest: describe(field, latestValues) })) });
    form.setProblems([]);
    onLatest(latest);
  }

  const hints = useMemo(() => {
    const out: Partial<Record<FormField, string>> = {};
    for (const c of stale?.changed ?? []) out[c.field] = t("form.stale.latest", { value: c.latest || t("common.none") });
    return out;
  }, [stale, t]);

  return (
    <form
      className={formStyles.form}
      noValidate
      aria-label={t("form.edit.title", { name: project.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div aria-live="assertive">
        {stale && (
          <MessageBar intent="warning" layout="multiline" className={styles.stale} data-testid="stale-message">
            <MessageBarBody>
              <MessageBarTitle>{t("form.stale.title")}</MessageBarTitle>
              {t("form.stale")}
              {stale.changed.length > 0 && (
                <ul className={styles.list}>
                  {stale.changed.map((c) => (
                    <li key={c.field}>
                      {t(FIELD_LABEL[c.field])}: {c.latest || t("common.none")}
                    </li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <ErrorSummary problems={form.problems} title={t("form.errors.summary")} summaryRef={form.summaryRef} />
      <ProjectFormFields values={form.values} onChange={form.onChange} onBlur={form.onBlur} errors={form.errors} hints={hints} disabled={submitting} />
      <div className={formStyles.actions}>
        <Button appearance="primary" type="submit" disabled={submitting} icon={submitting ? <Spinner size="tiny" /> : undefined}>
          {submitting ? t("common.saving") : t("form.edit.submit")}
        </Button>
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
        <div aria-live="polite">{noChanges && <Text>{t("form.edit.noChanges")}</Text>}</div>
      </div>
    </form>
  );
}

/** A form value as text for the "latest version" notes. */
function valueText(
  t: Translate,
  refName: (item: { name: string; nameEn?: string } | undefined, fallback?: string) => string,
  lookups: ReturnType<typeof useApp>["lookups"],
) {
  return (field: FormField, v: FormValues): string => {
    const value = v[field];
    const names = (ids: string[], find: (id: string) => { name: string; nameEn?: string } | undefined) => ids.map((id) => refName(find(id), id)).join(", ");
    switch (field) {
      case "ownerOrganisationId":
        return refName(lookups.party(v.ownerOrganisationId), v.ownerOrganisationId);
      case "partnerOrganisationIds":
        return names(v.partnerOrganisationIds, lookups.party);
      case "programAreaIds":
        return names(v.programAreaIds, lookups.programArea);
      case "criteriaIds":
        return names(v.criteriaIds, lookups.criterion);
      case "subGoalIds":
        return names(v.subGoalIds, lookups.subGoal);
      case "targetGroupIds":
        return names(v.targetGroupIds, lookups.targetGroup);
      case "benefitObjectIds":
        return names(v.benefitObjectIds, lookups.benefitObject);
      case "type":
        return t(`type.${v.type}`);
      case "nature":
        return v.nature ? t(`nature.${v.nature}`) : "";
      case "horizon":
        return v.horizon ? t(`horizon.${v.horizon}`) : "";
      case "financingSecured":
        return t(v.financingSecured ? "common.yes" : "common.no");
      default:
        return String(value);
    }
  };
}
