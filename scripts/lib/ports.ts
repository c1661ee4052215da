import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A port the OS says is free on loopback now. Tests use these so parallel runs never collide. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `count` distinct free ports. The probe sockets stay open until all are chosen, so one call never hands out
 * the same port twice (asking one at a time can return a port just released).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const server = net.createServer();
      servers.push(server);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            resolve(typeof address === "object" && address ? address.port : 0);
          });
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Stops waiting at once (rejecting with the signal's reason): the stack is being stopped. */
  signal?: AbortSignal;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port, or rejects after `timeoutMs`. */
export async function waitForPort(port: number, { timeoutMs = 60_000, signal }: WaitOptions = {}): Promise<void> {
  const host = "127.0.0.1";
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Inget svarar på ${host}:${port} efter ${timeoutMs} ms`);
    await sleep(150, undefined, { signal });
  }
}

/** Resolves once `url` answers with a status below 500, or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, { timeoutMs = 90_000, signal }: WaitOptions = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    signal?.throwIfAborted();
    try {
      const timeout = AbortSignal.timeout(5000);
      const res = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      await res.body?.cancel();
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      signal?.throwIfAborted();
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`${url} svarade inte inom ${timeoutMs} ms (${last})`);
    await sleep(250, undefined, { signal });
  }
}
