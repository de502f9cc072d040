// Governance parameters of a deployment (MINT, governor, timelock) and their checks. The suite's parameter file
// (deploy/params.ts) carries these beside the other areas' parameters; real networks take theirs from a JSON file
// (see governance/deploy/networks/*.json); the devnet uses short periods so a person can walk a proposal through
// propose -> vote -> queue -> execute in minutes.
import { getAddress, parseEther } from "ethers";

export interface GenesisAllocation {
  holder: string;
  /** whole MINT (18 decimals applied on deploy) */
  amount: string;
  label?: string;
}

export interface GovernanceParams {
  /** Cap on MINT total supply, whole tokens. */
  maxSupply: string;
  /** Genesis allocation; the treasury (timelock) share is `treasuryAmount`. */
  genesis: GenesisAllocation[];
  /** Genesis MINT minted straight to the timelock (the treasury). */
  treasuryAmount: string;
  /** Seconds from propose to the vote snapshot. */
  votingDelay: number;
  /** Seconds of voting. */
  votingPeriod: number;
  /** Whole MINT of votes needed to propose. */
  proposalThreshold: string;
  /** Percent of total supply at the snapshot that must vote for or abstain. */
  quorumPercent: number;
  /** Seconds voting is extended when quorum is reached late. */
  lateQuorumExtension: number;
  /** Timelock minimum delay, seconds. */
  timelockMinDelay: number;
}

/** Production defaults (mainnet-like): the numbers a DAO of this size commonly starts with. */
export const GOVERNANCE_DEFAULTS: Omit<GovernanceParams, "genesis"> = {
  maxSupply: "1000000000",
  treasuryAmount: "400000000",
  votingDelay: 86_400,
  votingPeriod: 5 * 86_400,
  proposalThreshold: "100000",
  quorumPercent: 4,
  lateQuorumExtension: 2 * 86_400,
  timelockMinDelay: 2 * 86_400,
};

/** The devnet's periods: short enough to walk a proposal through by hand. */
export const DEVNET_GOVERNANCE_PERIODS = {
  votingDelay: 60,
  votingPeriod: 600,
  lateQuorumExtension: 120,
  timelockMinDelay: 120,
} as const;

/**
 * Genesis MINT (whole tokens) of the demo voters used by the devnet (accounts 1 to 4) and the tests. With 400M in the
 * treasury the 4% quorum is 16.88M, which alice and bob reach together and nobody reaches alone.
 */
export const DEMO_GENESIS = { alice: "12000000", bob: "6000000", carol: "3000000", dave: "1000000" } as const;

/** Every problem with the governance parameters, each naming its field (empty when they can work). */
export function governanceProblems(params: GovernanceParams): string[] {
  const problems: string[] = [];
  const whole = (name: string, value: unknown) => {
    if (typeof value !== "string" || !/^\d+$/.test(value))
      problems.push(`${name} must be a whole number of MINT as a string`);
  };
  whole("maxSupply", params.maxSupply);
  whole("treasuryAmount", params.treasuryAmount);
  whole("proposalThreshold", params.proposalThreshold);
  if (!Array.isArray(params.genesis)) problems.push("genesis must be a list of { holder, amount }");
  else
    params.genesis.forEach((g, i) => {
      try {
        getAddress(g.holder);
      } catch {
        problems.push(`genesis[${i}].holder is not an address: ${g.holder}`);
      }
      whole(`genesis[${i}].amount`, g.amount);
    });
  for (const key of ["votingDelay", "votingPeriod", "lateQuorumExtension", "timelockMinDelay"] as const) {
    if (!Number.isInteger(params[key]) || params[key] < 0)
      problems.push(`${key} must be a non-negative integer (seconds)`);
  }
  if (params.votingPeriod === 0) problems.push("votingPeriod must be above 0");
  if (params.lateQuorumExtension > params.votingPeriod) problems.push("lateQuorumExtension cannot exceed votingPeriod");
  if (!Number.isInteger(params.quorumPercent) || params.quorumPercent < 1 || params.quorumPercent > 100)
    problems.push("quorumPercent must be an integer from 1 to 100");
  if (problems.length === 0) {
    const total = params.genesis.reduce((sum, g) => sum + parseEther(g.amount), parseEther(params.treasuryAmount));
    if (total > parseEther(params.maxSupply)) problems.push("genesis plus treasury exceeds maxSupply");
    // the governor keeps tallies in uint96 (see GovernorPackedTally): every vote must fit
    if (parseEther(params.maxSupply) > (1n << 96n) - 1n) problems.push("maxSupply must stay below 79,228,162,514 MINT");
  }
  return problems;
}
