// OpenZeppelin's IGovernor.ProposalState, in enum order.
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

export const STATE = {
  Pending: 0,
  Active: 1,
  Canceled: 2,
  Defeated: 3,
  Succeeded: 4,
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;

export function proposalStateName(state: number | bigint): ProposalStateName | `Unknown(${string})` {
  return PROPOSAL_STATES[Number(state)] ?? `Unknown(${state})`;
}
