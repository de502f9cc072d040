// The governor's and timelock's custom errors in words, for every program that shows a governance user a refusal
// (the governance CLI today, the web app next). No node: imports.
import { formatMint } from "@flyaimusic/kit/format.ts";
import type { Explanations } from "@flyaimusic/kit/revert.ts";
import { proposalStateName } from "./proposals/states.ts";

const mint = (value: unknown) => formatMint(value as bigint);

export const GOVERNANCE_EXPLANATIONS: Explanations = {
  GovernorInsufficientProposerVotes: (a) =>
    `${a.proposer} has ${mint(a.votes)} of votes, below the proposal threshold of ${mint(a.threshold)}`,
  GovernorRestrictedProposer: (a) =>
    `the description's "#proposer=" suffix names another account: only the proposer it names may submit it (${a.proposer} may not)`,
  GovernorAlreadyCastVote: (a) => `${a.voter} has already voted on this proposal`,
  GovernorUnexpectedProposalState: (a) => {
    const expected = BigInt(a.expectedStates as string);
    const names = [0, 1, 2, 3, 4, 5, 6, 7].filter((s) => (expected >> BigInt(s)) & 1n).map(proposalStateName);
    return `the proposal is ${proposalStateName(Number(a.current))}; this needs it to be ${names.join(" or ") || "in another state"}`;
  },
  GovernorNonexistentProposal: (a) => `there is no proposal ${a.proposalId}`,
  GovernorOnlyExecutor: (a) => `${a.account} is not the governance executor (the timelock)`,
  TimelockUnexpectedOperationState: () =>
    "the timelock operation is not ready (not queued, or its delay has not passed)",
  TimelockUnexecutedPredecessor: (a) => `the timelock operation waits for ${a.predecessorId} to execute first`,
  TimelockInsufficientDelay: (a) => `the timelock delay ${a.delay} s is below its minimum of ${a.minDelay} s`,
  ERC5805FutureLookup: () => "that time point is not in the past yet",
};
