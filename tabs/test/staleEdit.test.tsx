import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { renderApp } from "./app";
import { detail } from "./fixtures";

afterEach(() => {
  jest.restoreAllMocks();
});

describe("editing an effort that someone else changed meanwhile", () => {
  it("shows the message and the latest version, keeps the typed text, and saves with the new ETag", async () => {
    let version = detail({ etag: "v1" });
    const patches: Array<{ etag: string | null; body: unknown }> = [];
    const { calls } = renderApp("/portfolio?effort=barn-och-unga-i-ange&atgard=redigera", {
      "GET /api/projects": () => ({ items: [version], continuationToken: null }),
      "GET /api/projects/barn-och-unga-i-ange": () => version,
      "PATCH /api/projects/barn-och-unga-i-ange": (_url, init) => {
        const etag = new Headers(init?.headers).get("If-Match");
        const body = JSON.parse(init?.body as string) as Record<string, unknown>;
        patches.push({ etag, body });
        if (etag !== version.etag) {
          return new Response(JSON.stringify({ code: "precondition_failed", message: "Ändrat av någon annan", details: [] }), { status: 412 });
        }
        version = { ...version, ...body, etag: `v${patches.length + 1}` };
        return version;
      },
    });

    // The panel and the edit form are lazy-loaded chunks.
    await screen.findByRole("dialog", { name: "Barn och unga i Ånge" }, { timeout: 10_000 });
    // Fluent's focus manager (tabster) toggles aria-hidden as focus moves in jsdom, so the
    // queries include hidden elements; the real-browser e2e test covers what is exposed.
    const panel = () => within(document.querySelector<HTMLElement>('[role="dialog"][aria-labelledby="effort-drawer-title"]')!);
    await panel().findByLabelText(/^Beskriv projektidén/, undefined, { timeout: 10_000 });
    const description = () => panel().getByLabelText<HTMLTextAreaElement>(/^Beskriv projektidén/);
    fireEvent.change(description(), { target: { value: "Min text som inte får försvinna" } });

    // Someone else saves first: the stored version moves on.
    version = { ...version, partnersText: "Ändrat av någon annan", etag: "v2" };

    fireEvent.click(panel().getByRole("button", { name: "Spara ändringar", hidden: true }));
    const message = await panel().findByTestId("stale-message", undefined, { timeout: 5000 });
    expect(message.textContent).toContain(
      "Någon annan har ändrat utvecklingsarbetet medan du skrev. Här är den senaste versionen – dina ändringar finns kvar i formuläret.",
    );
    expect(message.textContent).toContain("Ändrat av någon annan");
    expect(patches[0]).toMatchObject({ etag: "v1", body: { description: "Min text som inte får försvinna" } });
    expect(description().value).toBe("Min text som inte får försvinna");
    expect(panel().getByLabelText<HTMLInputElement>(/^Övriga parter/).value).toBe("Ändrat av någon annan");

    fireEvent.click(panel().getByRole("button", { name: "Spara ändringar", hidden: true }));
    await panel().findByText("Ändringarna är sparade.", undefined, { timeout: 5000 });
    expect(patches[1]).toEqual({ etag: "v2", body: { description: "Min text som inte får försvinna" } });
    expect(version.description).toBe("Min text som inte får försvinna");
    expect(version.partnersText).toBe("Ändrat av någon annan");
    expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(2);
  });
});
