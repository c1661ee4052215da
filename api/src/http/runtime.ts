/**
 * `@azure/functions` is a CommonJS bundle whose classes Node's ESM loader cannot see as named exports
 * (`import { HttpRequest } …` fails at run time under plain Node/tsx). Take them from the default export.
 */
import azureFunctions from "@azure/functions";

export const HttpRequest = azureFunctions.HttpRequest;
export const InvocationContext = azureFunctions.InvocationContext;
