import { Badge } from "@fluentui/react-components";
import { riskLabels, type RiskLevel } from "@naravard/api/contracts";
import { useI18n } from "../../i18n";
import { useRiskText } from "./riskText";

/** A risk's level as a badge (colour and word, never colour alone). */
export function LevelBadge({ level }: { level: RiskLevel | null }) {
  const { locale } = useI18n();
  const x = useRiskText();
  if (level === null) return <Badge appearance="outline" color="informative">{x.unassessed}</Badge>;
  const color = level === "high" ? "danger" : level === "medium" ? "warning" : "success";
  return (
    <Badge appearance="tint" color={color}>
      {riskLabels.level[level][locale]}
    </Badge>
  );
}

