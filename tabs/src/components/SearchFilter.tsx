import { Dropdown, Field, Option } from "@fluentui/react-components";
import { updateSearch } from "../router";

interface SearchFilterProps {
  label: string;
  /** The address's search parameter the filter lives in, so a filtered view can be linked and survives a reload. */
  param: string;
  /** The parameter's current value (null: no filter). */
  value: string | null;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** The first option, which removes the filter. */
  allLabel: string;
  className?: string;
}

/** A list page's filter: a labelled dropdown whose choice is kept in the address. */
export function SearchFilter({ label, param, value, options, allLabel, className }: SearchFilterProps) {
  const current = options.find((o) => o.value === value);
  return (
    <Field label={label}>
      <Dropdown
        className={className}
        value={current?.label ?? allLabel}
        selectedOptions={[value ?? ""]}
        onOptionSelect={(_, d) => updateSearch({ [param]: d.optionValue || null })}
      >
        <Option value="">{allLabel}</Option>
        {options.map((o) => (
          <Option key={o.value} value={o.value}>
            {o.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
