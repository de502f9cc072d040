// Structured logs on pino: one JSON object per line when FLYAI_KEEPER_LOG=json (for machines), otherwise one readable
// line with the time, level, component, message and its fields (for people watching a terminal). The rest of the
// keeper sees the small Logger interface below, so a component names itself once (`log.child("watcher")`).
import { pino, type Logger as Pino } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same logger with `component` on every line. */
  child(component: string): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: "json" | "text";
  component?: string;
  /** Where each line goes (without its newline); default standard error. */
  write?: (line: string) => void;
}

function render(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** A pino line as a person reads it: `12:00:01 info  [keeper/watcher] message  key=value key=value`. */
function readable(line: string): string {
  const { time, level, component, message, ...fields } = JSON.parse(line) as Record<string, unknown>;
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${render(v)}`)
    .join(" ");
  const prefix = component ? `[${String(component)}] ` : "";
  return `${String(time).slice(11, 19)} ${String(level).padEnd(5)} ${prefix}${String(message)}${extra ? "  " + extra : ""}`;
}

/** Fields as JSON can hold them: bigints (amounts, ids) as decimal text, as everywhere else in the keeper. */
function plain(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) out[key] = typeof value === "bigint" ? value.toString() : value;
  }
  return out;
}

function adapter(root: Pino, component: string | undefined): Logger {
  const logger = component ? root.child({ component }) : root;
  return {
    debug: (message, fields) => logger.debug(plain(fields), message),
    info: (message, fields) => logger.info(plain(fields), message),
    warn: (message, fields) => logger.warn(plain(fields), message),
    error: (message, fields) => logger.error(plain(fields), message),
    // from the root, so a nested component is one field ("keeper/watcher"), not two
    child: (name) => adapter(root, component ? `${component}/${name}` : name),
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? "text";
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const root = pino(
    {
      level: options.level ?? "info",
      base: undefined,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // synchronous: a line is out before the next statement (a crash loses nothing, tests read lines at once)
    { write: (line: string) => write(format === "json" ? line.trimEnd() : readable(line)) },
  );
  return adapter(root, options.component);
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", format: "json", write: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}
