// `npm run defi -- <command> ...`: the DeFi CLI (positions, staking, pools, fractions, royalty shares). It shares the
// kit's CLI runner (network, keys, errors, output): see kit/cli/run.ts.
import { type Program, runCli } from "@flyaimusic/kit/cli/run.ts";
import { PROTOCOL_EXPLANATIONS } from "../explanations.ts";
import { buyout, collectorRole, fractionalize, object, redeem, settleBuyout } from "./defi/fractions.ts";
import { claimEpochRewards, epochRewards } from "./defi/epoch-rewards.ts";
import { claimIncome } from "./defi/income.ts";
import { pools } from "./defi/pools.ts";
import { positions } from "./defi/positions.ts";
import { buyShares, securitize } from "./defi/shares.ts";
import { claimRewards, stake, unstake } from "./defi/staking.ts";

export const DEFI_PROGRAM: Program = {
  script: "defi",
  about:
    "FlyAIMusic DeFi: stake tracks for MINT, pools, fractions with buyouts, royalty shares, reward epochs; see your positions.",
  commands: [
    positions,
    pools,
    stake,
    unstake,
    claimRewards,
    fractionalize,
    collectorRole,
    buyout,
    object,
    settleBuyout,
    redeem,
    securitize,
    buyShares,
    claimIncome,
    epochRewards,
    claimEpochRewards,
  ],
  explanations: PROTOCOL_EXPLANATIONS,
};

if (import.meta.main) {
  process.exitCode = await runCli(
    process.argv.slice(2),
    { stdout: process.stdout, stderr: process.stderr, env: process.env },
    DEFI_PROGRAM,
  );
}
