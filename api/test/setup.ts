import { jest } from "@jest/globals";

// Integration tests talk to Azurite and start an API in process; hooks share this limit.
jest.setTimeout(20_000);
