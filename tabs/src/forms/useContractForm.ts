import { useCallback, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import type { z } from "zod";
import { ApiError, errorMessage, isStale } from "../api";
import { useI18n } from "../i18n";
import {
  defaultIssueMessage,
  detailsToErrors,
  fieldByPrefix,
  issuesToErrors,
  summaryOf,
  type FieldErrors,
  type FormProblem,
  type ZodIssue,
} from "./contractErrors";

/** The API input as a form may hold it before it is valid: any top-level field missing or still "" (a choice not made). */
export type UncheckedInput<T> = { [K in keyof T]?: T[K] | "" };

export interface ContractFormConfig<V extends object, S extends z.ZodType> {
  /** The contract's own schema of what the API takes (from `@naravard/api/contracts`), never a copy. */
  schema: S;
  initial: V | (() => V);
  /** The form's values as the API input, before the schema parses it (the form may keep text where the API takes numbers). */
  toInput: (values: V) => UncheckedInput<z.input<S>>;
  /** The form's fields in screen order: the summary lists errors in this order. */
  fields: ReadonlyArray<keyof V & string>;
  /** Which field a dotted input path belongs to. Default: the longest leading part of the path that is a field. */
  fieldForPath?: (path: string) => (keyof V & string) | undefined;
  /** A field's message for a schema issue, when the default ("Fyll i fältet.", "Texten är för lång.", …) says too little. */
  message?: (field: keyof V & string, issue: ZodIssue) => string | undefined;
  /**
   * Called on 412 (someone else saved first): load the latest version, show it and take its ETag.
   * `setValues` lets the form merge the latest version under what the user typed. Errors it throws
   * are shown in the summary.
   */
  onConflict?: (form: { values: V; setValues: Dispatch<SetStateAction<V>> }) => Promise<void>;
}

/**
 * State and behaviour every form shares: values, schema errors shown once a field was left or a
 * submit tried, the API's 400 details at their fields (until the field changes), an error summary
 * that takes focus, one request at a time, and 412 handled by `onConflict` without losing input.
 * Render it with `<ContractForm>` and `<FormField>` (FormShell.tsx).
 */
export function useContractForm<V extends object, S extends z.ZodType>(config: ContractFormConfig<V, S>) {
  type F = keyof V & string;
  const { t } = useI18n();
  const { schema, toInput, fields, message, onConflict } = config;
  const fieldForPath = useMemo(() => config.fieldForPath ?? fieldByPrefix(fields), [config.fieldForPath, fields]);

  const [values, setValues] = useState<V>(config.initial);
  const [touched, setTouched] = useState<ReadonlySet<F>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors<F>>({});
  const [problems, setProblems] = useState<Array<FormProblem<F>>>([]);
  const [submitting, setSubmitting] = useState(false);
  const [stale, setStale] = useState(false);
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const parsed = useMemo(() => schema.safeParse(toInput(values)), [schema, toInput, values]);
  const clientErrors = useMemo<FieldErrors<F>>(
    () =>
      parsed.success
        ? {}
        : issuesToErrors<F>(parsed.error.issues, fieldForPath, (field, issue) => message?.(field, issue) ?? defaultIssueMessage(issue, t)),
    [parsed, fieldForPath, message, t],
  );
  const errors = useMemo(() => {
    const shown: FieldErrors<F> = {};
    for (const f of fields) {
      const text = serverErrors[f] ?? (submitted || touched.has(f) ? clientErrors[f] : undefined);
      if (text) shown[f] = text;
    }
    return shown;
  }, [fields, clientErrors, serverErrors, submitted, touched]);

  /** Changes some values; an API error at a changed field goes away (the user is fixing it). */
  const set = useCallback((change: Partial<V>) => {
    setValues((v) => ({ ...v, ...change }));
    setServerErrors((prev) => {
      const keys = Object.keys(change) as F[];
      if (!keys.some((k) => prev[k])) return prev;
      const next = { ...prev };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);

  const onBlur = useCallback((field: F) => setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field))), []);

  const focusSummary = () => setTimeout(() => summaryRef.current?.focus(), 0);

  const showError = (err: unknown) => {
    if (err instanceof ApiError && err.body.details.length) {
      const { atFields, problems: list } = detailsToErrors<F>(err.body.details, fieldForPath);
      setServerErrors(atFields);
      setProblems(list);
    } else {
      setProblems([{ message: errorMessage(err, t) }]);
    }
    focusSummary();
  };

  /**
   * Validates with the schema and, when it passes, sends. `send` gets the parsed input (trimmed,
   * defaults filled) and the raw values (e.g. to build a PATCH of what changed). Resolves to true
   * when the API accepted it. A `false` from `send` means "nothing to send" (no error shown).
   */
  const submit = async (send: (input: z.output<S>, values: V) => Promise<unknown>): Promise<boolean> => {
    if (inFlight.current) return false;
    setSubmitted(true);
    if (!parsed.success) {
      setProblems(summaryOf(clientErrors, fields));
      focusSummary();
      return false;
    }
    inFlight.current = true;
    setSubmitting(true);
    setProblems([]);
    try {
      return (await send(parsed.data, values)) !== false;
    } catch (err) {
      if (isStale(err) && onConflict) {
        try {
          await onConflict({ values, setValues });
          setServerErrors({});
          setStale(true);
        } catch (reloadErr) {
          showError(reloadErr);
        }
      } else {
        showError(err);
      }
      return false;
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return { values, setValues, set, onBlur, errors, problems, setProblems, summaryRef, submitting, stale, submit, showError };
}
