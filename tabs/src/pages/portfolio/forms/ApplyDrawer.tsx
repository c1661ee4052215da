/**
 * "Ny ansökan": the application for inclusion (PP 6.3.1, annex 2). Lazy-loaded. Sent once per form
 * with an Idempotency-Key, so a double click creates one application. While the user writes the
 * name, the idea or picks target groups, similar efforts are looked up (debounced).
 */
import { useEffect, useRef, useState } from "react";
import {
  Badge,
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Link,
  OverlayDrawer,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import { ApplicationInputSchema, type Project, type SimilarProject } from "@naravard/api/contracts";
import { ApiError, newIdempotencyKey } from "../../../api";
import { useApp } from "../../../context";
import { useI18n } from "../../../i18n";
import { statusLabel } from "../../../labels";
import { withStickyParams } from "../../../router";
import type { ZodIssue } from "../../../forms/contractErrors";
import { ContractForm, SubmitButton } from "../../../forms/FormShell";
import { useContractForm } from "../../../forms/useContractForm";
import { ProjectFormFields } from "./ProjectFormFields";
import { FIELD_ORDER, emptyValues, fieldForPath, issueMessage, toInput, type FormField } from "./projectFormModel";

const useStyles = makeStyles({
  intro: { display: "block", marginBottom: tokens.spacingVerticalL, color: tokens.colorNeutralForeground2 },
  similar: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  similarList: { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  similarItem: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground2 },
  footer: { display: "flex", gap: tokens.spacingHorizontalM },
});

export default function ApplyDrawer({ onClose, onApplied }: { onClose: () => void; onApplied: (project: Project) => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api, me } = useApp();
  const form = useContractForm({
    schema: ApplicationInputSchema,
    initial: () =>
      emptyValues({
        ownerOrganisationId: me.organisationId ?? "",
        leaderName: me.roles.includes("projektledare") ? me.displayName : "",
        leaderEmail: me.roles.includes("projektledare") ? me.email : "",
      }),
    toInput,
    fields: FIELD_ORDER,
    fieldForPath,
    message: (field: FormField, issue: ZodIssue) => issueMessage(field, issue, t),
  });
  const { values } = form;
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const submit = async () => {
    let created: Project | undefined;
    const sent = await form.submit(async (input) => {
      try {
        created = await api.apply(input, idempotencyKey);
      } catch (err) {
        // Rejected by the API: nothing was created, so the next attempt is a new request.
        if (err instanceof ApiError && err.status < 500) setIdempotencyKey(newIdempotencyKey());
        throw err;
      }
    });
    if (sent && created) onApplied(created);
  };

  return (
    <OverlayDrawer
      open
      position="end"
      size="large"
      onOpenChange={(_, d) => {
        if (!d.open) onClose();
      }}
      aria-labelledby="apply-title"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: "apply-title" }}
          action={<Button appearance="subtle" aria-label={t("common.close")} icon={<Dismiss24Regular />} onClick={onClose} />}
        >
          {t("form.apply.title")}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <Text className={styles.intro}>{t("form.apply.intro")}</Text>
        <ContractForm form={form} id="apply-form" labelledBy="apply-title" onSubmit={() => void submit()} submitLabel={t("form.apply.submit")} hideActions>
          <ProjectFormFields
            values={values}
            onChange={form.set}
            onBlur={form.onBlur}
            errors={form.errors}
            disabled={form.submitting}
            afterIdea={<SimilarEfforts name={values.name} description={values.description} targetGroupIds={values.targetGroupIds} />}
          />
        </ContractForm>
      </DrawerBody>
      <DrawerFooter className={styles.footer}>
        <SubmitButton form={form} formId="apply-form" label={t("form.apply.submit")} submittingLabel={t("form.apply.submitting")} />
        <Button onClick={onClose}>{t("common.cancel")}</Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}

type SimilarState = { state: "idle" } | { state: "loading" } | { state: "done"; items: SimilarProject[] };

/** "Liknande utvecklingsarbeten": the API's matches and its reasons, announced politely. */
export function SimilarEfforts({ name, description, targetGroupIds, excludeId }: { name: string; description: string; targetGroupIds: string[]; excludeId?: string }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { api } = useApp();
  const [similar, setSimilar] = useState<SimilarState>({ state: "idle" });
  const generation = useRef(0);
  const groupsKey = targetGroupIds.join(",");

  useEffect(() => {
    const n = name.trim();
    const d = description.trim();
    const gen = ++generation.current;
    if (n.length + d.length < 4 && !groupsKey) {
      setSimilar({ state: "idle" });
      return;
    }
    const timer = setTimeout(() => {
      setSimilar((prev) => (prev.state === "done" ? prev : { state: "loading" }));
      api
        .similar({ name: n, description: d, targetGroupIds: groupsKey ? groupsKey.split(",") : [], ...(excludeId ? { excludeId } : {}) })
        .then(
          (res) => gen === generation.current && setSimilar({ state: "done", items: res.items }),
          (err: unknown) => {
            console.warn("similar efforts lookup failed", err);
            if (gen === generation.current) setSimilar({ state: "idle" });
          },
        );
    }, 400);
    return () => clearTimeout(timer);
  }, [api, name, description, groupsKey, excludeId]);

  if (similar.state === "idle") return <div aria-live="polite" />;
  return (
    <section className={styles.similar} aria-labelledby="similar-title" data-testid="similar-efforts">
      <Text id="similar-title" weight="semibold" as="h3" size={400}>
        {t("form.similar.title")}
      </Text>
      <div aria-live="polite">
        {similar.state === "loading" ? (
          <Spinner size="tiny" label={t("form.similar.searching")} />
        ) : similar.items.length === 0 ? (
          <Text className={styles.muted}>{t("form.similar.none")}</Text>
        ) : (
          <>
            <Text className={styles.muted}>{t("form.similar.intro")}</Text>
            <ul className={styles.similarList} aria-label={t("form.similar.found", { count: similar.items.length })}>
              {similar.items.map((s) => (
                <li key={s.id} className={styles.similarItem}>
                  <span>
                    <Link href={withStickyParams(`/portfolio?effort=${encodeURIComponent(s.id)}`)} target="_blank" rel="noreferrer">
                      {s.name}
                    </Link>{" "}
                    <Badge appearance="outline" shape="rounded" size="small">
                      {statusLabel(s.status, locale)}
                    </Badge>{" "}
                    <Text size={200} className={styles.muted}>
                      {t("form.similar.score", { score: Math.round(s.score * 100) })}
                    </Text>
                  </span>
                  {s.reasons.length > 0 && (
                    <ul className={styles.reasons}>
                      {s.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
