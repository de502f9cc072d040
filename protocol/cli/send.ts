import type { CliIO } from "@flyaimusic/governance/cli/context.ts";
import { guarded } from "@flyaimusic/governance/cli/errors.ts";
import { note } from "@flyaimusic/governance/cli/format.ts";
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";

/** Sends a transaction, says so, waits for it; a refusal becomes a readable error naming the contract's reason. */
export async function send(
  io: CliIO,
  what: string,
  transaction: () => Promise<ContractTransactionResponse>,
): Promise<ContractTransactionReceipt> {
  const tx = await guarded(what, transaction);
  note(io, `${what}: sent ${tx.hash}; waiting for it to be mined ...`);
  const receipt = await guarded(what, () => tx.wait());
  if (!receipt) throw new Error(`${what}: no receipt`);
  return receipt;
}
