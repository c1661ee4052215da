import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { Escalation } from "@naravard/api/contracts";
import { renderApp } from "./app";

afterEach(() => {
  jest.restoreAllMocks();
});

const decided: Escalation = {
  id: "esk-demo-lokal",
  title: "Delad lokal för utrustningen",
  description: "Vem står för lokalen?",
  urgency: "normal",
  status: "decided",
  level: "programledare",
  holder: "programledare@naravard.test",
  holders: [{ email: "programledare@naravard.test", displayName: "Maria Lindqvist" }],
  levelSince: "2026-10-05T07:45:00.000Z",
  source: { kind: "manual", id: "esk-demo-lokal" },
  projectId: "sip-pa-distans",
  projectName: "SIP på distans",
  raisedBy: "forandringsledare1@naravard.test",
  raisedAt: "2026-10-05T07:45:00.000Z",
  decisionId: "beslut-1",
  decision: { text: "Regionen står för lokalen.", rationale: "Ledig lokal finns.", bodyId: "programledningsgrupp", bodyName: "Programledningsgrupp", date: "2026-10-07", decidedBy: "programledare@naravard.test" },
  timeline: [
    { at: "2026-10-05T07:45:00.000Z", by: "forandringsledare1@naravard.test", byName: "Sara Holmgren", what: "raised", level: "programledare", text: "Vem står för lokalen?" },
    { at: "2026-10-07T13:00:00.000Z", by: "programledare@naravard.test", byName: "Maria Lindqvist", what: "decided", level: "programledare", text: "Regionen står för lokalen." },
  ],
  allowedActions: [],
  etag: "v1",
};

describe("the Escalations tab", () => {
  it("lists with the filters in the URL sent to the API, and opens one with its timeline and links", async () => {
    const { calls } = renderApp("/escalations?status=decided&mina=1", {
      "GET /api/escalations": () => ({ items: [decided], continuationToken: null }),
      "GET /api/escalations/esk-demo-lokal": () => decided,
    });
    const table = await screen.findByRole("table", { name: "Eskaleringar" }, { timeout: 10_000 });
    const list = calls.find((c) => c.url.pathname === "/api/escalations");
    expect(Object.fromEntries(list!.url.searchParams)).toMatchObject({ status: "decided", holder: "me" });
    fireEvent.click(within(table).getByRole("button", { name: "Visa Delad lokal för utrustningen" }));
    const detail = await screen.findByTestId("escalation-detail", undefined, { timeout: 10_000 });
    expect(window.location.search).toContain("escalation=esk-demo-lokal");
    expect(detail.textContent).toContain("Sara Holmgren eskalerade");
    expect(detail.textContent).toContain("Maria Lindqvist beslutade");
    expect(detail.textContent).toContain("Programledningsgrupp");
    expect(within(detail).getByRole("link", { name: "Visa beslutet i beslutsloggen" }).getAttribute("href")).toContain("/decisions?eskalering=esk-demo-lokal");
    expect(within(detail).getByRole("link", { name: "Öppna utvecklingsarbetet" }).getAttribute("href")).toContain("/portfolio?effort=sip-pa-distans");
  });
});
