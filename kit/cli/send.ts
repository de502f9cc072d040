import type { CliIO } from "./context.ts";
import { guarded } from "./errors.ts";
import { note } from "../format.ts";
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";

/** Every CLI transaction goes through here: sends it, says so, waits for it; a refusal becomes a readable error naming the contract's reason. */
export async function send(
  io: CliIO,
  what: string,
  transaction: () => Promise<ContractTransactionResponse>,
): Promise<ContractTransactionReceipt> {
  const tx = await guarded(what, transaction);
  note(io, `sent ${tx.hash}; waiting for it to be mined ...`);
  const receipt = await guarded(what, () => tx.wait());
  if (!receipt) throw new Error(`${what}: no receipt`);
  return receipt;
}
