import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { renderApp } from "./app";
import { project } from "./fixtures";

const all = [
  project({ id: "a", name: "Alfa", status: "pagaende" }),
  project({ id: "b", name: "Beta", status: "vilande", latestStatus: { colour: "rod", reportedAt: "2024-01-01T00:00:00Z" } }),
  project({ id: "c", name: "Gamma demens", status: "pagaende" }),
];

/** Answers like the API: filters by status and free text (case-insensitive), sorts by name in `dir`. */
const listRoute = {
  "GET /api/projects": (url: URL) => {
    const status = url.searchParams.get("status");
    const q = (url.searchParams.get("q") ?? "").toLowerCase();
    const items = all
      .filter((p) => (!status || p.status === status) && (!q || `${p.name} ${p.description}`.toLowerCase().includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name, "sv") * (url.searchParams.get("dir") === "desc" ? -1 : 1));
    return { items, continuationToken: null };
  },
};

/** The portfolio list's requests (the work queues read /api/projects too, without a sort). */
const listCalls = (calls: Array<{ url: URL }>) =>
  calls.filter((c) => c.url.pathname === "/api/projects" && c.url.searchParams.has("sort")).map((c) => Object.fromEntries(c.url.searchParams));

/** Generous: the first render loads the session and lazy chunks, and these machines are shared. */
const slow = { timeout: 10_000 };

const rows = () => within(screen.getByRole("table", { name: "Utvecklingsarbeten" })).getAllByRole("row").slice(1);

afterEach(() => {
  jest.restoreAllMocks();
});

describe("portfolio filters in the URL", () => {
  it("loads the filter from the URL, sends it to the API and shows it in the filter", async () => {
    const { calls } = renderApp("/portfolio?status=pagaende", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(2), slow);
    expect(calls.some((c) => c.url.pathname === "/api/projects" && c.url.searchParams.get("status") === "pagaende")).toBe(true);
    expect(screen.getByRole("combobox", { name: "Status" }).textContent).toContain("Pågående");
    expect(screen.getByText("2 utvecklingsarbeten visas")).toBeTruthy();
  });

  it("writes a chosen filter to the URL and steps back with the browser", async () => {
    renderApp("/portfolio?as=x%40y.se", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(3), slow);

    fireEvent.click(screen.getByRole("combobox", { name: "Status" }));
    fireEvent.click(await screen.findByRole("option", { name: "Vilande" }));
    await waitFor(() => expect(window.location.search).toContain("status=vilande"));
    expect(window.location.search).toContain("as=x%40y.se");
    await waitFor(() => expect(rows()).toHaveLength(1), slow);
    expect(rows()[0]!.textContent).toContain("Röd");

    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(window.location.search).not.toContain("status="));
    await waitFor(() => expect(rows()).toHaveLength(3), slow);
  });

  it("asks the API to search, once typing pauses, and keeps the text in the URL", async () => {
    const { calls } = renderApp("/portfolio?q=demens", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(1), slow);
    expect(listCalls(calls)[0]).toMatchObject({ q: "demens", sort: "name", dir: "asc" });
    expect(screen.getByRole<HTMLInputElement>("searchbox", { name: "Sök" }).value).toBe("demens");
    const box = screen.getByRole("searchbox", { name: "Sök" });
    for (const text of ["b", "be", "bet", "beta"]) fireEvent.change(box, { target: { value: text } });
    await waitFor(() => expect(window.location.search).toContain("q=beta"), { timeout: 3000 });
    await waitFor(() => expect(rows()[0]!.textContent).toContain("Beta"));
    // Debounced: one request for the whole word, none per keystroke.
    expect(listCalls(calls).map((c) => c.q)).toEqual(["demens", "beta"]);
  });

  it("asks the API to sort by a column header and keeps the order in the URL", async () => {
    const { calls } = renderApp("/portfolio", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(3), slow);
    expect(rows().map((r) => r.textContent?.slice(0, 4))).toEqual(["Alfa", "Beta", "Gamm"]);
    fireEvent.click(within(screen.getByRole("columnheader", { name: /Namn/ })).getByRole("button"));
    await waitFor(() => expect(window.location.search).toContain("ordning=fallande"));
    await waitFor(() => expect(rows().map((r) => r.textContent?.slice(0, 4))).toEqual(["Gamm", "Beta", "Alfa"]));
    expect(listCalls(calls).at(-1)).toMatchObject({ sort: "name", dir: "desc" });
  });

  it("shows the API's order as it is, without re-sorting the page", async () => {
    renderApp("/portfolio?sort=leader", {
      "GET /api/projects": () => ({ items: [all[2], all[0], all[1]], continuationToken: null }),
    });
    await waitFor(() => expect(rows()).toHaveLength(3), slow);
    expect(rows().map((r) => r.textContent?.slice(0, 4))).toEqual(["Gamm", "Alfa", "Beta"]);
  });

  it("pages through continuation tokens with 'Visa fler', keeping the search", async () => {
    const { calls } = renderApp("/portfolio?q=a", {
      "GET /api/projects": (url: URL) =>
        url.searchParams.get("continuationToken") === "next"
          ? { items: [all[2]], continuationToken: null }
          : { items: all.slice(0, 2), continuationToken: "next" },
    });
    await waitFor(() => expect(rows()).toHaveLength(2), slow);
    expect(screen.getByText("2 utvecklingsarbeten visas, fler finns")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Visa fler" }));
    await waitFor(() => expect(rows()).toHaveLength(3), slow);
    expect(screen.queryByRole("button", { name: "Visa fler" })).toBeNull();
    expect(listCalls(calls).at(-1)).toMatchObject({ q: "a", continuationToken: "next", pageSize: "25" });
  });

  it("shows an API error in a message bar, not a blank page", async () => {
    renderApp("/portfolio", {
      "GET /api/projects": () => new Response(JSON.stringify({ code: "internal", message: "Tabelltjänsten svarar inte", details: [] }), { status: 503 }),
    });
    await waitFor(() => expect(screen.getAllByRole("alert").map((a) => a.textContent).join(" ")).toContain("Tabelltjänsten svarar inte"));
    expect(screen.getAllByRole("button", { name: "Försök igen" }).length).toBeGreaterThan(0);
  });
});
