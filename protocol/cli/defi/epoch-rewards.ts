// Reward epochs (listen, holder, create, engagement, discovery MINT): what the keeper computed for an account, what
// the RewardsDistributor has paid it, and the claim, with the Merkle proof fetched from the keeper's API.
import { RewardsDistributor__factory } from "@flyaimusic/bindings";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatMint, print } from "@flyaimusic/kit/format.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { getAddress, isAddress } from "ethers";

const DEFAULT_KEEPER_URL = "http://127.0.0.1:8600";

interface ProofAnswer {
  account: string;
  cumulative: string;
  proof: string[];
  epoch: number;
  root: string;
  status: string;
}

function keeperUrl(ctx: Context): string {
  return (ctx.args.options.get("keeper") ?? ctx.io.env.FLYAI_KEEPER_URL ?? DEFAULT_KEEPER_URL).replace(/\/$/, "");
}

function distributor(ctx: Context) {
  const deployed = ctx.deployment.contracts.RewardsDistributor;
  if (!deployed)
    throw new CliError(`no RewardsDistributor is deployed on chain ${ctx.chainId}`, "redeploy with `npm run deploy`");
  return RewardsDistributor__factory.connect(deployed.address, ctx.provider);
}

async function keeperGet<T>(ctx: Context, path: string): Promise<T | undefined> {
  const url = keeperUrl(ctx) + path;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new CliError(
      `cannot reach the keeper at ${keeperUrl(ctx)}`,
      "is it running? `npm start` runs one on the devnet; or pass --keeper <url>",
    );
  }
  if (response.status === 404) return undefined;
  const body = (await response.json()) as T & { reason?: string };
  if (!response.ok) throw new CliError(`the keeper refused: ${body.reason ?? response.status}`);
  return body;
}

async function who(ctx: Context, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if (!isAddress(given)) throw new CliError(`"${given}" is not an address`);
    return getAddress(given);
  }
  return (await ctx.signer()).getAddress();
}

export const epochRewards: Command = {
  name: "epoch-rewards",
  usage: "epoch-rewards [address] [--keeper <url>]",
  summary: "MINT earned in reward epochs (from the keeper), claimed so far and claimable now",
  options: ["keeper"],
  positionals: [0, 1],
  async run(args, io, connect) {
    const [given] = args.positionals;
    const ctx = await connect();
    const account = await who(ctx, given);
    const rewards = await keeperGet<{
      cumulative: string;
      byEpoch: { epoch: number; category: string; amount: string }[];
      claimable: ProofAnswer | null;
    }>(ctx, `/v1/rewards/${account}`);
    const claimed = await distributor(ctx).claimed(account);
    print(
      io,
      `${account}: earned ${formatMint(BigInt(rewards?.cumulative ?? "0"))} in reward epochs, claimed ${formatMint(claimed)}`,
    );
    for (const row of rewards?.byEpoch ?? []) {
      print(
        io,
        `  epoch ${String(row.epoch).padStart(3)}  ${row.category.padEnd(10)} ${formatMint(BigInt(row.amount))}`,
      );
    }
    const proof = rewards?.claimable;
    if (proof && BigInt(proof.cumulative) > claimed) {
      const what =
        proof.status === "live" ? "claimable now" : `in epoch ${proof.epoch}'s challenge window (not yet claimable)`;
      print(
        io,
        `${formatMint(BigInt(proof.cumulative) - claimed)} ${what}: npm run defi -- claim-epoch-rewards${ctx.networkFlags}`,
      );
    }
  },
};

export const claimEpochRewards: Command = {
  name: "claim-epoch-rewards",
  usage: "claim-epoch-rewards [address] [--keeper <url>]",
  summary: "claim MINT earned in reward epochs (for you, or for another address) with the keeper's Merkle proof",
  options: ["keeper"],
  positionals: [0, 1],
  async run(args, io, connect) {
    const [given] = args.positionals;
    const ctx = await connect();
    const signer = await ctx.signer();
    const account = given === undefined ? await signer.getAddress() : await who(ctx, given);
    const proof = await keeperGet<ProofAnswer>(ctx, `/v1/proofs/${account}`);
    if (!proof)
      throw new CliError(
        `the keeper has no rewards for ${account} in a posted root`,
        "listen first; rewards come when an epoch closes",
      );
    const contract = distributor(ctx);
    const [, liveRoot] = await contract.liveRoot();
    if (liveRoot.toLowerCase() !== proof.root.toLowerCase()) {
      const [latestEpoch, , , claimableAt] = await contract.latestRoot();
      throw new CliError(
        `epoch ${proof.epoch}'s root is not live yet (latest root: epoch ${latestEpoch}, claimable from ${new Date(Number(claimableAt) * 1000).toISOString()})`,
        "wait for its challenge window to pass (on the devnet: `npm run gov -- warp 1h`)",
      );
    }
    const claimed = await contract.claimed(account);
    if (BigInt(proof.cumulative) <= claimed)
      throw new CliError(`${account} has already claimed everything it earned (${formatMint(claimed)})`);
    const receipt = await send(io, "the claim", () =>
      contract.connect(signer).claim(account, proof.cumulative, proof.proof),
    );
    print(
      io,
      `claimed ${formatMint(BigInt(proof.cumulative) - claimed)} for ${account} (epoch ${proof.epoch}, gas ${receipt.gasUsed})`,
    );
  },
};
