// Progress for long work (catch-up, epoch close): a bar redrawn in place on a terminal, a line every few seconds
// otherwise (CI logs, files), and always a final line.

export interface Progress {
  update(done: number, total: number, note?: string): void;
  finish(note?: string): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastLine = 0;
  const tty = Boolean(stream.isTTY);
  const render = (done: number, total: number, note?: string) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 28;
    const filled = Math.round(fraction * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} ${seconds}s${note ? ` ${note}` : ""}`;
  };
  let last = { done: 0, total: 0, note: undefined as string | undefined };
  return {
    update(done, total, note) {
      last = { done, total, note };
      if (tty) {
        stream.write(`\r${render(done, total, note)}\u001b[K`);
      } else if (Date.now() - lastLine > 3_000) {
        lastLine = Date.now();
        stream.write(render(done, total, note) + "\n");
      }
    },
    finish(note) {
      const line = render(last.total || last.done, last.total || last.done, note ?? last.note);
      stream.write(tty ? `\r${line}\u001b[K\n` : line + "\n");
    },
  };
}
