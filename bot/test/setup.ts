import { jest } from "@jest/globals";

// Bot tests drive a real API and queue on Azurite; hooks share this limit.
jest.setTimeout(30_000);
