import { jest } from "@jest/globals";

// A browser against the whole stack on a shared 2-core machine; hooks (browser launch) share this limit.
jest.setTimeout(120_000);
