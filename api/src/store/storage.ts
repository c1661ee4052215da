import { TableClient } from "@azure/data-tables";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import type { QueueClient} from "@azure/storage-queue";
import { QueueServiceClient } from "@azure/storage-queue";
import type { StorageAccess } from "../config.js";

/**
 * The storage clients for one configuration. With a connection string (Azurite, tests) the API may create its
 * tables and queue; with endpoints it signs in with its managed identity, whose data-plane roles cover only the
 * tables and queue that infra/azure.bicep creates, so nothing is created here.
 */
export interface StorageClients {
  table(name: string): TableClient;
  queue(name: string): QueueClient;
  /** True when this process may create missing tables and queues (connection-string access only). */
  mayCreate: boolean;
}

/**
 * `DefaultAzureCredential` (the managed identity in Azure), loaded on first use: the local host and the tests, which
 * use connection strings, never pay for loading MSAL. One per process: it caches tokens, and App Service's identity
 * endpoint has rate limits.
 */
class ManagedIdentity implements TokenCredential {
  private inner: Promise<TokenCredential> | undefined;

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    this.inner ??= import("@azure/identity").then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
    return this.inner.then((credential) => credential.getToken(scopes, options));
  }
}

let sharedCredential: TokenCredential | undefined;
function credential(): TokenCredential {
  sharedCredential ??= new ManagedIdentity();
  return sharedCredential;
}

export function storageClients(access: StorageAccess): StorageClients {
  if (access.kind === "connectionString") {
    const queues = QueueServiceClient.fromConnectionString(access.connectionString);
    return {
      // Azurite speaks plain http on loopback; production connection strings use https and ignore this flag.
      table: (name) => TableClient.fromConnectionString(access.connectionString, name, { allowInsecureConnection: true }),
      queue: (name) => queues.getQueueClient(name),
      mayCreate: true,
    };
  }
  const queues = new QueueServiceClient(access.queueEndpoint, credential());
  return {
    table: (name) => new TableClient(access.tableEndpoint, name, credential()),
    queue: (name) => queues.getQueueClient(name),
    mayCreate: false,
  };
}
