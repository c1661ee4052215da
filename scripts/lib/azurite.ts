import fs from "node:fs";
import { binPath, startService, type Service } from "./processes.js";
import { freePorts, waitForPort } from "./ports.js";

/** Azurite's well-known development account. Public by design; never a production secret. */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface AzuriteOptions {
  /** Folder to keep data in across restarts; omit for in-memory (tests). */
  location?: string;
  tablePort?: number;
  queuePort?: number;
  blobPort?: number;
  echo?: boolean;
  /** Gives up starting (and stops what was started) once aborted. */
  signal?: AbortSignal;
  /** Called when Azurite exits by itself after it has started. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface RunningAzurite {
  connectionString: string;
  tablePort: number;
  queuePort: number;
  blobPort: number;
  service: Service;
  stop(graceMs?: number): Promise<void>;
}

export function azuriteConnectionString(tablePort: number, queuePort: number, blobPort: number): string {
  const host = "http://127.0.0.1";
  return [
    "DefaultEndpointsProtocol=http",
    `AccountName=${AZURITE_ACCOUNT}`,
    `AccountKey=${AZURITE_KEY}`,
    `BlobEndpoint=${host}:${blobPort}/${AZURITE_ACCOUNT}`,
    `QueueEndpoint=${host}:${queuePort}/${AZURITE_ACCOUNT}`,
    `TableEndpoint=${host}:${tablePort}/${AZURITE_ACCOUNT}`,
  ].join(";");
}

/**
 * Starts a real Azurite (Table, Queue, Blob) bound to loopback. With free ports chosen for it, another
 * process may take one of them before Azurite binds it; then Azurite exits and we try again with new ports.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const fixed = options.tablePort !== undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startAzuriteOnce(options);
    } catch (err) {
      if (fixed || attempt >= 4 || options.signal?.aborted) throw err;
    }
  }
}

async function startAzuriteOnce(options: AzuriteOptions): Promise<RunningAzurite> {
  const [freeTable = 0, freeQueue = 0, freeBlob = 0] = options.tablePort === undefined ? await freePorts(3) : [];
  const tablePort = options.tablePort ?? freeTable;
  const queuePort = options.queuePort ?? freeQueue;
  const blobPort = options.blobPort ?? freeBlob;
  const args = [
    "--silent",
    "--skipApiVersionCheck",
    "--disableProductStyleUrl",
    "--blobHost", "127.0.0.1", "--blobPort", String(blobPort),
    "--queueHost", "127.0.0.1", "--queuePort", String(queuePort),
    "--tableHost", "127.0.0.1", "--tablePort", String(tablePort),
  ];
  if (options.location) {
    fs.mkdirSync(options.location, { recursive: true });
    args.push("--location", options.location);
  } else {
    args.push("--inMemoryPersistence");
  }
  let started = false;
  const service = startService("azurite", binPath("azurite"), args, {
    echo: options.echo ?? false,
    cwd: options.location ?? process.cwd(),
    signal: options.signal,
    // An exit while starting is a failed start (retried with other ports), not a crash to report.
    onExit: (code, signal) => {
      if (started) options.onExit?.(code, signal);
    },
  });
  const exited = new Promise<never>((_, reject) =>
    service.child.once("exit", (code) => reject(new Error(`Azurite avslutades vid start (kod ${code ?? "?"})`))),
  );
  try {
    const { signal } = options;
    await Promise.race([Promise.all([tablePort, queuePort, blobPort].map((port) => waitForPort(port, { signal }))), exited]);
  } catch (err) {
    await service.stop();
    throw err;
  }
  started = true;
  exited.catch(() => undefined); // a later exit is stop()'s, or a crash reported through onExit
  return {
    connectionString: azuriteConnectionString(tablePort, queuePort, blobPort),
    tablePort,
    queuePort,
    blobPort,
    service,
    stop: (graceMs?: number) => service.stop(graceMs),
  };
}
