// Deploy steps of the music core: MusicNFT (the copyright registry), the RoyaltySplitter. The deployer wires what
// must be wired, then every contract's parameters belong to the timelock.
import { type MusicNFT, MusicNFT__factory, type RoyaltySplitter, RoyaltySplitter__factory } from "@flyaimusic/bindings";
import type { DeployContext } from "@flyaimusic/governance/deploy/context.ts";
import { getCreateAddress, parseEther, ZeroAddress } from "ethers";
import type { MusicParams } from "./params.ts";

export const MUSIC_STEPS = 2;

export interface MusicContracts {
  music: MusicNFT;
  splitter: RoyaltySplitter;
}

export async function deployMusic(
  ctx: DeployContext,
  params: MusicParams,
  addresses: { timelock: string; mintToken: string },
): Promise<MusicContracts> {
  const { signer, deployer } = ctx;
  const provider = signer.provider;
  if (!provider) throw new Error("deploy: the signer has no provider");

  ctx.progress("MusicNFT (the copyright registry) and RoyaltySplitter");
  // MusicNFT names the splitter as its royalty receiver, and the splitter reads MusicNFT: the splitter is the
  // deployer's next contract after MusicNFT, so its address is known in advance.
  const nonce = await provider.getTransactionCount(deployer, "pending");
  const splitterAddress = getCreateAddress({ from: deployer, nonce: nonce + 1 });
  const tiers = params.tiers.map((tier) => ({
    enabled: true,
    feeToken: tier.feeToken === "ETH" ? ZeroAddress : addresses.mintToken,
    mintFee: parseEther(tier.mintFee),
    royaltyBps: tier.royaltyBps,
    maxCoAuthors: tier.maxCoAuthors,
    flags: tier.flags,
  }));
  const music = await ctx.deployed(
    "MusicNFT",
    await new MusicNFT__factory(signer).deploy(
      addresses.timelock,
      addresses.timelock,
      splitterAddress,
      parseEther(params.maxMintFee),
      params.tiers.map((tier) => tier.id),
      tiers,
      { nonce },
    ),
  );
  // owned by the deployer until the sale contracts are registered, then handed to the timelock
  const splitter = await ctx.deployed(
    "RoyaltySplitter",
    await new RoyaltySplitter__factory(signer).deploy(
      deployer,
      await music.getAddress(),
      addresses.timelock,
      params.split,
      params.curatorResaleBps,
      { nonce: nonce + 1 },
    ),
  );
  if ((await splitter.getAddress()) !== splitterAddress) throw new Error("deploy: the splitter is not where predicted");
  return { music, splitter };
}

/** Hands the splitter to the timelock once the sale contracts are registered. */
export async function handMusicToTimelock(ctx: DeployContext, contracts: MusicContracts, timelock: string) {
  ctx.progress("music core: the timelock owns every parameter");
  await ctx.sent(contracts.splitter.transferOwnership(timelock), "splitter ownership");
}
