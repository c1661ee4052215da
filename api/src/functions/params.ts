import { z } from "zod";
import { CardKeySchema, EmailSchema, IdSchema, ReferenceKindSchema } from "../contracts/index.js";

/** Path parameter shapes shared by the route declarations. */
export const IdParams = z.object({ id: IdSchema });
export const EmailParams = z.object({ email: EmailSchema });
export const NotificationIdParams = z.object({ notificationId: z.string().min(1).max(200) });
export const ReferenceKindParams = z.object({ kind: ReferenceKindSchema });
export const ReferenceItemParams = z.object({ kind: ReferenceKindSchema, id: IdSchema });
export const CardKeyParams = z.object({ cardKey: CardKeySchema });
