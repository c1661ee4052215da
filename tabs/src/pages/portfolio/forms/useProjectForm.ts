import { useCallback, useMemo, useRef, useState } from "react";
import { ApiError } from "../../../api";
import { useI18n } from "../../../i18n";
import { FIELD_ORDER, fieldForPath, validate, type FieldErrors, type FormField, type FormValues } from "./projectFormModel";

export interface FormProblem {
  field?: FormField;
  message: string;
}

/**
 * Values, touched fields and errors of the application/edit form. Client-side (zod) errors show
 * once a field was touched or the user tried to submit; the API's 400 details show at their fields
 * until the user changes that field.
 */
export function useProjectForm(initial: FormValues | (() => FormValues)) {
  const { t } = useI18n();
  const [values, setValues] = useState<FormValues>(initial);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const clientErrors = useMemo(() => validate(values, t), [values, t]);
  const errors = useMemo(() => {
    const shown: FieldErrors = {};
    for (const f of FIELD_ORDER) {
      const message = serverErrors[f] ?? (submitted || touched.has(f) ? clientErrors[f] : undefined);
      if (message) shown[f] = message;
    }
    return shown;
  }, [clientErrors, serverErrors, submitted, touched]);

  const onChange = useCallback((change: Partial<FormValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setServerErrors((prev) => {
      const keys = Object.keys(change) as FormField[];
      if (!keys.some((k) => prev[k])) return prev;
      const next = { ...prev };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);

  const onBlur = useCallback((field: FormField) => setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field))), []);

  const focusSummary = () => setTimeout(() => summaryRef.current?.focus(), 0);

  /** Marks the form submitted; false (and a summary) when the client-side checks fail. */
  const checkBeforeSubmit = (): boolean => {
    setSubmitted(true);
    const list = FIELD_ORDER.filter((f) => clientErrors[f]).map((f) => ({ field: f, message: clientErrors[f]! }));
    setProblems(list);
    if (list.length) focusSummary();
    return list.length === 0;
  };

  /** Shows an API error: details at their fields, the rest in the summary. */
  const showApiError = (err: unknown, fallback: string) => {
    if (err instanceof ApiError && err.body.details.length) {
      const atFields: FieldErrors = {};
      const list: FormProblem[] = [];
      for (const d of err.body.details) {
        const field = fieldForPath(d.field);
        if (field && !atFields[field]) atFields[field] = d.message;
        list.push({ field, message: d.message });
      }
      setServerErrors(atFields);
      setProblems(list);
    } else {
      setProblems([{ message: err instanceof ApiError ? err.body.message || fallback : fallback }]);
    }
    focusSummary();
  };

  return {
    values,
    setValues,
    errors,
    onChange,
    onBlur,
    problems,
    setProblems,
    summaryRef,
    checkBeforeSubmit,
    showApiError,
  };
}
