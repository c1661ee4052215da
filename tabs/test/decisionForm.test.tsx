import { fireEvent, within } from "@testing-library/react";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { renderApp } from "./app";
import { detail, me } from "./fixtures";

afterEach(() => {
  jest.restoreAllMocks();
});

const chair = { ...me, email: "styrgrupp.ordforande@naravard.test", roles: ["styrgrupp_ordforande" as const], permissions: [...me.permissions, "portfolio.decide" as const] };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("the decision form (contract schema, API details, 412)", () => {
  it("checks with DecisionInputSchema, shows the API's 400 at the field, and survives a conflict without losing the rationale", async () => {
    let version = detail({ status: "bedomd", etag: "v1", allowedActions: ["decide"], allowedTransitions: [] });
    const posts: Array<{ etag: string | null; body: Record<string, unknown> }> = [];
    let answer: (etag: string | null) => Response | undefined = () => undefined;
    renderApp(
      "/portfolio?effort=barn-och-unga-i-ange&atgard=besluta",
      {
        "GET /api/projects": () => ({ items: [version], continuationToken: null }),
        "GET /api/projects/barn-och-unga-i-ange": () => version,
        "POST /api/projects/barn-och-unga-i-ange/decision": (_url, init) => {
          const etag = new Headers(init?.headers).get("If-Match");
          posts.push({ etag, body: JSON.parse(init?.body as string) as Record<string, unknown> });
          return answer(etag) ?? { ...version, status: "inkluderad" };
        },
      },
      { me: chair },
    );

    const dialog = async () => within(await within(document.body).findByRole("dialog", { name: "Barn och unga i Ånge" }, { timeout: 10_000 }));
    const panel = await dialog();
    const submit = await panel.findByRole("button", { name: "Registrera beslut", hidden: true }, { timeout: 10_000 });

    // Nothing chosen: the schema's errors, in the summary and at the fields; nothing is sent.
    fireEvent.click(submit);
    const summary = await panel.findByTestId("form-errors");
    expect(summary.textContent).toContain("Fyll i fältet.");
    expect(summary.textContent).toContain("Skriv en motivering (minst 3 tecken).");
    expect(posts).toHaveLength(0);

    // A rationale of two characters is still too short for the contract (min 3, after trimming).
    fireEvent.click(panel.getByRole("radio", { name: "Inkludera i portföljen", hidden: true }));
    const rationale = panel.getByLabelText<HTMLTextAreaElement>(/^Motivering/);
    fireEvent.change(rationale, { target: { value: "  ok  " } });
    fireEvent.click(submit);
    expect(posts).toHaveLength(0);
    expect((await panel.findByTestId("form-errors")).textContent).toContain("Skriv en motivering (minst 3 tecken).");

    // The API's own rule, named at its field.
    answer = () => json(400, { code: "rule_violation", message: "Beslutet bryter mot en regel", details: [{ field: "rationale", message: "Motiveringen måste nämna finansieringen." }] });
    fireEvent.change(rationale, { target: { value: "Uppfyller kriterierna" } });
    fireEvent.click(submit);
    await panel.findByText("Motiveringen måste nämna finansieringen.", { selector: "[data-testid=form-errors] a" }, { timeout: 5000 });
    expect(posts[0]).toMatchObject({ etag: "v1", body: { outcome: "inkluderad", rationale: "Uppfyller kriterierna" } });
    expect(rationale.getAttribute("aria-invalid")).toBe("true");

    // Someone else moved the effort on: 412, the latest is loaded, the input stays, the next try uses its ETag.
    version = { ...version, etag: "v2", description: "Ny beskrivning" };
    answer = (etag) => (etag === "v2" ? undefined : json(412, { code: "precondition_failed", message: "Ändrat av någon annan", details: [] }));
    fireEvent.change(rationale, { target: { value: "Uppfyller kriterierna och finansieringen är säkrad" } });
    expect(rationale.getAttribute("aria-invalid")).not.toBe("true");
    fireEvent.click(submit);
    await panel.findByTestId("stale-message", undefined, { timeout: 5000 });
    expect(posts[1]!.etag).toBe("v1");
    expect(rationale.value).toBe("Uppfyller kriterierna och finansieringen är säkrad");

    fireEvent.click(submit);
    await (await dialog()).findByText("Beslutet är registrerat.", undefined, { timeout: 5000 });
    expect(posts[2]).toMatchObject({ etag: "v2", body: { outcome: "inkluderad", rationale: "Uppfyller kriterierna och finansieringen är säkrad" } });
  });
});
