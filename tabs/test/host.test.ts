import { describe, expect, it } from "@jest/globals";
import { detectHost, mightBeInTeams, themeFromQuery, themeFromTeams } from "../src/teams/host";

describe("host detection", () => {
  it("maps Teams themes to Fluent themes", () => {
    expect(themeFromTeams("default")).toBe("light");
    expect(themeFromTeams("dark")).toBe("dark");
    expect(themeFromTeams("contrast")).toBe("contrast");
    expect(themeFromTeams(undefined)).toBe("light");
    expect(themeFromQuery("dark")).toBe("dark");
    expect(themeFromQuery("contrast")).toBe("contrast");
    expect(themeFromQuery(null)).toBe("light");
  });

  it("knows at once that a top-level page is not in Teams, and takes theme and language from the URL", async () => {
    expect(mightBeInTeams(window)).toBe(false);
    const started = Date.now();
    const host = await detectHost(new URLSearchParams("theme=dark&lang=en"));
    expect(Date.now() - started).toBeLessThan(500);
    expect(host).toEqual({ inTeams: false, theme: "dark", locale: "en" });
  });

  it("gives up quickly when framed by something that is not Teams", async () => {
    const framed = { parent: {}, top: {}, opener: null } as unknown as Window;
    expect(mightBeInTeams(framed)).toBe(true);
    const host = await detectHost(new URLSearchParams(""), { win: framed, timeoutMs: 300 });
    expect(host.inTeams).toBe(false);
  });
});
