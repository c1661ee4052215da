import { Dropdown, Option } from "@fluentui/react-components";
import { FormField } from "../../forms/FormShell";
import { useRiskText } from "./riskText";

/** Probability or consequence on the program's scale (1…scale), or "not assessed" where the form allows it. */
export function ScoreDropdown<F extends string>(props: {
  name: F;
  label: string;
  errors: Partial<Record<F, string>>;
  value: string;
  scale: number;
  allowNone: boolean;
  onChange: (value: string) => void;
}) {
  const d = useRiskText().drawer;
  const options = Array.from({ length: props.scale }, (_, i) => String(i + 1));
  return (
    <FormField name={props.name} errors={props.errors} label={props.label}>
      <Dropdown value={props.value === "" ? d.notAssessed : props.value} selectedOptions={[props.value]} onOptionSelect={(_, o) => props.onChange(o.optionValue ?? "")}>
        {props.allowNone && <Option value="">{d.notAssessed}</Option>}
        {options.map((o) => (
          <Option key={o} value={o}>
            {o}
          </Option>
        ))}
      </Dropdown>
    </FormField>
  );
}
