// Structured logs: one JSON object per line when FLYAI_KEEPER_LOG=json (for machines), otherwise one readable line
// with the time, level, component, message and its fields (for people watching a terminal).

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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
  write?: (line: string) => void;
}

function render(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const format = options.format ?? "text";
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const emit = (lvl: LogLevel, message: string, fields: LogFields = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const time = new Date().toISOString();
    if (format === "json") {
      write(
        JSON.stringify({ time, level: lvl, component: options.component, message, ...fields }, (_k, v) =>
          typeof v === "bigint" ? v.toString() : v,
        ),
      );
      return;
    }
    const extra = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${render(v)}`)
      .join(" ");
    const component = options.component ? `[${options.component}] ` : "";
    write(`${time.slice(11, 19)} ${lvl.padEnd(5)} ${component}${message}${extra ? "  " + extra : ""}`);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (component) =>
      createLogger({ ...options, component: options.component ? `${options.component}/${component}` : component }),
  };
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", format: "json", write: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}
