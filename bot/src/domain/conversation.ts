import type { ConversationKind, ConversationRefInput } from "@naravard/api/contracts";

/**
 * The parts of an incoming Bot Framework activity the bot needs to place a conversation, as plain data (the
 * Teams edge passes the activity; tests pass literals).
 */
export interface ActivityLike {
  serviceUrl?: string;
  channelId?: string;
  locale?: string;
  conversation?: { id: string; conversationType?: string; tenantId?: string; name?: string; isGroup?: boolean };
  from?: { id: string; name?: string; aadObjectId?: string };
  recipient?: { id: string; name?: string };
  channelData?: unknown;
}

interface TeamsChannelDataLike {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  settings?: { selectedChannel?: { id?: string } };
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

function channelData(a: ActivityLike): TeamsChannelDataLike {
  return typeof a.channelData === "object" && a.channelData !== null ? a.channelData : {};
}

/** `19:abc@thread.tacv2;messageid=123` (a reply thread) → `19:abc@thread.tacv2` (the channel itself). */
export function baseConversationId(id: string): string {
  const i = id.toLowerCase().indexOf(";messageid=");
  return i >= 0 ? id.slice(0, i) : id;
}

export function conversationKind(a: ActivityLike): ConversationKind {
  const t = a.conversation?.conversationType;
  if (t === "channel") return "channel";
  if (t === "groupChat") return "groupChat";
  return "personal";
}

export interface ConversationPlace {
  id: string;
  kind: ConversationKind;
  tenantId?: string;
  teamId?: string;
  channelId?: string;
  name?: string;
}

export function conversationPlace(a: ActivityLike): ConversationPlace {
  const cd = channelData(a);
  const kind = conversationKind(a);
  const id = baseConversationId(a.conversation?.id ?? "");
  const place: ConversationPlace = { id, kind };
  const tenantId = str(a.conversation?.tenantId) ?? str(cd.tenant?.id);
  if (tenantId) place.tenantId = tenantId;
  const teamId = str(cd.team?.id);
  if (teamId) place.teamId = teamId;
  const channelId = str(cd.channel?.id) ?? str(cd.settings?.selectedChannel?.id) ?? (kind === "channel" ? id : undefined);
  if (channelId) place.channelId = channelId;
  const name = str(a.conversation?.name) ?? str(cd.channel?.name) ?? (kind === "channel" ? undefined : str(cd.team?.name));
  if (name) place.name = name;
  return place;
}

/**
 * What the API keeps about a conversation (`PUT /api/bot/conversations`). `reference` is botbuilder's
 * ConversationReference for proactive messages: pointed at the channel itself (not a reply thread), with no
 * activity id, and with the locale the bot speaks there (the notification cards follow it).
 */
export function conversationRefInput(
  a: ActivityLike,
  reference: Record<string, unknown>,
  opts: { userEmail?: string; locale: string },
): ConversationRefInput {
  const place = conversationPlace(a);
  const conversation = { ...(a.conversation ?? {}), id: place.id };
  const { activityId: _activityId, ...rest } = reference;
  const input: ConversationRefInput = {
    conversationId: place.id,
    kind: place.kind,
    serviceUrl: a.serviceUrl ?? "",
    reference: { ...rest, conversation, locale: opts.locale },
  };
  if (place.tenantId) input.tenantId = place.tenantId;
  if (place.kind === "personal") {
    if (opts.userEmail) input.userEmail = opts.userEmail;
    if (a.from?.aadObjectId) input.userAadObjectId = a.from.aadObjectId;
  }
  if (place.teamId) input.teamId = place.teamId;
  if (place.channelId) input.channelId = place.channelId;
  if (place.name) input.name = place.name.slice(0, 400);
  return input;
}
