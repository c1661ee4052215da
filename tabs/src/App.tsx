import { Suspense, lazy, useEffect, useMemo, useState, type ReactNode } from "react";
import { FluentProvider, Link, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { makeApiClient } from "./api";
import { AppContext, buildLookups, type AppContextValue } from "./context";
import { ErrorBar, Loading } from "./components/feedback";
import { DEFAULT_DEMO_USER, LOCAL_MODE } from "./env";
import { I18nContext, createI18n, pickLocale, useI18n } from "./i18n";
import { navigate, useLocation, withStickyParams } from "./router";
import { detectHost, themeFromQuery, type Host, type ThemeName } from "./teams/host";
import { ThemeNameContext, fluentThemes } from "./theme";
import { useAsyncData } from "./useAsyncData";
import { PortfolioPage } from "./pages/portfolio/PortfolioPage";

// Pages other than the portfolio load on demand.
const DecisionsPage = lazy(() => import("./pages/decisions/DecisionsPage").then((m) => ({ default: m.DecisionsPage })));
const EscalationsPage = lazy(() => import("./pages/escalations/EscalationsPage").then((m) => ({ default: m.EscalationsPage })));
const RisksPage = lazy(() => import("./pages/risks/RisksPage").then((m) => ({ default: m.RisksPage })));
const FollowupPage = lazy(() => import("./pages/followup/FollowupPage").then((m) => ({ default: m.FollowupPage })));
const InquiriesPage = lazy(() => import("./pages/inquiries/InquiriesPage").then((m) => ({ default: m.InquiriesPage })));
const ConfigPage = lazy(() => import("./pages/ConfigPage").then((m) => ({ default: m.ConfigPage })));
const AccessibilityPage = lazy(() => import("./pages/accessibility/AccessibilityPage"));

export const ACCESSIBILITY_PATH = "/accessibility";
const isAccessibilityPath = (pathname: string) => pathname.replace(/\/+$/, "") === ACCESSIBILITY_PATH;

/**
 * The local-mode demo user switcher. The condition is written out so Vite replaces it at build
 * time: in a production build it is `false` and the switcher module is never bundled.
 */
const DemoUserSwitcher =
  import.meta.env.VITE_LOCAL_MODE === "true" ? lazy(() => import("./local/DemoUserSwitcher")) : null;

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  logo: { width: "24px", height: "24px", borderRadius: tokens.borderRadiusMedium },
  nav: { display: "flex", gap: tokens.spacingHorizontalXS },
  navLink: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: "none",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1, textDecorationLine: "none" },
  },
  navCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 0 -3px 0 ${tokens.colorCompoundBrandStroke}`,
  },
  spacer: { flexGrow: 1 },
  main: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalXXXL}` },
  mainInTeams: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXL}` },
  footer: {
    display: "flex",
    justifyContent: "center",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  footerLink: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
    ":hover": { color: tokens.colorBrandForegroundLinkHover },
  },
  skip: {
    position: "absolute",
    left: "-10000px",
    ":focus": { left: tokens.spacingHorizontalS, top: tokens.spacingVerticalS, zIndex: 1000, backgroundColor: tokens.colorNeutralBackground1, padding: tokens.spacingHorizontalS },
  },
});

/** Finds out where we run (Teams or a browser), then renders the app. */
export function Root() {
  const { data: host } = useAsyncData(() => detectHost(new URLSearchParams(window.location.search)), []);
  if (!host) {
    const params = new URLSearchParams(window.location.search);
    const i18n = createI18n(pickLocale(params.get("lang")));
    return (
      <FluentProvider theme={fluentThemes[themeFromQuery(params.get("theme"))]} style={{ minHeight: "100vh" }}>
        <Loading label={i18n.t("app.loading")} />
      </FluentProvider>
    );
  }
  return <App host={host} />;
}

export function App({ host }: { host: Host }) {
  const styles = useStyles();
  const location = useLocation();
  const [teamsTheme, setTeamsTheme] = useState<ThemeName>(host.theme);
  useEffect(() => {
    if (host.inTeams) host.onThemeChange(setTeamsTheme);
  }, [host]);

  const themeName = host.inTeams ? teamsTheme : themeFromQuery(location.search.get("theme"));
  const locale = host.inTeams ? host.locale : pickLocale(location.search.get("lang"));
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const devUser = LOCAL_MODE ? (location.search.get("as") ?? DEFAULT_DEMO_USER).toLowerCase() : null;
  const api = useMemo(() => makeApiClient({ host, locale, devUser }), [host, locale, devUser]);

  const onStatement = isAccessibilityPath(location.pathname);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = onStatement ? `${i18n.t("app.footer.accessibility")} – ${i18n.t("app.fullName")}` : i18n.t("app.fullName");
  }, [locale, i18n, onStatement]);

  const session = useAsyncData(async () => {
    const [me, reference] = await Promise.all([api.me(), api.reference()]);
    return { me, reference };
  }, [api]);

  // A new demo user or language is a new client: until its session is read, show nothing of the old one.
  const ready = session.status === "ready" ? session.data : undefined;
  const context = useMemo<AppContextValue | null>(() => {
    if (!ready) return null;
    const permissions = new Set(ready.me.permissions);
    return {
      host,
      api,
      me: ready.me,
      reference: ready.reference,
      lookups: buildLookups(ready.reference),
      can: (p) => permissions.has(p),
    };
  }, [ready, host, api]);

  let body: ReactNode;
  // The statement must open for everyone, even when the API does not answer or does not know the user.
  if (onStatement)
    body = (
      <Suspense fallback={<Loading label={i18n.t("app.loading")} />}>
        <AccessibilityPage />
      </Suspense>
    );
  else if (session.status === "error") body = <ErrorBar error={session.error} onRetry={session.reload} />;
  else if (!context) body = <Loading label={i18n.t("app.loading")} />;
  else body = <Routes pathname={location.pathname} />;

  return (
    <I18nContext.Provider value={i18n}>
      <ThemeNameContext.Provider value={themeName}>
      <FluentProvider theme={fluentThemes[themeName]} data-theme={themeName}>
        {/* Layout styles live on this div, not on FluentProvider: portals copy the provider's classes. */}
        <div className={styles.provider}>
        <AppContext.Provider value={context}>
          {!host.inTeams && (
            <header className={styles.header}>
              <a className={styles.skip} href="#main">
                {i18n.t("app.skipToContent")}
              </a>
              <div className={styles.brand}>
                <img className={styles.logo} src="/favicon.png" alt="" />
                <Text weight="semibold" size={400}>
                  {i18n.t("app.name")}
                </Text>
              </div>
              <nav aria-label={i18n.t("app.nav.label")} className={styles.nav}>
                <NavLink to="/portfolio" current={location.pathname}>
                  {i18n.t("app.nav.portfolio")}
                </NavLink>
                <NavLink to="/decisions" current={location.pathname}>
                  {i18n.t("app.nav.decisions")}
                </NavLink>
                <NavLink to="/escalations" current={location.pathname}>
                  {i18n.t("app.nav.escalations")}
                </NavLink>
                <NavLink to="/risks" current={location.pathname}>
                  {i18n.t("app.nav.risks")}
                </NavLink>
                <NavLink to="/followup" current={location.pathname}>
                  {i18n.t("app.nav.followup")}
                </NavLink>
                {context?.me.permissions.includes("inquiries.read") && (
                  <NavLink to="/inquiries" current={location.pathname}>
                    {i18n.t("app.nav.inquiries")}
                  </NavLink>
                )}
              </nav>
              <div className={styles.spacer} />
              {DemoUserSwitcher && context && (
                <Suspense fallback={null}>
                  <DemoUserSwitcher me={context.me} current={devUser ?? DEFAULT_DEMO_USER} />
                </Suspense>
              )}
              {context && !DemoUserSwitcher && <Text>{i18n.t("app.signedInAs", { name: context.me.displayName })}</Text>}
            </header>
          )}
          <main id="main" className={host.inTeams ? styles.mainInTeams : styles.main} tabIndex={-1}>
            {body}
          </main>
          <footer className={styles.footer} aria-label={i18n.t("app.footer.label")}>
            <NavLink to={ACCESSIBILITY_PATH} current={location.pathname} className={styles.footerLink}>
              {i18n.t("app.footer.accessibility")}
            </NavLink>
          </footer>
        </AppContext.Provider>
        </div>
      </FluentProvider>
      </ThemeNameContext.Provider>
    </I18nContext.Provider>
  );
}

function NavLink({ to, current, children, className }: { to: string; current: string; children: ReactNode; className?: string }) {
  const styles = useStyles();
  const active = current === to;
  return (
    <a
      href={withStickyParams(to)}
      className={className ?? mergeClasses(styles.navLink, active && styles.navCurrent)}
      aria-current={active ? "page" : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

function Routes({ pathname }: { pathname: string }) {
  const { t } = useI18n();
  useEffect(() => {
    if (pathname === "/" || pathname === "/index.html") navigate("/portfolio", { replace: true });
  }, [pathname]);
  switch (pathname.replace(/\/+$/, "") || "/") {
    case "/":
    case "/portfolio":
      return <PortfolioPage />;
    case "/decisions":
      return (
        <Suspense fallback={<Loading label={t("app.loading")} />}>
          <DecisionsPage />
        </Suspense>
      );
    case "/escalations":
      return (
        <Suspense fallback={<Loading label={t("app.loading")} />}>
          <EscalationsPage />
        </Suspense>
      );
    case "/risks":
      return (
        <Suspense fallback={<Loading label={t("app.loading")} />}>
          <RisksPage />
        </Suspense>
      );
    case "/followup":
      return (
        <Suspense fallback={<Loading label={t("app.loading")} />}>
          <FollowupPage />
        </Suspense>
      );
    case "/inquiries":
      return (
        <Suspense fallback={<Loading label={t("app.loading")} />}>
          <InquiriesPage />
        </Suspense>
      );
    case "/config":
      return (
        <Suspense fallback={<Loading label={t("app.loading")} />}>
          <ConfigPage />
        </Suspense>
      );
    default:
      return (
        <section>
          <h1>{t("app.notFound.title")}</h1>
          <p>
            <Link href={withStickyParams("/portfolio")}>{t("app.nav.portfolio")}</Link> ·{" "}
            <Link href={withStickyParams("/decisions")}>{t("app.nav.decisions")}</Link> ·{" "}
            <Link href={withStickyParams(ACCESSIBILITY_PATH)}>{t("app.footer.accessibility")}</Link>
          </p>
        </section>
      );
  }
}
