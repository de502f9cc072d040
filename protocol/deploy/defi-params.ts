// Parameters of the DeFi suite: NFT staking, pools, fractions, royalty securitization. Each is owned by the timelock
// after deploy and changes only through a proposal within the contracts' bounds (quoted here so a bad file fails
// before anything is sent; tier weights within NFTStakingVault.MIN/MAX_TIER_WEIGHT). Reward rates and emission budgets are not deploy parameters: MINT is owned by the
// timelock from its first block, so the DAO grants them by proposal (the devnet runs that proposal when it seeds).
export interface DefiParams {
  staking: {
    /** Upper bound the timelock can set the reward rate to, whole MINT per second. */
    maxRewardRate: string;
    /** Weight of a staked track by tier (tier id -> weight). */
    tierWeights: { tier: number; weight: number }[];
    /** Account allowed to post play-based weight multipliers (the keeper); null for none. */
    keeper: string | null;
  };
  rewards: {
    /** Posts the epochs' Merkle roots (the keeper service); null: nobody until governance sets one. */
    keeper: string | null;
    /** May veto a root during its challenge window (a multisig); null: nobody. */
    guardian: string | null;
    /** Hours a posted root waits before claims use it (1..336). */
    challengeWindowHours: number;
    /** Largest increase of the cumulative total one root may declare, whole MINT (at most 10,000,000). */
    epochBudget: string;
  };
  securitization: {
    /** Shortest and longest term a creator can sell a royalty stream for, days. */
    minTermDays: number;
    maxTermDays: number;
    /** Largest supply of royalty shares per stream, whole shares (18 decimals applied on deploy). */
    maxSupply: string;
  };
}

export const DEFI_DEFAULTS: DefiParams = {
  staking: {
    maxRewardRate: "10",
    tierWeights: [
      { tier: 0, weight: 1 },
      { tier: 1, weight: 3 },
    ],
    keeper: null,
  },
  rewards: { keeper: null, guardian: null, challengeWindowHours: 24, epochBudget: "1000000" },
  securitization: { minTermDays: 30, maxTermDays: 3650, maxSupply: "1000000000000" },
};

export function defiProblems(defi: DefiParams): string[] {
  const problems: string[] = [];
  const { staking } = defi;
  if (!/^\d+(\.\d+)?$/.test(staking.maxRewardRate)) {
    problems.push(`defi.staking.maxRewardRate is not an amount: ${staking.maxRewardRate}`);
  }
  const tiers = new Set<number>();
  staking.tierWeights.forEach(({ tier, weight }, i) => {
    const at = `defi.staking.tierWeights[${i}]`;
    if (!Number.isInteger(tier) || tier < 0 || tier > 255) problems.push(`${at}.tier must be 0..255`);
    if (tiers.has(tier)) problems.push(`${at}.tier ${tier} is listed twice`);
    tiers.add(tier);
    if (!Number.isInteger(weight) || weight < 1 || weight > 1_000) problems.push(`${at}.weight must be 1..1000`);
  });
  if (staking.keeper !== null && !/^0x[0-9a-fA-F]{40}$/.test(staking.keeper)) {
    problems.push(`defi.staking.keeper must be an address or null`);
  }
  const { rewards } = defi;
  for (const role of ["keeper", "guardian"] as const) {
    const value = rewards[role];
    if (value !== null && !/^0x[0-9a-fA-F]{40}$/.test(value))
      problems.push(`defi.rewards.${role} must be an address or null`);
  }
  if (
    !Number.isInteger(rewards.challengeWindowHours) ||
    rewards.challengeWindowHours < 1 ||
    rewards.challengeWindowHours > 336
  ) {
    problems.push("defi.rewards.challengeWindowHours must be 1..336");
  }
  if (!/^\d+$/.test(rewards.epochBudget) || BigInt(rewards.epochBudget) > 10_000_000n) {
    problems.push("defi.rewards.epochBudget must be whole MINT, at most 10000000");
  }
  const { minTermDays, maxTermDays, maxSupply } = defi.securitization;
  // RoyaltyVaultFactory's hard limits: terms within 1 day..20 years, supply within 1..1e12 whole shares
  if (!Number.isInteger(minTermDays) || minTermDays < 1) problems.push("defi.securitization.minTermDays must be >= 1");
  if (!Number.isInteger(maxTermDays) || maxTermDays > 7300 || maxTermDays < minTermDays) {
    problems.push("defi.securitization.maxTermDays must be minTermDays..7300");
  }
  if (!/^\d+$/.test(maxSupply) || BigInt(maxSupply) < 1n || BigInt(maxSupply) > 10n ** 12n) {
    problems.push("defi.securitization.maxSupply must be 1..1000000000000 whole shares");
  }
  return problems;
}
