// `npm run gas`: measures every gas row and rewrites gas/snapshot.json (the committed, reviewed figures) and
// gas/baseline.json (the same operations on unmodified OpenZeppelin contracts, measured in the same run).
// Without --write it only prints the table next to the committed figures.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureBaseline, measureGas } from "../test/gas/measure.ts";

const dir = join(import.meta.dirname, "../gas");
const read = (file: string): Record<string, number> =>
  existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), "utf8")) : {};
const sorted = (gas: Record<string, number>) =>
  Object.fromEntries(Object.entries(gas).sort(([a], [b]) => a.localeCompare(b)));

const committed = read("snapshot.json");
console.log("measuring gas on the in-process network (ours, then the OpenZeppelin baseline) ...");
const measured = await measureGas();
const baseline = await measureBaseline();
console.log(`${"operation".padEnd(34)} ${"gas".padStart(9)} ${"committed".padStart(10)} ${"vanilla OZ".padStart(11)}`);
for (const [key, value] of Object.entries(sorted(measured))) {
  const before = committed[key];
  const change =
    before === undefined ? "new" : value === before ? "=" : `${value > before ? "+" : ""}${value - before}`;
  const base = baseline[key] === undefined ? "" : String(baseline[key]);
  console.log(`${key.padEnd(34)} ${String(value).padStart(9)} ${change.padStart(10)} ${base.padStart(11)}`);
}
for (const [key, value] of Object.entries(baseline)) {
  if (measured[key] === undefined)
    console.log(`${`(vanilla) ${key}`.padEnd(34)} ${"".padStart(20)} ${String(value).padStart(11)}`);
}
if (process.argv.includes("--write")) {
  writeFileSync(join(dir, "snapshot.json"), `${JSON.stringify(sorted(measured), null, 2)}\n`);
  writeFileSync(join(dir, "baseline.json"), `${JSON.stringify(sorted(baseline), null, 2)}\n`);
  console.log(`wrote gas/snapshot.json and gas/baseline.json`);
}
