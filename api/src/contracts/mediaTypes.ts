/** Media types of non-JSON answers. No zod here: the typed client imports this, and the tabs' entry chunk must stay free of zod. */
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
