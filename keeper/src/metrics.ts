// Prometheus text exposition (format 0.0.4) of the keeper's counters and gauges: written by hand because the
// format is a few lines and the keeper exposes a dozen series.

type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");
}

interface Series {
  help: string;
  type: "counter" | "gauge";
  values: Map<string, number>;
}

export interface Metrics {
  inc(name: string, labels?: Labels, by?: number): void;
  set(name: string, value: number, labels?: Labels): void;
  get(name: string, labels?: Labels): number;
  /** Gauges read at scrape time. */
  gauge(name: string, help: string, read: () => Promise<number> | number): void;
  render(): Promise<string>;
}

export function createMetrics(definitions: Record<string, { help: string; type: "counter" | "gauge" }>): Metrics {
  const series = new Map<string, Series>();
  for (const [name, d] of Object.entries(definitions)) series.set(name, { ...d, values: new Map() });
  const live = new Map<string, { help: string; read: () => Promise<number> | number }>();
  const of = (name: string) => {
    const s = series.get(name);
    if (!s) throw new Error(`metric ${name} is not defined`);
    return s;
  };
  return {
    inc: (name, labels = {}, by = 1) => {
      const s = of(name);
      const k = key(labels);
      s.values.set(k, (s.values.get(k) ?? 0) + by);
    },
    set: (name, value, labels = {}) => {
      of(name).values.set(key(labels), value);
    },
    get: (name, labels = {}) => of(name).values.get(key(labels)) ?? 0,
    gauge: (name, help, read) => {
      live.set(name, { help, read });
    },
    render: async () => {
      const lines: string[] = [];
      for (const [name, s] of series) {
        lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
        for (const [labels, value] of s.values) lines.push(`${name}${labels ? `{${labels}}` : ""} ${value}`);
      }
      for (const [name, g] of live) {
        lines.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${await g.read()}`);
      }
      return lines.join("\n") + "\n";
    },
  };
}

export const KEEPER_METRICS = {
  keeper_http_requests_total: { help: "HTTP requests by route and status", type: "counter" },
  keeper_reports_total: { help: "Listening reports by outcome (stored, duplicate, rejected)", type: "counter" },
  keeper_plays_stored_total: { help: "Plays stored", type: "counter" },
  keeper_engagements_total: { help: "Engagement actions by outcome", type: "counter" },
  keeper_watcher_blocks_total: { help: "Blocks read by the chain watcher", type: "counter" },
  keeper_watcher_events_total: { help: "Suite events stored by the chain watcher", type: "counter" },
  keeper_reorgs_total: { help: "Reorgs handled (rollbacks)", type: "counter" },
  keeper_job_runs_total: { help: "Job ticks by job and outcome", type: "counter" },
  keeper_auctions_settled_total: { help: "Auctions settled by the keeper", type: "counter" },
  keeper_auctions_started_total: { help: "Auctions started for opted-in sellers", type: "counter" },
  keeper_epochs_closed_total: { help: "Epochs computed", type: "counter" },
  keeper_roots_posted_total: { help: "Merkle roots posted", type: "counter" },
  keeper_cursor_block: { help: "Last block the watcher has read", type: "gauge" },
  keeper_head_block: { help: "Chain head seen by the watcher", type: "gauge" },
} as const;
