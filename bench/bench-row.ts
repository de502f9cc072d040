// One row of `npm run bench` (bench/results.json and the README's performance table): a measured figure beside
// its baseline measured in the same run.
export interface BenchRow {
  operation: string;
  baseline: string;
  ours: string;
  unit: string;
  /** baseline ÷ ours for times and sizes, ours ÷ baseline for rates: above 1 means ours is better. */
  ratio: number;
  notes: string;
}
