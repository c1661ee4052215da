/**
 * Local mode only (VITE_LOCAL_MODE=true): pick the demo user the tabs act as. The choice is the
 * `?as=` query parameter, so it survives reloads and can be shared. A production build leaves this
 * module out entirely (see App.tsx); `test/production-bundle.test.ts` checks that.
 */
import { Dropdown, Label, Option, makeStyles, tokens, useId } from "@fluentui/react-components";
import { roleLabels, type Me } from "@naravard/api/contracts";
import { useI18n } from "../i18n";
import { updateSearch } from "../router";

const strings = {
  sv: { label: "Demoanvändare (lokalt läge)" },
  en: { label: "Demo user (local mode)" },
} as const;

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  label: { whiteSpace: "nowrap", color: tokens.colorNeutralForeground2 },
  dropdown: { minWidth: "280px" },
});

export default function DemoUserSwitcher({ me, current }: { me: Me; current: string }) {
  const styles = useStyles();
  const labelId = useId("demo-user");
  const { locale } = useI18n();
  const users = me.demoUsers.length ? me.demoUsers : [{ email: me.email, displayName: me.displayName, roles: me.roles }];
  const selected = users.find((u) => u.email === current) ?? users.find((u) => u.email === me.email);
  const describe = (u: (typeof users)[number]) =>
    `${u.displayName} – ${u.roles.map((r) => roleLabels[r]?.[locale] ?? r).join(", ")}`;
  return (
    <div className={styles.root} data-testid="demo-user-switcher">
      <Label id={labelId} className={styles.label} size="small">
        {strings[locale].label}
      </Label>
      <Dropdown
          aria-labelledby={labelId}
          className={styles.dropdown}
          value={selected ? describe(selected) : current}
          selectedOptions={selected ? [selected.email] : []}
          onOptionSelect={(_, data) => {
            if (data.optionValue && data.optionValue !== current) updateSearch({ as: data.optionValue });
          }}
        >
          {users.map((u) => (
            <Option key={u.email} value={u.email} text={describe(u)}>
              {describe(u)}
            </Option>
          ))}
        </Dropdown>
    </div>
  );
}
