import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { Risk } from "@naravard/api/contracts";
import { renderApp } from "./app";
import { riskDetail as risk } from "./fixtures";

afterEach(() => {
  jest.restoreAllMocks();
});


const low: Risk = { ...risk({ id: "pp10-6", title: "Otydlig ansvarsfördelning mellan program och verksamhet", probability: 2, consequence: 2, value: 4, level: "medium" }) };
const settings = { scale: 4, mediumFrom: 4, highFrom: 9, reviewIntervalMonths: 1, etag: "defaults" };

describe("Risklista", () => {
  it("a heat-map cell filters the list to its risks", async () => {
    renderApp("/risks", {
      "GET /api/risks": () => ({ items: [risk(), low], continuationToken: null }),
      "GET /api/risks/settings": () => settings,
    });
    const cell = await screen.findByRole("button", { name: /1 risk med sannolikhet 2 och konsekvens 2$/ }, { timeout: 10_000 });
    expect(screen.getAllByRole("row").filter((r) => r.getAttribute("data-risk-id"))).toHaveLength(2);
    fireEvent.click(cell);
    await waitFor(() => expect(screen.getAllByRole("row").filter((r) => r.getAttribute("data-risk-id")).map((r) => r.getAttribute("data-risk-id"))).toEqual(["pp10-6"]));
    expect(window.location.search).toContain("cell=2-2");
  });

  it("a stale review (412) shows the latest version, keeps the note and saves again with the new ETag", async () => {
    let version = risk({ etag: "v1" });
    const sent: Array<{ etag: string | null; body: unknown }> = [];
    renderApp("/risks?risk=pp10-3", {
      "GET /api/risks": () => ({ items: [version], continuationToken: null }),
      "GET /api/risks/settings": () => settings,
      "GET /api/risks/pp10-3": () => version,
      "POST /api/risks/pp10-3/review": (_url, init) => {
        const etag = new Headers(init?.headers).get("If-Match");
        sent.push({ etag, body: JSON.parse(init?.body as string) as unknown });
        if (etag !== version.etag) return new Response(JSON.stringify({ code: "precondition_failed", message: "Ändrat", details: [] }), { status: 412 });
        version = { ...version, nextReviewDate: "2026-12-30", etag: "v3" };
        return version;
      },
    });
    const dialog = () => within(document.querySelector<HTMLElement>('[role="dialog"]')!);
    await screen.findByRole("dialog", {}, { timeout: 10_000 });
    fireEvent.click(await dialog().findByRole("button", { name: "Granska", hidden: true }));
    fireEvent.change(dialog().getByLabelText("Anteckning"), { target: { value: "Min anteckning" } });
    version = { ...version, etag: "v2" };
    fireEvent.click(dialog().getByRole("button", { name: "Spara", hidden: true }));
    await dialog().findByTestId("stale-notice", undefined, { timeout: 5000 });
    expect(dialog().getByLabelText<HTMLTextAreaElement>("Anteckning").value).toBe("Min anteckning");
    fireEvent.click(dialog().getByRole("button", { name: "Spara", hidden: true }));
    await dialog().findByText(/Granskningen är sparad/, undefined, { timeout: 5000 });
    expect(sent.map((s) => s.etag)).toEqual(["v1", "v2"]);
    expect(sent[1]?.body).toEqual({ outcome: "unchanged", note: "Min anteckning" });
  });

  it("the API's 400 on an edit shows at the field it names and in the summary, and nothing else changes", async () => {
    const patches: unknown[] = [];
    renderApp("/risks?risk=pp10-3", {
      "GET /api/risks": () => ({ items: [risk()], continuationToken: null }),
      "GET /api/risks/settings": () => settings,
      "GET /api/risks/pp10-3": () => risk(),
      "PATCH /api/risks/pp10-3": (_url, init) => {
        patches.push(JSON.parse(init?.body as string) as unknown);
        const details = [{ field: "owner", message: "Ägaren måste vara med i programmet." }];
        return new Response(JSON.stringify({ code: "validation_failed", message: "Ogiltig", details }), { status: 400 });
      },
    });
    const dialog = () => within(document.querySelector<HTMLElement>('[role="dialog"]')!);
    await screen.findByRole("dialog", {}, { timeout: 10_000 });
    fireEvent.click(await dialog().findByRole("button", { name: "Redigera", hidden: true }));
    fireEvent.change(dialog().getByLabelText("Ägare (e-post)"), { target: { value: "okand@naravard.test" } });
    fireEvent.click(dialog().getByRole("button", { name: "Spara", hidden: true }));
    const summary = await dialog().findByTestId("form-errors", undefined, { timeout: 5000 });
    expect(summary.textContent).toContain("Ägaren måste vara med i programmet.");
    expect(dialog().getByLabelText("Ägare (e-post)").getAttribute("aria-invalid")).toBe("true");
    // Only what the user changed was sent.
    expect(patches).toEqual([{ owner: "okand@naravard.test" }]);
  });
});
