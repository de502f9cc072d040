// Deploy steps of the music core: MusicNFT (the copyright registry), the RoyaltySplitter, the Marketplace and the
// DutchAuction. The deployer wires what must be wired (sale recorders, the auction keeper), then every contract's
// parameters belong to the timelock.
import {
  type DutchAuction,
  DutchAuction__factory,
  type Marketplace,
  Marketplace__factory,
  type MusicNFT,
  MusicNFT__factory,
  type RoyaltySplitter,
  RoyaltySplitter__factory,
} from "@flyaimusic/bindings";
import type { DeployContext } from "@flyaimusic/kit/deploy/context.ts";
import { getCreateAddress, parseEther, ZeroAddress } from "ethers";
import type { MusicParams } from "./params.ts";

export const MUSIC_STEPS = 4;

export interface MusicContracts {
  music: MusicNFT;
  splitter: RoyaltySplitter;
  market: Marketplace;
  auction: DutchAuction;
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
      params.minCommitAge,
      params.commitWindow,
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

  ctx.progress("Marketplace and DutchAuction");
  const saleArgs = [
    await music.getAddress(),
    splitterAddress,
    addresses.mintToken,
    addresses.timelock,
    params.protocolFeeBps,
  ] as const;
  const market = await ctx.deployed(
    "Marketplace",
    await new Marketplace__factory(signer).deploy(addresses.timelock, ...saleArgs),
  );
  // owned by the deployer until the keeper is set
  const auction = await ctx.deployed(
    "DutchAuction",
    await new DutchAuction__factory(signer).deploy(deployer, ...saleArgs),
  );

  ctx.progress("splitter: the marketplace and the auction record sales; the keeper may start opted-in auctions");
  await ctx.sent(splitter.setSaleRecorder(await market.getAddress(), true), "marketplace as sale recorder");
  await ctx.sent(splitter.setSaleRecorder(await auction.getAddress(), true), "auction as sale recorder");
  if (params.auctionKeeper) await ctx.sent(auction.setKeeper(params.auctionKeeper, true), "auction keeper");
  return { music, splitter, market, auction };
}

/** Hands what the deployer still owns to the timelock, once everything is wired. */
export async function handMusicToTimelock(ctx: DeployContext, contracts: MusicContracts, timelock: string) {
  ctx.progress("music core: the timelock owns every parameter");
  await ctx.sent(contracts.splitter.transferOwnership(timelock), "splitter ownership");
  await ctx.sent(contracts.auction.transferOwnership(timelock), "auction ownership");
}
