import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { InquirySettings, Me } from "@naravard/api/contracts";
import { renderApp } from "./app";
import { me } from "./fixtures";

afterEach(() => {
  jest.restoreAllMocks();
});

const reader: Me = { ...me, permissions: [...me.permissions, "inquiries.read"] };
const coordinator: Me = { ...reader, permissions: [...reader.permissions, "inquiries.assign", "inquiries.settings"] };
const saved: InquirySettings = {
  workingTime: { mode: "calendar", dayStart: "08:00", dayEnd: "17:00", timeZone: "Europe/Stockholm" },
  remindHoursBefore: 12,
  excerptRetentionDays: 90,
  etag: 'W/"1"',
};
const page = {
  "GET /api/inquiries": () => ({ items: [], now: "2026-12-01T09:00:00.000Z" }),
  "GET /api/inquiries/stats": () => ({ months: [] }),
};
const TITLE = "Regelns inställningar";
const SAVE = "Spara inställningarna";

function settingsForm() {
  return within(screen.getByRole("form", { name: TITLE }));
}

describe("the 36-hour rule's settings on the Ärenden tab", () => {
  it("are hidden from a reader who may not change them", async () => {
    const { calls } = renderApp("/inquiries", { ...page, "GET /api/inquiries/settings": () => saved }, { me: reader });
    await screen.findByRole("heading", { name: "Per månad" }, { timeout: 10_000 });
    await screen.findByText("Inga ärenden ännu.");
    expect(screen.queryByRole("heading", { name: TITLE })).toBeNull();
    expect(screen.queryByRole("form", { name: TITLE })).toBeNull();
    expect(calls.some((c) => c.url.pathname === "/api/inquiries/settings")).toBe(false);
  });

  it("switches to working hours with If-Match and the whole body; the API's rule shows at its field, and a number out of range never leaves", async () => {
    let stored = saved;
    const puts: Array<{ ifMatch: string | null; body: unknown }> = [];
    renderApp(
      "/inquiries",
      {
        ...page,
        "GET /api/inquiries/settings": () => stored,
        "PUT /api/inquiries/settings": (_url, init) => {
          const body = JSON.parse(init?.body as string) as InquirySettings;
          puts.push({ ifMatch: new Headers(init?.headers).get("If-Match"), body });
          if (body.excerptRetentionDays < 7) {
            return new Response(
              JSON.stringify({ code: "validation", message: "Ogiltiga uppgifter", details: [{ field: "excerptRetentionDays", message: "Utdragen behövs minst en vecka för eskaleringarna." }] }),
              { status: 400 },
            );
          }
          stored = { ...body, etag: 'W/"2"' };
          return stored;
        },
      },
      { me: coordinator },
    );
    await screen.findByRole("form", { name: TITLE }, { timeout: 10_000 });
    const form = settingsForm();
    expect(screen.getByText(/gäller ärenden som tas emot från och med nu/)).toBeTruthy();
    expect(form.queryByLabelText(/^Arbetsdagen börjar/)).toBeNull();

    fireEvent.click(form.getByRole("radio", { name: /^Arbetstimmar/ }));
    fireEvent.change(form.getByLabelText(/^Arbetsdagen börjar/), { target: { value: "07:30" } });
    fireEvent.change(form.getByLabelText(/^Arbetsdagen slutar/), { target: { value: "16:00" } });
    fireEvent.change(form.getByLabelText(/^Påminnelse/), { target: { value: "40" } });
    fireEvent.click(form.getByRole("button", { name: SAVE }));
    expect(await form.findAllByText("Ange ett heltal från 0 till 35.")).not.toHaveLength(0);
    expect(puts).toHaveLength(0);

    fireEvent.change(form.getByLabelText(/^Påminnelse/), { target: { value: "8" } });
    fireEvent.change(form.getByLabelText(/^Utdrag sparas/), { target: { value: "3" } });
    fireEvent.click(form.getByRole("button", { name: SAVE }));
    expect(await form.findAllByText("Utdragen behövs minst en vecka för eskaleringarna.")).not.toHaveLength(0);
    expect(form.getByLabelText(/^Utdrag sparas/).getAttribute("aria-invalid")).toBe("true");
    expect(puts[0]).toEqual({
      ifMatch: 'W/"1"',
      body: { workingTime: { mode: "working", dayStart: "07:30", dayEnd: "16:00", timeZone: "Europe/Stockholm" }, remindHoursBefore: 8, excerptRetentionDays: 3 },
    });

    fireEvent.change(form.getByLabelText(/^Utdrag sparas/), { target: { value: "30" } });
    fireEvent.click(form.getByRole("button", { name: SAVE }));
    await form.findByText("Sparat.");
    expect(puts[1]).toEqual({ ifMatch: 'W/"1"', body: { ...(puts[0]?.body as object), excerptRetentionDays: 30 } });
    expect(stored.etag).toBe('W/"2"');
  });

  it("creates the first version with If-None-Match: * while the API still gives the defaults", async () => {
    const headers: Array<{ ifMatch: string | null; ifNoneMatch: string | null }> = [];
    renderApp(
      "/inquiries",
      {
        ...page,
        "GET /api/inquiries/settings": () => ({ ...saved, etag: undefined }),
        "PUT /api/inquiries/settings": (_url, init) => {
          const h = new Headers(init?.headers);
          headers.push({ ifMatch: h.get("If-Match"), ifNoneMatch: h.get("If-None-Match") });
          return { ...(JSON.parse(init?.body as string) as InquirySettings), etag: 'W/"1"' };
        },
      },
      { me: coordinator },
    );
    await screen.findByRole("form", { name: TITLE }, { timeout: 10_000 });
    const form = settingsForm();
    fireEvent.change(form.getByLabelText(/^Påminnelse/), { target: { value: "6" } });
    fireEvent.click(form.getByRole("button", { name: SAVE }));
    await form.findByText("Sparat.");
    expect(headers).toEqual([{ ifMatch: null, ifNoneMatch: "*" }]);
  });

  it("when someone else saved first, keeps what this user changed, shows the rest as they left it, and saves with their version", async () => {
    let stored = saved;
    const sent: Array<{ ifMatch: string | null; body: InquirySettings }> = [];
    renderApp(
      "/inquiries",
      {
        ...page,
        "GET /api/inquiries/settings": () => stored,
        "PUT /api/inquiries/settings": (_url, init) => {
          const ifMatch = new Headers(init?.headers).get("If-Match");
          const body = JSON.parse(init?.body as string) as InquirySettings;
          sent.push({ ifMatch, body });
          if (ifMatch !== stored.etag) return new Response(JSON.stringify({ code: "precondition_failed", message: "Ändrat", details: [] }), { status: 412 });
          stored = { ...body, etag: 'W/"3"' };
          return stored;
        },
      },
      { me: coordinator },
    );
    await screen.findByRole("form", { name: TITLE }, { timeout: 10_000 });
    const form = settingsForm();
    // Another coordinator keeps excerpts longer meanwhile.
    stored = { ...saved, excerptRetentionDays: 180, etag: 'W/"2"' };
    fireEvent.click(form.getByRole("radio", { name: /^Arbetstimmar/ }));
    fireEvent.click(form.getByRole("button", { name: SAVE }));
    await form.findByTestId("stale-message", undefined, { timeout: 5000 });
    expect(form.getByRole<HTMLInputElement>("radio", { name: /^Arbetstimmar/ }).checked).toBe(true);
    expect(form.getByLabelText<HTMLInputElement>(/^Utdrag sparas/).value).toBe("180");

    fireEvent.click(form.getByRole("button", { name: SAVE }));
    await form.findByText("Sparat.");
    expect(sent.map((s) => s.ifMatch)).toEqual(['W/"1"', 'W/"2"']);
    expect(stored).toMatchObject({ workingTime: { mode: "working" }, excerptRetentionDays: 180, remindHoursBefore: 12 });
  });
});
