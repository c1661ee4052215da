import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { Me, SurveySettings } from "@naravard/api/contracts";
import { renderApp } from "./app";
import { me } from "./fixtures";

afterEach(() => {
  jest.restoreAllMocks();
});

const office: Me = { ...me, permissions: [...me.permissions, "surveys.read", "surveys.manage"] };
const defaults: SurveySettings = {
  statusRequests: { enabled: true },
  effectFollowUp: { enabled: false, month: 3, day: 1, openDays: 21, reminderDaysBeforeDeadline: 5 },
  etag: "defaults",
};
const emptyPage = () => ({ items: [], continuationToken: null });
const summary = () => new Response(JSON.stringify({ code: "not_found", message: "–", details: [] }), { status: 404 });

type Init = Parameters<typeof fetch>[1];
/** The follow-up page's routes, with the settings read from `stored()` and written by `put`. */
const pageWith = (stored: () => SurveySettings, put: (init: Init) => SurveySettings | Response) => ({
  "GET /api/surveys": emptyPage,
  "GET /api/surveys/summary": summary,
  "GET /api/surveys/settings": stored,
  "PUT /api/surveys/settings": (_url: URL, init: Init) => put(init),
});

function settingsForm() {
  return within(screen.getByRole("form", { name: "Återkommande enkäter" }));
}

describe("the recurring surveys' settings on the Uppföljning tab", () => {
  it("are for the program office only", async () => {
    renderApp("/followup", { "GET /api/surveys": emptyPage, "GET /api/surveys/summary": summary }, { me: { ...me, permissions: [...me.permissions, "surveys.read"] } satisfies Me });
    await screen.findByRole("heading", { name: "Enkätomgångar" }, { timeout: 10_000 });
    await screen.findByRole("heading", { name: "Sammanställning per period" });
    expect(screen.queryByRole("heading", { name: "Återkommande enkäter" })).toBeNull();
  });

  it("turns on the yearly effect follow-up with If-Match; the API's day rule shows at the day, and a number out of range never leaves", async () => {
    let stored = defaults;
    const puts: Array<{ etag: string | null; body: Record<string, unknown> }> = [];
    renderApp(
      "/followup",
      pageWith(
        () => stored,
        (init) => {
          const body = JSON.parse(init?.body as string) as SurveySettings;
          puts.push({ etag: new Headers(init?.headers).get("If-Match"), body });
          if (body.effectFollowUp.month === 2 && body.effectFollowUp.day > 28) {
            return new Response(
              JSON.stringify({ code: "validation", message: "Ogiltiga uppgifter", details: [{ field: "effectFollowUp.day", message: "Dagen finns inte varje år i februari: ange högst 28." }] }),
              { status: 400 },
            );
          }
          stored = { ...body, etag: "v2", updatedBy: "programledare@naravard.test", updatedAt: "2026-12-01T09:00:00.000Z" };
          return stored;
        },
      ),
      { me: office },
    );
    await screen.findByRole("form", { name: "Återkommande enkäter" }, { timeout: 10_000 });
    const form = settingsForm();
    const day = () => form.getByLabelText<HTMLInputElement>(/^Dag/);
    expect(day().disabled).toBe(true);

    fireEvent.click(form.getByRole("switch", { name: /Årlig effektuppföljning/ }));
    expect(day().disabled).toBe(false);
    fireEvent.change(form.getByLabelText(/^Svarstid/), { target: { value: "120" } });
    fireEvent.click(form.getByRole("button", { name: "Spara inställningarna" }));
    expect(await form.findAllByText("Ange ett heltal från 2 till 90.")).not.toHaveLength(0);
    expect(puts).toHaveLength(0);

    fireEvent.change(form.getByLabelText(/^Svarstid/), { target: { value: "30" } });
    fireEvent.click(form.getByRole("combobox", { name: /Öppnar i månad/ }));
    fireEvent.click(await screen.findByRole("option", { name: "februari" }));
    fireEvent.change(day(), { target: { value: "30" } });
    fireEvent.click(form.getByRole("button", { name: "Spara inställningarna" }));
    expect(await form.findAllByText("Dagen finns inte varje år i februari: ange högst 28.")).not.toHaveLength(0);
    expect(puts[0]).toEqual({
      etag: "defaults",
      body: { statusRequests: { enabled: true }, effectFollowUp: { enabled: true, month: 2, day: 30, openDays: 30, reminderDaysBeforeDeadline: 5 } },
    });

    fireEvent.change(day(), { target: { value: "15" } });
    fireEvent.click(form.getByRole("button", { name: "Spara inställningarna" }));
    await form.findByText(/^Sparat .* av programledare@naravard\.test\.$/);
    expect(puts[1]?.body).toMatchObject({ effectFollowUp: { enabled: true, month: 2, day: 15, openDays: 30 } });
    expect(stored.etag).toBe("v2");
  });

  it("when someone else saved first, keeps what this user changed, shows the rest as they left it, and saves with their version", async () => {
    let stored = defaults;
    const etags: Array<string | null> = [];
    renderApp(
      "/followup",
      pageWith(
        () => stored,
        (init) => {
          const etag = new Headers(init?.headers).get("If-Match");
          etags.push(etag);
          if (etag !== stored.etag) return new Response(JSON.stringify({ code: "precondition_failed", message: "Ändrat", details: [] }), { status: 412 });
          stored = { ...(JSON.parse(init?.body as string) as SurveySettings), etag: "v3" };
          return stored;
        },
      ),
      { me: office },
    );
    await screen.findByRole("form", { name: "Återkommande enkäter" }, { timeout: 10_000 });
    const form = settingsForm();
    // Another program office member turns the status requests off meanwhile.
    stored = { ...defaults, statusRequests: { enabled: false }, etag: "v2" };
    fireEvent.click(form.getByRole("switch", { name: /Årlig effektuppföljning/ }));
    fireEvent.click(form.getByRole("button", { name: "Spara inställningarna" }));
    await form.findByTestId("stale-message", undefined, { timeout: 5000 });
    expect(form.getByRole<HTMLInputElement>("switch", { name: /Statusbegäran/ }).checked).toBe(false);
    expect(form.getByRole<HTMLInputElement>("switch", { name: /Årlig effektuppföljning/ }).checked).toBe(true);

    fireEvent.click(form.getByRole("button", { name: "Spara inställningarna" }));
    await form.findByText(/^Sparat/);
    expect(etags).toEqual(["defaults", "v2"]);
    expect(stored).toMatchObject({ statusRequests: { enabled: false }, effectFollowUp: { enabled: true } });
  });
});
