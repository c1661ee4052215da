import { describe, expect, it } from "@jest/globals";
import {
  DevClockInputSchema,
  InquiryAnsweredInputSchema,
  InquiryListQuerySchema,
  InquiryListSchema,
  InquirySchema,
  type Inquiry,
} from "../../src/contracts/index.js";

const inquiry: Inquiry = {
  id: "i-0f3a",
  messageId: "<fraga-1@example.se>",
  from: "anna.berg@example.se",
  fromName: "Anna Berg",
  subject: "Fråga om anslutning",
  receivedAt: "2026-06-18T14:00:00.000Z",
  dueAt: "2026-06-20T02:00:00.000Z",
  status: "new",
  assignee: null,
  firstResponseAt: null,
  breachedAt: null,
  escalationId: null,
  excerpt: "Hej!",
};

describe("the inquiry contract", () => {
  it("has the fields the issue names, and accepts an inquiry as the API will answer it", () => {
    expect(InquirySchema.parse(inquiry)).toEqual(inquiry);
    for (const field of ["id", "messageId", "from", "subject", "receivedAt", "dueAt", "status", "assignee", "firstResponseAt", "escalationId"]) {
      expect(Object.keys(InquirySchema.shape)).toContain(field);
    }
    expect(InquiryListSchema.parse({ items: [inquiry], now: "2026-06-18T15:00:00.000Z" }).items).toHaveLength(1);
  });

  it("knows only the four statuses; the list also takes `open` (all but answered)", () => {
    for (const status of ["new", "assigned", "answered", "breached"]) expect(InquirySchema.safeParse({ ...inquiry, status }).success).toBe(true);
    expect(InquirySchema.safeParse({ ...inquiry, status: "closed" }).success).toBe(false);
    expect(InquirySchema.safeParse({ ...inquiry, status: "open" }).success).toBe(false);
    expect(InquiryListQuerySchema.safeParse({ status: "open" }).success).toBe(true);
    expect(InquiryListQuerySchema.safeParse({ status: "closed" }).error?.issues[0]?.path).toEqual(["status"]);
  });

  it("the dev clock takes ISO durations like PT37H and names the field otherwise", () => {
    for (const advance of ["PT37H", "P2D", "P1DT12H", "PT90M", "PT30S"]) expect(DevClockInputSchema.safeParse({ advance }).success).toBe(true);
    for (const advance of ["37h", "P", "PT", "-PT1H", "PT1.5H", ""]) {
      expect([advance, DevClockInputSchema.safeParse({ advance }).error?.issues[0]?.path]).toEqual([advance, ["advance"]]);
    }
  });

  it("marking answered needs a note of how", () => {
    expect(InquiryAnsweredInputSchema.safeParse({ note: "  " }).success).toBe(false);
    expect(InquiryAnsweredInputSchema.parse({ note: " Ringde upp " }).note).toBe("Ringde upp");
  });
});
