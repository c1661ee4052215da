/** One-line log records on stdout/stderr; no secrets and no personal data beyond an acting user's email. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, error?: unknown, fields?: Record<string, unknown>): void;
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return { error: error.message, name: error.name, ...(typeof status === "number" ? { status } : {}), stack: error.stack };
  }
  if (error === undefined) return {};
  return { error: typeof error === "string" ? error : JSON.stringify(error) };
}

export function createLogger(component = "bot", write: (line: string, isError: boolean) => void = defaultWrite): Logger {
  const line = (level: string, message: string, fields: Record<string, unknown> = {}) =>
    JSON.stringify({ time: new Date().toISOString(), level, component, message, ...fields });
  return {
    info: (message, fields) => write(line("info", message, fields), false),
    warn: (message, fields) => write(line("warn", message, fields), true),
    error: (message, error, fields) => write(line("error", message, { ...fields, ...describe(error) }), true),
  };
}

function defaultWrite(line: string, isError: boolean): void {
  (isError ? process.stderr : process.stdout).write(`${line}\n`);
}

/** A logger that keeps records in memory (tests). */
export function memoryLogger(): Logger & { records: Array<{ level: string; message: string; fields: Record<string, unknown> }> } {
  const records: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  return {
    records,
    info: (message, fields = {}) => records.push({ level: "info", message, fields }),
    warn: (message, fields = {}) => records.push({ level: "warn", message, fields }),
    error: (message, error, fields = {}) => records.push({ level: "error", message, fields: { ...fields, ...describe(error) } }),
  };
}
