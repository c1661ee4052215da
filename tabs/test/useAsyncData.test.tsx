import { act, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "@jest/globals";
import { useAsyncData } from "../src/useAsyncData";

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function Probe({ id, load }: { id: string; load: (id: string, signal: AbortSignal) => Promise<string> }) {
  const data = useAsyncData((signal) => load(id, signal), [id, load]);
  return (
    <div>
      <span data-testid="status">{data.status}</span>
      <span data-testid="data">{data.data ?? "-"}</span>
      <span data-testid="error">{data.error instanceof Error ? data.error.message : "-"}</span>
      <button onClick={data.reload}>reload</button>
    </div>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe("useAsyncData", () => {
  it("ignores the answer of a read its dependencies moved past, and aborts it", async () => {
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const signals = new Map<string, AbortSignal>();
    const load = (id: string, signal: AbortSignal) => {
      const d = deferred<string>();
      pending.set(id, d);
      signals.set(id, signal);
      return d.promise;
    };
    const view = render(<Probe id="a" load={load} />);
    expect(text("status")).toBe("loading");
    view.rerender(<Probe id="b" load={load} />);
    expect(signals.get("a")!.aborted).toBe(true);

    await act(() => { pending.get("b")!.resolve("B"); return pending.get("b")!.promise; });
    await act(() => { pending.get("a")!.resolve("A (late)"); return pending.get("a")!.promise; });
    expect(text("status")).toBe("ready");
    expect(text("data")).toBe("B");
  });

  it("shows an error, keeps the last data, and reads again on reload", async () => {
    let calls = 0;
    const results: Array<() => Promise<string>> = [
      () => Promise.resolve("först"),
      () => Promise.reject(new Error("Tjänsten svarar inte")),
      () => Promise.resolve("igen"),
    ];
    const load = () => results[calls++]!();
    render(<Probe id="a" load={load} />);
    await waitFor(() => expect(text("data")).toBe("först"));

    act(() => screen.getByRole("button", { name: "reload" }).click());
    await waitFor(() => expect(text("status")).toBe("error"));
    expect(text("error")).toBe("Tjänsten svarar inte");
    expect(text("data")).toBe("först");

    act(() => screen.getByRole("button", { name: "reload" }).click());
    await waitFor(() => expect(text("data")).toBe("igen"));
    expect(text("status")).toBe("ready");
    expect(text("error")).toBe("-");
  });

  it("sets nothing after the component unmounted", async () => {
    const d = deferred<string>();
    let signal: AbortSignal | undefined;
    const view = render(<Probe id="a" load={(_id, s) => ((signal = s), d.promise)} />);
    view.unmount();
    expect(signal?.aborted).toBe(true);
    await act(() => { d.resolve("late"); return d.promise; });
  });
});
