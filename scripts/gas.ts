// `npm run gas`: measures every gas row and rewrites gas/snapshot.json (the committed, reviewed figures).
// Without --write it only prints the table next to the committed figures.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureGas } from "../test/gas/measure.ts";

const path = join(import.meta.dirname, "../gas/snapshot.json");
const committed: Record<string, number> = existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : {};
console.log("measuring gas on the in-process network ...");
const measured = await measureGas();
for (const [key, value] of Object.entries(measured)) {
  const before = committed[key];
  const change = before === undefined ? "new" : value === before ? "=" : `${value > before ? "+" : ""}${value - before}`;
  console.log(`${key.padEnd(32)} ${String(value).padStart(9)}  ${change}`);
}
if (process.argv.includes("--write")) {
  const sorted = Object.fromEntries(Object.entries(measured).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
