// Node's ES module loader gives a default import of a CommonJS package the whole `module.exports`,
// and api/src/http/runtime.ts relies on that (`import azureFunctions from "@azure/functions"`). The
// package marks itself `__esModule` without a default export, so the CommonJS transform jest runs
// would find no default. tests/setup/jest-project.mjs maps the package name here to restore Node's
// behaviour; the package itself is required by its file (the mapping matches only the bare name).
const { main } = require("@azure/functions/package.json");

const actual = require(`@azure/functions/${main}`);
module.exports = { ...actual, default: actual, __esModule: true };
