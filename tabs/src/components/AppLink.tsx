import type { ReactNode } from "react";
import { Link } from "@fluentui/react-components";
import { navigate, withStickyParams } from "../router";

/** A link inside the app: a real href (open in new tab works), navigating in place on a plain click. */
export function AppLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const href = withStickyParams(to);
  return (
    <Link
      className={className}
      href={href}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </Link>
  );
}
