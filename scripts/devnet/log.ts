// What the devnet prints. One writer for every line, so steps stay readable in a terminal (a little colour) and in a
// CI log (plain text: `styleText` drops the colour when stdout is not a terminal or NO_COLOR is set).
import { styleText } from "node:util";

export interface Logger {
  /** A new phase of the start-up: "==> deploy governance". */
  step(title: string): void;
  /** A detail of the current phase, indented under it. */
  info(line: string): void;
  /** Something the reader should notice but that does not stop the devnet. */
  warn(line: string): void;
  /** Why the devnet stopped, on stderr. */
  error(line: string): void;
  /** A line as it is (banner, summary). */
  plain(line?: string): void;
  bold(text: string): string;
  dim(text: string): string;
}

export function createLogger(): Logger {
  // `npm start | head` or a closed terminal takes stdout away: keep running (a signal still stops the devnet)
  // instead of dying of EPIPE / EIO with children left behind
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "EIO") throw error;
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const style = (format: Parameters<typeof styleText>[0], text: string, stream: NodeJS.WriteStream = process.stdout) =>
    styleText(format, text, { stream });
  return {
    step: (title) => out(`${style("cyan", "==>")} ${style("bold", title)}`),
    info: (line) => out(`    ${line}`),
    warn: (line) => out(`    ${style("yellow", "warning:")} ${line}`),
    error: (line) => process.stderr.write(`${style("red", "error:", process.stderr)} ${line}\n`),
    plain: (line = "") => out(line),
    bold: (text) => style("bold", text),
    dim: (text) => style("dim", text),
  };
}

/** An expected failure (port taken, devnet already running, anvil missing): printed as its message, without a stack. */
export class DevnetError extends Error {
  override name = "DevnetError";
}
