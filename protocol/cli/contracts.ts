// The music contracts of the deployment the CLI is connected to, with a clear error when a chain has not got them.
import {
  type IDutchAuction,
  IDutchAuction__factory,
  type IMarketplace,
  IMarketplace__factory,
  type MusicNFT,
  MusicNFT__factory,
  type RoyaltySplitter,
  RoyaltySplitter__factory,
} from "@flyaimusic/bindings";
import type { ChainContext as Context } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { formatEther, formatUnits, ZeroAddress } from "ethers";

export interface MusicContracts {
  music: MusicNFT;
  splitter: RoyaltySplitter;
  market: IMarketplace | undefined;
  auction: IDutchAuction | undefined;
}

export function musicContracts(ctx: Context): MusicContracts {
  const { contracts } = ctx.deployment;
  if (!contracts.MusicNFT || !contracts.RoyaltySplitter) {
    throw new CliError(
      `the music core is not deployed on chain ${ctx.chainId}`,
      "redeploy with `npm run deploy` (or restart the devnet with `npm start`)",
    );
  }
  return {
    music: MusicNFT__factory.connect(contracts.MusicNFT.address, ctx.provider),
    splitter: RoyaltySplitter__factory.connect(contracts.RoyaltySplitter.address, ctx.provider),
    market: contracts.Marketplace
      ? IMarketplace__factory.connect(contracts.Marketplace.address, ctx.provider)
      : undefined,
    auction: contracts.DutchAuction
      ? IDutchAuction__factory.connect(contracts.DutchAuction.address, ctx.provider)
      : undefined,
  };
}

export function requireMarket(ctx: Context, contracts: MusicContracts): IMarketplace {
  if (!contracts.market) throw new CliError(`no Marketplace is deployed on chain ${ctx.chainId}`);
  return contracts.market;
}

export function requireAuction(ctx: Context, contracts: MusicContracts): IDutchAuction {
  if (!contracts.auction) throw new CliError(`no DutchAuction is deployed on chain ${ctx.chainId}`);
  return contracts.auction;
}

/** "0.25 ETH" / "100 MINT" for an amount in `currency` (address(0) = ETH, else MINT). */
export function formatAmount(amount: bigint, currency: string): string {
  return currency === ZeroAddress ? `${formatEther(amount)} ETH` : `${formatUnits(amount, 18)} MINT`;
}

/** 0x-hex token id (the content hash) shortened for tables: 0x1234…cdef. */
export function shortId(tokenId: bigint): string {
  const hex = `0x${tokenId.toString(16).padStart(64, "0")}`;
  return `${hex.slice(0, 8)}…${hex.slice(-6)}`;
}

export function idHex(tokenId: bigint): string {
  return `0x${tokenId.toString(16).padStart(64, "0")}`;
}

/** A track id as typed: the 0x content hash (64 hex digits) or a decimal token id. */
export function parseTrackId(text: string | undefined): bigint {
  if (text === undefined) throw new CliError("give a track: its 0x content hash or token id");
  if (/^0x[0-9a-fA-F]{64}$/.test(text) || /^\d+$/.test(text)) return BigInt(text);
  throw new CliError(`"${text}" is not a track id`, "a track id is its content hash: 0x and 64 hex digits");
}
