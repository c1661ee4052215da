import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { renderApp } from "./app";
import { project } from "./fixtures";

const all = [
  project({ id: "a", name: "Alfa", status: "pagaende" }),
  project({ id: "b", name: "Beta", status: "vilande", latestStatus: { colour: "rod", reportedAt: "2024-01-01T00:00:00Z" } }),
  project({ id: "c", name: "Gamma demens", status: "pagaende" }),
];

const listRoute = {
  "GET /api/projects": (url: URL) => {
    const status = url.searchParams.get("status");
    return { items: all.filter((p) => !status || p.status === status), continuationToken: null };
  },
};

const rows = () => within(screen.getByRole("table", { name: "Utvecklingsarbeten" })).getAllByRole("row").slice(1);

afterEach(() => {
  jest.restoreAllMocks();
});

describe("portfolio filters in the URL", () => {
  it("loads the filter from the URL, sends it to the API and shows it in the filter", async () => {
    const { calls } = renderApp("/portfolio?status=pagaende", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(calls.some((c) => c.url.pathname === "/api/projects" && c.url.searchParams.get("status") === "pagaende")).toBe(true);
    expect(screen.getByRole("combobox", { name: "Status" }).textContent).toContain("Pågående");
    expect(screen.getByText("2 utvecklingsarbeten visas")).toBeTruthy();
  });

  it("writes a chosen filter to the URL and steps back with the browser", async () => {
    renderApp("/portfolio?as=x%40y.se", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(3));

    fireEvent.click(screen.getByRole("combobox", { name: "Status" }));
    fireEvent.click(await screen.findByRole("option", { name: "Vilande" }));
    await waitFor(() => expect(window.location.search).toContain("status=vilande"));
    expect(window.location.search).toContain("as=x%40y.se");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain("Röd");

    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(window.location.search).not.toContain("status="));
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it("searches in the loaded efforts and keeps the text in the URL", async () => {
    renderApp("/portfolio?q=demens", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByRole<HTMLInputElement>("searchbox", { name: "Sök" }).value).toBe("demens");
    fireEvent.change(screen.getByRole("searchbox", { name: "Sök" }), { target: { value: "beta" } });
    await waitFor(() => expect(window.location.search).toContain("q=beta"), { timeout: 3000 });
    await waitFor(() => expect(rows()[0]!.textContent).toContain("Beta"));
  });

  it("sorts by a column header and keeps the order in the URL", async () => {
    renderApp("/portfolio", listRoute);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((r) => r.textContent?.slice(0, 4))).toEqual(["Alfa", "Beta", "Gamm"]);
    fireEvent.click(within(screen.getByRole("columnheader", { name: /Namn/ })).getByRole("button"));
    await waitFor(() => expect(window.location.search).toContain("ordning=fallande"));
    await waitFor(() => expect(rows().map((r) => r.textContent?.slice(0, 4))).toEqual(["Gamm", "Beta", "Alfa"]));
  });

  it("pages through continuation tokens with 'Visa fler'", async () => {
    renderApp("/portfolio", {
      "GET /api/projects": (url: URL) =>
        url.searchParams.get("continuationToken") === "next"
          ? { items: [all[2]], continuationToken: null }
          : { items: all.slice(0, 2), continuationToken: "next" },
    });
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByText("2 utvecklingsarbeten visas, fler finns")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Visa fler" }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByRole("button", { name: "Visa fler" })).toBeNull();
  });

  it("shows an API error in a message bar, not a blank page", async () => {
    renderApp("/portfolio", {
      "GET /api/projects": () => new Response(JSON.stringify({ code: "internal", message: "Tabelltjänsten svarar inte", details: [] }), { status: 503 }),
    });
    await waitFor(() => expect(screen.getAllByRole("alert").map((a) => a.textContent).join(" ")).toContain("Tabelltjänsten svarar inte"));
    expect(screen.getAllByRole("button", { name: "Försök igen" }).length).toBeGreaterThan(0);
  });
});
