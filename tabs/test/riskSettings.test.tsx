import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { Risk, RiskSettings } from "@naravard/api/contracts";
import { renderApp } from "./app";
import { me, riskDetail } from "./fixtures";

afterEach(() => {
  jest.restoreAllMocks();
});

const reader = { ...me, permissions: [...me.permissions, "risks.read" as const] };
const office = { ...me, permissions: [...me.permissions, "risks.read" as const, "risks.manage" as const] };
const defaults: RiskSettings = { scale: 4, mediumFrom: 4, highFrom: 9, reviewIntervalMonths: 1, etag: "defaults" };

/** An assessed high risk (3 × 3 on the 4×4 scale). */
const risk = (overrides: Partial<Risk> = {}): Risk => riskDetail({ consequence: 3, value: 9, example: false, escalation: { offered: false }, ...overrides });

const settingsForm = () => within(screen.getByRole("form", { name: "Riskskalans inställningar" }));
const save = () => fireEvent.click(settingsForm().getByRole("button", { name: "Spara inställningarna" }));

describe("the risk scale settings on the Risklista tab", () => {
  it("are not shown to a reader who may not change them", async () => {
    renderApp("/risks", { "GET /api/risks": () => ({ items: [risk()], continuationToken: null }), "GET /api/risks/settings": () => defaults }, { me: reader });
    await screen.findByRole("heading", { name: "Riskmatris" }, { timeout: 10_000 });
    expect(screen.queryByRole("heading", { name: "Riskskalans inställningar" })).toBeNull();
    expect(screen.queryByRole("form", { name: "Riskskalans inställningar" })).toBeNull();
  });

  it("saves a new scale with If-Match after warning it marks risks for reassessment; the API's rule shows at its field, a number out of range never leaves, and the heat map follows", async () => {
    let stored = defaults;
    let assessed = risk();
    const puts: Array<{ etag: string | null; body: unknown }> = [];
    renderApp(
      "/risks",
      {
        "GET /api/risks": () => ({ items: [assessed], continuationToken: null }),
        "GET /api/risks/settings": () => stored,
        "PUT /api/risks/settings": (_url, init) => {
          const body = JSON.parse(init?.body as string) as RiskSettings;
          puts.push({ etag: new Headers(init?.headers).get("If-Match"), body });
          if (body.highFrom > body.scale * body.scale) {
            const details = [{ field: "highFrom", message: `Gränsen för hög får vara högst ${body.scale * body.scale} på skalan ${body.scale}×${body.scale}.` }];
            return new Response(JSON.stringify({ code: "validation_failed", message: "Ogiltiga uppgifter", details }), { status: 400 });
          }
          stored = { ...body, etag: "v2", updatedBy: "programledare@naravard.test", updatedAt: "2026-12-01T09:00:00.000Z" };
          assessed = risk({ needsReassessment: body.scale !== 4 });
          return stored;
        },
      },
      { me: office },
    );
    await screen.findByRole("form", { name: "Riskskalans inställningar" }, { timeout: 10_000 });
    const form = settingsForm();
    expect(screen.getAllByRole("columnheader", { name: /^Konsekvens \d$/ })).toHaveLength(4);
    expect(form.queryByTestId("scale-change")).toBeNull();

    // Out of range: the schema refuses it at the field, nothing is sent.
    fireEvent.change(form.getByLabelText(/^Granskningsintervall/), { target: { value: "13" } });
    save();
    expect(await form.findAllByText("Ange ett heltal från 1 till 12.")).not.toHaveLength(0);
    fireEvent.change(form.getByLabelText(/^Granskningsintervall/), { target: { value: "" } });
    save();
    expect(await form.findAllByText("Ange ett heltal från 1 till 12.")).not.toHaveLength(0);
    expect(puts).toHaveLength(0);

    // Changing the scale says before saving what happens to the assessed risks.
    fireEvent.click(form.getByRole("radio", { name: "5×5" }));
    const warning = await form.findByTestId("scale-change");
    expect(warning.textContent).toContain("Du byter skala från 4×4 till 5×5");
    expect(warning.textContent).toContain("Inga värden räknas om");
    expect(warning.textContent).toContain("(i dag 1 risk)");

    fireEvent.change(form.getByLabelText(/^Granskningsintervall/), { target: { value: "3" } });
    fireEvent.change(form.getByLabelText(/^Hög från/), { target: { value: "30" } });
    save();
    expect(await form.findAllByText("Gränsen för hög får vara högst 25 på skalan 5×5.")).not.toHaveLength(0);
    expect(form.getByLabelText(/^Hög från/).getAttribute("aria-invalid")).toBe("true");
    expect(puts).toEqual([{ etag: "defaults", body: { scale: 5, mediumFrom: 4, highFrom: 30, reviewIntervalMonths: 3 } }]);

    fireEvent.change(form.getByLabelText(/^Hög från/), { target: { value: "15" } });
    save();
    await form.findByText(/^Sparat .* av programledare@naravard\.test\.$/);
    expect(puts[1]).toEqual({ etag: "defaults", body: { scale: 5, mediumFrom: 4, highFrom: 15, reviewIntervalMonths: 3 } });
    expect(form.queryByTestId("scale-change")).toBeNull();
    // The page read again: a 5×5 matrix, and the risk marked for reassessment.
    await waitFor(() => expect(screen.getAllByRole("columnheader", { name: /^Konsekvens \d$/ })).toHaveLength(5));
    expect(within(screen.getByTestId("risk-list")).getByText("Omvärderas")).toBeTruthy();
    expect(screen.getByText("Skala 5×5: låg 1–3, medel 4–14, hög 15–25.")).toBeTruthy();
  });

  it("when someone else saved first, keeps what this user changed, shows the rest as they left it, and saves with their version", async () => {
    let stored = defaults;
    const sent: Array<{ etag: string | null; body: unknown }> = [];
    renderApp(
      "/risks",
      {
        "GET /api/risks": () => ({ items: [risk()], continuationToken: null }),
        "GET /api/risks/settings": () => stored,
        "PUT /api/risks/settings": (_url, init) => {
          const etag = new Headers(init?.headers).get("If-Match");
          const body = JSON.parse(init?.body as string) as RiskSettings;
          sent.push({ etag, body });
          if (etag !== stored.etag) return new Response(JSON.stringify({ code: "precondition_failed", message: "Ändrat", details: [] }), { status: 412 });
          stored = { ...body, etag: "v3" };
          return stored;
        },
      },
      { me: office },
    );
    await screen.findByRole("form", { name: "Riskskalans inställningar" }, { timeout: 10_000 });
    const form = settingsForm();
    // Another program office member makes reviews quarterly meanwhile.
    stored = { ...defaults, reviewIntervalMonths: 3, etag: "v2" };
    fireEvent.change(form.getByLabelText(/^Medel från/), { target: { value: "5" } });
    save();
    await form.findByTestId("stale-message", undefined, { timeout: 5000 });
    expect(form.getByLabelText<HTMLInputElement>(/^Medel från/).value).toBe("5");
    expect(form.getByLabelText<HTMLInputElement>(/^Granskningsintervall/).value).toBe("3");

    save();
    await form.findByText(/^Sparat/);
    expect(sent.map((s) => s.etag)).toEqual(["defaults", "v2"]);
    expect(sent[1]?.body).toEqual({ scale: 4, mediumFrom: 5, highFrom: 9, reviewIntervalMonths: 3 });
  });
});
