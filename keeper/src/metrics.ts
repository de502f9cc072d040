// The keeper's Prometheus metrics (GET /metrics), kept in a prom-client registry of their own (one per keeper, so
// tests and a second keeper in one process do not share counts). The names are the keeper's interface to its
// dashboards and alerts: KEEPER_METRICS lists every one.
import { Counter, Gauge, Registry } from "prom-client";

type Labels = Record<string, string>;

export interface MetricDefinition {
  help: string;
  type: "counter" | "gauge";
  /** The label names its series carry. */
  labels?: readonly string[];
}

export interface Metrics {
  inc(name: string, labels?: Labels, by?: number): void;
  set(name: string, value: number, labels?: Labels): void;
  /** The current value of one series (0 if it was never counted). */
  get(name: string, labels?: Labels): Promise<number>;
  /** Gauges read at scrape time. */
  gauge(name: string, help: string, read: () => Promise<number> | number): void;
  render(): Promise<string>;
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
}

export function createMetrics(definitions: Record<string, MetricDefinition>): Metrics {
  const registry = new Registry();
  const series = new Map<string, Counter | Gauge>();
  for (const [name, d] of Object.entries(definitions)) {
    const options = { name, help: d.help, labelNames: d.labels ?? [], registers: [registry] };
    series.set(name, d.type === "counter" ? new Counter(options) : new Gauge(options));
  }
  const of = (name: string) => {
    const s = series.get(name);
    if (!s) throw new Error(`metric ${name} is not defined`);
    return s;
  };
  return {
    inc: (name, labels = {}, by = 1) => of(name).inc(labels, by),
    set: (name, value, labels = {}) => (of(name) as Gauge).set(labels, value),
    get: async (name, labels = {}) => {
      const { values } = await of(name).get();
      const wanted = Object.entries(labels);
      const found = values.find(
        (v) =>
          Object.keys(v.labels).length === wanted.length && wanted.every(([k, value]) => String(v.labels[k]) === value),
      );
      return found?.value ?? 0;
    },
    gauge: (name, help, read) => {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          this.set(await read());
        },
      });
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

export const KEEPER_METRICS = {
  keeper_http_requests_total: {
    help: "HTTP requests by route and status",
    type: "counter",
    labels: ["route", "status"],
  },
  keeper_reports_total: {
    help: "Listening reports by outcome (stored, duplicate, rejected)",
    type: "counter",
    labels: ["outcome"],
  },
  keeper_plays_stored_total: { help: "Plays stored", type: "counter" },
  keeper_engagements_total: { help: "Engagement actions by outcome", type: "counter", labels: ["outcome"] },
  keeper_watcher_blocks_total: { help: "Blocks read by the chain watcher", type: "counter" },
  keeper_watcher_events_total: { help: "Suite events stored by the chain watcher", type: "counter" },
  keeper_reorgs_total: { help: "Reorgs handled (rollbacks)", type: "counter" },
  keeper_job_runs_total: { help: "Job ticks by job and outcome", type: "counter", labels: ["job", "outcome"] },
  keeper_auctions_settled_total: { help: "Auctions settled by the keeper", type: "counter" },
  keeper_auctions_started_total: { help: "Auctions started for opted-in sellers", type: "counter" },
  keeper_epochs_closed_total: { help: "Epochs computed", type: "counter" },
  keeper_roots_posted_total: { help: "Merkle roots posted", type: "counter" },
  keeper_cursor_block: { help: "Last block the watcher has read", type: "gauge" },
  keeper_head_block: { help: "Chain head seen by the watcher", type: "gauge" },
} as const satisfies Record<string, MetricDefinition>;
