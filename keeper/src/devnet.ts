// The devnet's facts come from the kit, their one home in the repository (kit/devnet.ts); the keeper's probe of an
// endpoint's chain id is the kit's, its user error turned into a KeeperError.
import { probeChainId as kitProbeChainId } from "@flyaimusic/kit/chain-id.ts";
import { UserError } from "@flyaimusic/kit/user-error.ts";
import { KeeperError } from "./errors.ts";

export { DEV_MNEMONIC, DEVNET_KEEPER_INDEX, devAccount, isDevnetChain } from "@flyaimusic/kit/devnet.ts";

/** The chain id a JSON-RPC endpoint answers with, asked before anything else is built (it picks the deployment). */
export async function probeChainId(url: string): Promise<number> {
  try {
    return Number(await kitProbeChainId(url, 5_000));
  } catch (error) {
    // the kit's hint names the CLIs' --rpc; the keeper reads FLYAI_KEEPER_RPC
    if (error instanceof UserError) throw new KeeperError(`${error.message}: is the node running? (FLYAI_KEEPER_RPC)`);
    throw error;
  }
}
