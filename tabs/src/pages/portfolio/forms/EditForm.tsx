/**
 * Editing an effort: a PATCH of the changed fields with `If-Match`. When someone else saved first
 * (412) the latest version is loaded and shown, the user's own changes stay in the form on top of
 * it, and the next save uses the new ETag — nothing typed is lost.
 */
import { useMemo, useState } from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { ApplicationInputSchema } from "@naravard/api/contracts";
import { useApp } from "../../../context";
import type { ZodIssue } from "../../../forms/contractErrors";
import { ContractForm } from "../../../forms/FormShell";
import { useContractForm } from "../../../forms/useContractForm";
import { useI18n, type MessageKey, type Translate } from "../../../i18n";
import { ProjectFormFields } from "./ProjectFormFields";
import {
  FIELD_ORDER,
  changedFields,
  fieldForPath,
  fromProject,
  issueMessage,
  rebase,
  toInput,
  toPatch,
  type FormField,
  type FormValues,
} from "./projectFormModel";
import type { EffortFormProps } from "./types";
import { useEffortVersion } from "./useEffortVersion";

const useStyles = makeStyles({
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

export default function EditForm({ project, onCancel, onSaved, onLatest }: EffortFormProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api, lookups } = useApp();
  const version = useEffortVersion(project, onLatest);
  // The version the user started from: what changed is sent, and after a 412 the user's changes are kept on top of the latest.
  const [base, setBase] = useState<FormValues>(() => fromProject(project));
  /** Fields someone else changed, with their latest values as text. */
  const [theirs, setTheirs] = useState<Array<{ field: FormField; latest: string }>>([]);
  const [noChanges, setNoChanges] = useState(false);
  const describe = useMemo(() => valueText(t, i18n.refName, lookups), [t, i18n.refName, lookups]);

  const form = useContractForm({
    schema: ApplicationInputSchema,
    initial: () => fromProject(project),
    toInput,
    fields: FIELD_ORDER,
    fieldForPath,
    message: (field: FormField, issue: ZodIssue) => issueMessage(field, issue, t),
    onConflict: async ({ setValues }) => {
      const latestValues = fromProject(await version.loadLatest());
      setValues((current) => rebase(base, current, latestValues));
      setTheirs(changedFields(base, latestValues).map((field) => ({ field, latest: describe(field, latestValues) })));
      setBase(latestValues);
    },
  });

  const save = async () => {
    setNoChanges(false);
    const saved = await form.submit((_input, values) => {
      const patch = toPatch(base, values);
      if (Object.keys(patch).length === 0) {
        setNoChanges(true);
        return Promise.resolve(false);
      }
      return api.patchProject(project.id, patch, version.etag);
    });
    if (saved) onSaved(t("detail.updated"));
  };

  const hints = useMemo(() => {
    const out: Partial<Record<FormField, string>> = {};
    for (const c of theirs) out[c.field] = t("form.stale.latest", { value: c.latest || t("common.none") });
    return out;
  }, [theirs, t]);

  return (
    <ContractForm
      form={form}
      label={t("form.edit.title", { name: project.name })}
      onSubmit={() => void save()}
      submitLabel={t("form.edit.submit")}
      onCancel={onCancel}
      status={noChanges ? <Text>{t("form.edit.noChanges")}</Text> : null}
      staleDetails={
        theirs.length > 0 && (
          <ul className={styles.list}>
            {theirs.map((c) => (
              <li key={c.field}>
                {t(FIELD_LABEL[c.field])}: {c.latest || t("common.none")}
              </li>
            ))}
          </ul>
        )
      }
    >
      <ProjectFormFields values={form.values} onChange={form.set} onBlur={form.onBlur} errors={form.errors} hints={hints} disabled={form.submitting} />
    </ContractForm>
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
