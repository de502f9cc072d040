/** One product's part of `defi -- positions`: lines for people, a value for --json. */
export interface PositionSection {
  title: string;
  lines: string[];
  json: unknown;
}
