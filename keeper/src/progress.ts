// Progress for long work (catch-up, epoch close), on cli-progress: a bar redrawn in place on a terminal, a line every
// few seconds otherwise (CI logs, files), and always a final line.
import { SingleBar } from "cli-progress";

export interface Progress {
  update(done: number, total: number, note?: string): void;
  finish(note?: string): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% {value}/{total} {duration}s {note}`,
    barCompleteChar: "#",
    barIncompleteChar: "-",
    barsize: 28,
    hideCursor: false,
    noTTYOutput: true,
    notTTYSchedule: 3_000,
    clearOnComplete: false,
  });
  let last = { done: 0, total: 0, note: "" };
  let started = false;
  const show = (done: number, total: number, note: string) => {
    last = { done, total, note };
    if (!started) {
      started = true;
      bar.start(total, done, { note });
    } else {
      bar.setTotal(total);
      bar.update(done, { note });
    }
  };
  return {
    update: (done, total, note) => show(done, total, note ?? ""),
    finish(note) {
      const end = last.total || last.done;
      show(end, end, note ?? last.note);
      bar.stop();
    },
  };
}
