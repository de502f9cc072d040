// The music and DeFi contracts' custom errors in words, for every program that shows their users a refusal (the
// music and DeFi CLIs today, the web app next). Amounts are in the sale's currency (ETH or MINT, 18 decimals).
// No node: imports.
import { formatDate } from "@flyaimusic/kit/format.ts";
import type { Explanations } from "@flyaimusic/kit/revert.ts";
import { formatEther } from "ethers";

const amount = (value: unknown) => formatEther(value as bigint);

export const PROTOCOL_EXPLANATIONS: Explanations = {
  MarketplaceNotTokenOwner: (a) => `${a.caller} does not own the track it tries to list`,
  MarketplaceNotApproved: () => "the marketplace is not approved to move the track (approve it, then list)",
  MarketplaceNotListed: (a) => `track ${a.tokenId} is not listed for sale`,
  MarketplaceListingExpired: (a) => `the listing of track ${a.tokenId} expired at ${formatDate(a.expiresAt as bigint)}`,
  MarketplaceWrongPayment: (a) => `the payment is ${amount(a.sent)}, but the price is ${amount(a.price)}`,
  MarketplacePriceChanged: (a) =>
    `the seller changed the price from ${amount(a.expected)} to ${amount(a.actual)} before your purchase`,
  DutchAuctionPriceAboveMax: (a) =>
    `the auction's price is ${amount(a.price)}, above your maximum of ${amount(a.maxPrice)}`,
  DutchAuctionInsufficientPayment: (a) => `the bid pays ${amount(a.sent)}, below the price of ${amount(a.price)}`,
  DutchAuctionNotEnded: (a) => `the auction of track ${a.tokenId} runs until ${formatDate(a.endTime as bigint)}`,
  DutchAuctionNotSeller: (a) => `${a.caller} is not the auction's seller`,
  RoyaltySplitterNothingToWithdraw: () => "there is nothing to withdraw in that currency",
  RoyaltySplitterUnknownTrack: (a) => `track ${a.tokenId} has no royalty split (it was never minted here)`,
  SaleSettlementNothingToWithdraw: () => "there are no sale proceeds to withdraw in that currency",
  NFTStakingVaultNotStaker: (a) => `${a.caller} did not stake track ${a.tokenId}`,
  NFTStakingVaultNothingToClaim: (a) => `${a.staker} has no staking rewards to claim`,
  FractionVaultInsufficientFractions: (a) =>
    `the account holds ${amount(a.available)} fractions, less than the ${amount(a.required)} needed`,
  FractionVaultWindowClosed: (a) => `the buyout's objection window closed at ${formatDate(a.end as bigint)}`,
  FractionVaultBuyoutNotEnded: (a) => `the buyout runs until ${formatDate(a.end as bigint)}`,
  FractionalizerAlreadyFractionalized: (a) => `track ${a.tokenId} is already fractionalized (vault ${a.vault})`,
  RouterInsufficientOutput: (a) =>
    `the swap would give ${amount(a.amountOut)}, below your minimum of ${amount(a.amountOutMin)} (price moved; raise the slippage or retry)`,
  RouterExpired: (a) => `the swap's deadline ${formatDate(a.deadline as bigint)} has passed`,
  RoyaltyVaultPriceAboveMax: (a) =>
    `the share price is ${amount(a.price)}, above your maximum of ${amount(a.maxPrice)}`,
  RoyaltyVaultSaleClosed: () => "the royalty share sale is closed",
  IncomeSharesNothingToClaim: () => "there is no income to claim",
  RewardsDistributorRootPending: (a) =>
    `epoch ${a.epoch}'s rewards can be claimed from ${formatDate(a.claimableAt as bigint)} (the guardian's veto window)`,
  RewardsDistributorVetoed: (a) => `epoch ${a.epoch}'s rewards root was vetoed by the guardian`,
};
