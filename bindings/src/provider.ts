// The JSON-RPC provider every tool here uses (deploy, CLIs, devnet): ethers' own, with a margin on gas estimates.
//
// Why the margin: an estimate runs against a block that is not the one the transaction lands in. MINT writes a vote
// checkpoint per second: a transfer estimated in the same second as the sender's last checkpoint rewrites it in
// place, and mined a second later pushes a new one (~20,000 gas more). Without a margin such a transaction runs out
// of gas now and then (seen on the devnet under load). 25% + 30,000 covers that and costs nothing unused.
import { JsonRpcProvider, type TransactionRequest } from "ethers";

export const GAS_ESTIMATE_MARGIN = { percent: 25n, extra: 30_000n } as const;

export class MarginedJsonRpcProvider extends JsonRpcProvider {
  override async estimateGas(tx: TransactionRequest): Promise<bigint> {
    const estimate = await super.estimateGas(tx);
    return (estimate * (100n + GAS_ESTIMATE_MARGIN.percent)) / 100n + GAS_ESTIMATE_MARGIN.extra;
  }
}
