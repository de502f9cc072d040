// The committed gas snapshot is a budget: any operation that grows past its recorded figure fails here until the
// snapshot is deliberately updated with `npm run gas`. Shrinking is reported, not failed (commit the new figure).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { measureGas } from "./measure.ts";

const committed: Record<string, number> = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../gas/snapshot.json"), "utf8"),
);

describe("gas snapshot", () => {
  it("every operation costs at most its committed figure, and every row is measured", async () => {
    const measured = await measureGas();
    const grown = Object.entries(measured)
      .filter(([key, gas]) => committed[key] !== undefined && gas > committed[key])
      .map(([key, gas]) => `${key}: ${gas} > committed ${committed[key]} (+${gas - committed[key]})`);
    const missing = Object.keys(measured).filter((key) => committed[key] === undefined);
    const stale = Object.keys(committed).filter((key) => measured[key] === undefined);
    const shrunk = Object.entries(measured).filter(([key, gas]) => committed[key] !== undefined && gas < committed[key]);
    for (const [key, gas] of shrunk) console.log(`  gas: ${key} fell to ${gas} from ${committed[key]}: run \`npm run gas\``);
    assert.deepEqual(grown, [], "operations grew past the snapshot; if intended, run `npm run gas` and commit it");
    assert.deepEqual(missing, [], "operations missing from gas/snapshot.json; run `npm run gas`");
    assert.deepEqual(stale, [], "gas/snapshot.json has rows nothing measures; run `npm run gas`");
  });

  it("meets the gas targets it claims in the README", async () => {
    const targets: Record<string, number> = {
      "governor.castVote": 70_000,
      "governor.propose": 110_000,
      "mint.transfer": 130_000,
      "music.mint": 130_000,
      "market.buy": 110_000,
      "split.deposit.perExtraRecipient": 8_000,
      "pool.swap": 90_000,
    };
    for (const [key, target] of Object.entries(targets)) {
      assert.ok(committed[key] <= target, `${key} = ${committed[key]} is above its target ${target}`);
    }
  });
});
