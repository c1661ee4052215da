import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { renderApp } from "./app";
import { statements } from "../src/pages/accessibility/statement";

afterEach(() => {
  jest.restoreAllMocks();
});

describe("tillgänglighetsredogörelse", () => {
  it("is linked from the footer of every page and opens without a reload", async () => {
    renderApp("/portfolio?as=x%40y.se", { "GET /api/projects": () => ({ items: [], continuationToken: null }) });
    const link = await screen.findByRole("link", { name: "Tillgänglighetsredogörelse" });
    expect(link.closest("footer")).not.toBeNull();
    fireEvent.click(link);
    await waitFor(() => expect(window.location.pathname).toBe("/accessibility"));
    expect(window.location.search).toContain("as=x%40y.se");
    await screen.findByRole("heading", { level: 1, name: "Tillgänglighetsredogörelse" }, { timeout: 10_000 });
    expect(document.title).toBe("Tillgänglighetsredogörelse – Nära vård i Teams");
  });

  it("follows DIGG's model: partial conformance with WCAG 2.1 AA, the known gaps, the mailbox and DIGG's complaint route — even when the API is down", async () => {
    renderApp("/accessibility", {
      "GET /api/me": () => new Response(JSON.stringify({ code: "internal", message: "nere", details: [] }), { status: 503 }),
    });
    const statement = await screen.findByTestId("accessibility-statement", undefined, { timeout: 10_000 });
    expect(screen.getByTestId("conformance").textContent).toContain("delvis förenlig med lagen om tillgänglighet till digital offentlig service");
    expect(screen.getByTestId("conformance").textContent).toContain("WCAG) 2.1");
    const gaps = screen.getByTestId("known-gaps").querySelectorAll(":scope > li");
    expect(gaps.length).toBe(statements.sv.knownGaps.items.length);
    expect(gaps.length).toBeGreaterThan(0);
    const mail = screen.getAllByRole("link", { name: "naravard@rvn.se" });
    expect(mail[0]!.getAttribute("href")).toBe("mailto:naravard@rvn.se");
    expect(screen.getByRole("link", { name: /Anmäl till Digg/ }).getAttribute("href")).toBe("https://www.digg.se/tdosanmalan");
    for (const heading of ["Hur tillgänglig är tjänsten?", "Rapportera brister i tjänstens tillgänglighet", "Tillsyn", "Teknisk information om tjänstens tillgänglighet", "Innehåll som inte är tillgängligt", "Hur vi testat tjänsten"]) {
      expect(screen.getByRole("heading", { name: heading })).toBeTruthy();
    }
    expect(statement.textContent).toContain("Senaste bedömningen gjordes");
  });

  it("is in English with ?lang=en", async () => {
    renderApp("/accessibility?lang=en", {});
    await screen.findByRole("heading", { level: 1, name: "Accessibility statement" }, { timeout: 10_000 });
    expect(screen.getByTestId("conformance").textContent).toContain("partially compliant");
  });
});
