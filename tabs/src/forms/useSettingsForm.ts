import { useState } from "react";
import { z } from "zod";
import { useContractForm, type ContractFormConfig } from "./useContractForm";

/**
 * A program settings form (the recurring surveys, the risk scale, the 36-hour rule): one document the API reads and
 * replaces with `If-Match`. On top of the contract form it keeps the version being edited, answers a 412 by keeping
 * what this user changed and taking every other value (and the ETag) from the latest version, and says "saved" until
 * the next change.
 */
export interface SettingsFormConfig<T extends { etag?: string | undefined }, V extends object, S extends z.ZodType>
  extends Omit<ContractFormConfig<V, S>, "initial" | "onConflict"> {
  /** The version read when the form opened. */
  settings: T;
  /** The form's values of a version (numbers as text, see `numberOrNaN`). */
  valuesOf: (settings: T) => V;
  /** The latest version, after someone else saved first. */
  load: () => Promise<T>;
  /** Replaces the settings, guarded by the ETag of the version this form edits (undefined: none stored yet). */
  save: (input: z.output<S>, etag: T["etag"]) => Promise<T>;
  /** Called when the settings changed (saved here, or found changed by someone else). */
  onChanged?: () => void;
}

export function useSettingsForm<T extends { etag?: string | undefined }, V extends object, S extends z.ZodType>(config: SettingsFormConfig<T, V, S>) {
  const { settings, valuesOf, load, save, onChanged, ...contract } = config;
  const [current, setCurrent] = useState(settings);
  const [saved, setSaved] = useState(false);
  const form = useContractForm<V, S>({
    ...contract,
    initial: () => valuesOf(settings),
    onConflict: async ({ setValues }) => {
      const latest = await load();
      const base = valuesOf(current);
      setCurrent(latest);
      setValues((mine) => keepChanged(base, mine, valuesOf(latest)));
      onChanged?.();
    },
  });
  const set = (change: Partial<V>) => {
    setSaved(false);
    form.set(change);
  };
  const submit = async () => {
    let next: T | undefined;
    const ok = await form.submit(async (input) => (next = await save(input, current.etag)));
    if (ok && next) {
      setCurrent(next);
      form.setValues(valuesOf(next));
      setSaved(true);
      onChanged?.();
    }
  };
  return { ...form, set, submit, current, saved };
}

/** Every value this user changed from `base` stays as typed; every other one is taken from `theirs`. */
export function keepChanged<V extends object>(base: V, mine: V, theirs: V): V {
  const merged = { ...theirs };
  for (const key of Object.keys(theirs) as Array<keyof V>) if (mine[key] !== base[key]) merged[key] = mine[key];
  return merged;
}

/**
 * The bounds a contract's number schema sets (through `.default()` / `.optional()`), so a form says the API's own
 * range in words instead of writing it again; a bound the schema does not set is undefined.
 */
export function numberBounds(schema: z.ZodType): { min: number | undefined; max: number | undefined } {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodNumber)) return { min: undefined, max: undefined };
  return { min: inner.minValue ?? undefined, max: inner.maxValue ?? undefined };
}

/** A number typed as text; empty or not a number is NaN, which a schema refuses (an emptied field never takes a default). */
export const numberOrNaN = (text: string): number => (text.trim() === "" ? Number.NaN : Number(text));
