// NFT staking: what an account has staked and earned, and the stake / unstake / claim commands.
import { type NFTStakingVault, NFTStakingVault__factory } from "@flyaimusic/bindings";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatMint, print } from "@flyaimusic/kit/format.ts";
import { chunkedLogs } from "@flyaimusic/kit/logs.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { musicContracts, parseTrackId, shortId } from "../contracts.ts";
import type { PositionSection } from "./section.ts";

export function stakingVault(ctx: Context): NFTStakingVault {
  const deployed = ctx.deployment.contracts.NFTStakingVault;
  if (!deployed) {
    throw new CliError(`no NFTStakingVault is deployed on chain ${ctx.chainId}`, "redeploy with `npm run deploy`");
  }
  return NFTStakingVault__factory.connect(deployed.address, ctx.provider);
}

/** The tracks `account` has staked now (from Staked events, confirmed by `stakeOf`). */
export async function stakedBy(ctx: Context, vault: NFTStakingVault, account: string): Promise<bigint[]> {
  const deployed = ctx.deployment.contracts.NFTStakingVault;
  const topic = vault.interface.getEvent("Staked").topicHash;
  const logs = await chunkedLogs(ctx, deployed.address, topic, deployed.blockNumber);
  const ids = new Set<bigint>();
  for (const log of logs) {
    const parsed = vault.interface.parseLog(log);
    if (parsed && (parsed.args[0] as string).toLowerCase() === account.toLowerCase()) ids.add(parsed.args[1] as bigint);
  }
  const still: bigint[] = [];
  for (const id of ids) {
    const [staker] = await vault.stakeOf(id);
    if (staker.toLowerCase() === account.toLowerCase()) still.push(id);
  }
  return still;
}

export async function stakingSection(ctx: Context, account: string): Promise<PositionSection | undefined> {
  if (!ctx.deployment.contracts.NFTStakingVault) return undefined;
  const vault = stakingVault(ctx);
  const [ids, pending, weight, total, rate] = await Promise.all([
    stakedBy(ctx, vault, account),
    vault.pendingRewards(account),
    vault.weightOf(account),
    vault.totalWeight(),
    vault.rewardRate(),
  ]);
  if (ids.length === 0 && pending === 0n) return undefined;
  const perDay = total === 0n ? 0n : (rate * 86_400n * weight) / total;
  const lines = ids.map((id) => `staked    ${shortId(id)}`);
  lines.push(`weight    ${weight} of ${total} staked (earning ~${formatMint(perDay)}/day at the current rate)`);
  lines.push(`pending   ${formatMint(pending)}  (\`npm run defi -- claim-rewards\` mints it to you)`);
  return {
    title: "NFT staking",
    lines,
    json: { staked: ids.map((id) => `0x${id.toString(16).padStart(64, "0")}`), weight, totalWeight: total, pending },
  };
}

function trackIds(args: { positionals: string[] }): bigint[] {
  return args.positionals.map((text) => parseTrackId(text));
}

export const stake: Command = {
  name: "stake",
  usage: "stake <track id>...",
  summary: "stake your tracks in the NFT staking vault (approves the vault once) to earn MINT",
  options: [],
  positionals: [1, Infinity],
  async run(args, io, connect) {
    const ids = trackIds(args);
    const ctx = await connect();
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const vault = stakingVault(ctx);
    const { music } = musicContracts(ctx);
    for (const id of ids) {
      const owner = await music.ownerOf(id).catch(() => undefined);
      if (owner?.toLowerCase() !== me.toLowerCase()) throw new CliError(`you do not hold ${shortId(id)}`);
    }
    const vaultAddress = await vault.getAddress();
    if (!(await music.isApprovedForAll(me, vaultAddress))) {
      await send(io, "the approval", () => music.connect(signer).setApprovalForAll(vaultAddress, true));
    }
    const receipt = await send(io, "the stake", () => vault.connect(signer).stake(ids));
    print(io, `staked ${ids.length} track(s); weight now ${await vault.weightOf(me)} (gas ${receipt.gasUsed})`);
  },
};

export const unstake: Command = {
  name: "unstake",
  usage: "unstake <track id>...",
  summary: "take staked tracks back (their rewards so far stay yours to claim)",
  options: [],
  positionals: [1, Infinity],
  async run(args, io, connect) {
    const ids = trackIds(args);
    const ctx = await connect();
    const signer = await ctx.signer();
    const vault = stakingVault(ctx);
    const receipt = await send(io, "the unstake", () => vault.connect(signer).unstake(ids));
    print(io, `unstaked ${ids.length} track(s) (gas ${receipt.gasUsed})`);
  },
};

export const claimRewards: Command = {
  name: "claim-rewards",
  usage: "claim-rewards",
  summary: "mint your pending NFT staking rewards (MINT) to you",
  options: [],
  async run(args, io, connect) {
    const ctx = await connect();
    const signer = await ctx.signer();
    const vault = stakingVault(ctx);
    const pending = await vault.pendingRewards(await signer.getAddress());
    if (pending === 0n) throw new CliError("no staking rewards to claim", "stake a track first: `defi -- stake <id>`");
    const receipt = await send(io, "the claim", () => vault.connect(signer).claim());
    print(io, `claimed about ${formatMint(pending)} (gas ${receipt.gasUsed})`);
  },
};
