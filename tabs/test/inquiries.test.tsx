import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { Inquiry } from "@naravard/api/contracts";
import { renderApp } from "./app";
import { me } from "./fixtures";

afterEach(() => {
  jest.restoreAllMocks();
});

const inquiry = (overrides: Partial<Inquiry>): Inquiry => ({
  id: "a1",
  messageId: "<a1@example.se>",
  from: "anna.berg@example.se",
  fromName: "Anna Berg",
  subject: "Fråga om anslutning",
  receivedAt: "2026-06-18T14:00:00.000Z",
  dueAt: "2026-06-20T02:00:00.000Z",
  status: "new",
  assignee: null,
  firstResponseAt: null,
  breachedAt: null,
  escalationId: null,
  excerpt: "Hej!",
  etag: 'W/"1"',
  ...overrides,
});

describe("the Ärenden tab", () => {
  it("shows an inquiry past its due time as breached (Försenad), with how late by the API's clock", async () => {
    const breached = inquiry({ id: "b2", subject: "Obesvarad fråga", status: "breached", breachedAt: "2026-06-20T02:00:00.000Z", escalationId: "esk-1" });
    const fresh = inquiry({ id: "c3", subject: "Ny fråga", receivedAt: "2026-06-20T02:00:00.000Z", dueAt: "2026-06-21T14:00:00.000Z" });
    // The dev clock moved 37 hours: the API's `now` is what time left is counted from, not the browser's clock.
    const now = "2026-06-20T03:00:00.000Z";
    renderApp(
      "/inquiries",
      {
        // `status=open`, one inquiry per page: the tab reads every page, then shows the earliest due first.
        "GET /api/inquiries": (url) => {
          expect(url.searchParams.get("status")).toBe("open");
          const at = Number(url.searchParams.get("continuationToken") ?? 0);
          const open = [fresh, breached];
          return { items: open.slice(at, at + 1), now, ...(at + 1 < open.length ? { continuationToken: String(at + 1) } : {}) };
        },
        "GET /api/inquiries/stats": () => ({ months: [] }),
      },
      { me: { ...me, permissions: [...me.permissions, "inquiries.read"] } },
    );
    const table = await screen.findByRole("table", { name: "Öppna ärenden, den som ska besvaras först överst" }, { timeout: 10_000 });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.getAttribute("data-inquiry-id"))).toEqual(["b2", "c3"]);
    expect(rows[0]!.textContent).toContain("Försenad");
    expect(rows[0]!.textContent).toContain("Försenat 1 h 0 min");
    expect(rows[1]!.textContent).toContain("35 h 0 min kvar");
    expect(screen.getByRole("link", { name: "Ärenden" })).toBeTruthy();
  });
});
