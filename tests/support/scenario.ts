import type { QueueClient } from "@azure/storage-queue";
import {
  DEMO_USERS,
  DEV_USER_HEADER,
  createApiClient,
  encodeNotificationMessage,
  type ApiClient,
  type ConversationRef,
  type Notification,
  type NotificationTarget,
} from "@naravard/api/contracts";
import type { FakeBotApi } from "./fakeBotApi.js";

/** Building blocks shared by the notification tests and the benchmark. */

export const TENANT_ID = "tenant-vnorrland";

export function botApiClient(baseUrl: string): ApiClient {
  return createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: DEMO_USERS.bot }) });
}

export interface SeededUser {
  email: string;
  conversationId: string;
}

export function conversationRef(serviceUrl: string, conversationId: string, extra: Partial<ConversationRef> = {}): ConversationRef {
  return {
    conversationId,
    kind: "personal",
    serviceUrl,
    tenantId: TENANT_ID,
    key: conversationId.replace(/[^a-z0-9]/gi, "").slice(0, 60),
    isProgramOfficeChannel: false,
    updatedAt: new Date().toISOString(),
    etag: "W/\"1\"",
    reference: {
      serviceUrl,
      channelId: "msteams",
      conversation: { id: conversationId, tenantId: TENANT_ID, conversationType: "personal" },
      bot: { id: "28:bot", name: "Nära vård" },
      locale: "sv-SE",
    },
    ...extra,
  };
}

/** n users, each with a 1:1 conversation with the bot, seeded into the fake API. */
export function seedUsers(api: FakeBotApi, serviceUrl: string, n: number, prefix = "user"): SeededUser[] {
  const users: SeededUser[] = [];
  for (let i = 1; i <= n; i++) {
    const email = `${prefix}${String(i).padStart(4, "0")}@naravard.test`;
    const conversationId = `a:1${prefix}-${String(i).padStart(4, "0")}`;
    const target: NotificationTarget = { kind: "user", email };
    api.addConversation(conversationRef(serviceUrl, conversationId, { userEmail: email }), target);
    users.push({ email, conversationId });
  }
  return users;
}

export function seedProgramOfficeChannel(api: FakeBotApi, serviceUrl: string): string {
  const conversationId = "19:programkontoret@thread.tacv2";
  api.addConversation(
    conversationRef(serviceUrl, conversationId, { kind: "channel", isProgramOfficeChannel: true, teamId: "19:team@thread.tacv2", channelId: conversationId }),
    { kind: "programOfficeChannel" },
  );
  return conversationId;
}

export function decisionNotification(i: number, email: string, outcome: "inkluderad" | "avslagen" = i % 3 === 0 ? "avslagen" : "inkluderad"): Notification {
  const projectId = `projekt-${i}`;
  const decisionId = `beslut-${i}`;
  return {
    id: `decision_made:${decisionId}`,
    kind: "decision_made",
    programId: "gnv",
    createdAt: new Date().toISOString(),
    target: { kind: "user", email },
    project: { id: projectId, name: `Trygg hemgång ${i}`, status: outcome },
    decision: {
      id: decisionId,
      outcome,
      rationale: outcome === "inkluderad" ? "Uppfyller samverkanskriteriet och personcentrerat förhållningssätt." : "Finansieringen är inte säkrad.",
      date: "2025-06-15",
      bodyName: "Programstyrgrupp",
    },
  };
}

export function applicationNotification(i: number): Notification {
  const projectId = `ansokan-${i}`;
  return {
    id: `application_submitted:${projectId}`,
    kind: "application_submitted",
    programId: "gnv",
    createdAt: new Date().toISOString(),
    target: { kind: "programOfficeChannel" },
    project: {
      id: projectId,
      name: `Mobil närvård ${i}`,
      status: "ansokan_inlamnad",
      applicantEmail: "projektledare1@naravard.test",
      ownerOrganisationName: "Region Västernorrland",
      description: "Ett mobilt team från region och kommun möter mångbesökare i hemmet för att minska akuta besök.",
    },
  };
}

/** Puts notifications on the queue as the API does (base64 of the JSON), a few at a time. */
export async function enqueue(queue: QueueClient, notifications: readonly Notification[], parallel = 16): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < notifications.length) {
      const n = notifications[next++] as Notification;
      await queue.sendMessage(encodeNotificationMessage(n));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

/** Resolves when `done()` is true, checking every `everyMs`; rejects after `timeoutMs` with `describe()`. */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string = () => "",
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms ${describe()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}
