// The root test setup (tests/setup/azurite.global.ts) provides this; declared here too so api's tsconfig sees it.
declare module "vitest" {
  export interface ProvidedContext {
    storageConnectionString: string;
  }
}
export {};
