// Why a proposal cannot take the step the user asked for yet, in the user's terms ("voting ends in 4 min").
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { formatDate, formatMint, percent, relative, when } from "@flyaimusic/kit/format.ts";
import type { ProposalStatus } from "../proposals.ts";

export type Step = "vote" | "queue" | "execute";

function defeatReason(status: ProposalStatus): string {
  const counted = status.votes.for + status.votes.abstain;
  const reasons: string[] = [];
  if (counted < status.quorum) {
    reasons.push(
      `quorum not reached (${formatMint(counted)} of the ${formatMint(status.quorum)} needed, for + abstain)`,
    );
  }
  if (status.votes.for <= status.votes.against) {
    reasons.push(`${formatMint(status.votes.for)} for did not beat ${formatMint(status.votes.against)} against`);
  }
  return reasons.join("; ");
}

/** The CliError explaining why `step` cannot happen in the proposal's current state; undefined when it can. */
export function notReady(
  ctx: Context,
  id: bigint,
  status: ProposalStatus,
  now: number,
  step: Step,
): CliError | undefined {
  const gov = (command: string) => `npm run gov -- ${command} ${id}${ctx.networkFlags}`;
  const name = `proposal ${id}`;
  switch (status.state) {
    case "Pending":
      return new CliError(
        `${name} is Pending, not Active: voting opens ${relative(status.snapshot + 1n, now)} (at ${formatDate(status.snapshot + 1n)})`,
        step === "vote" ? "vote once voting opens" : `vote first; voting ends ${when(status.deadline, now)}`,
      );
    case "Active":
      if (step === "vote") return undefined;
      return new CliError(
        `${name} is still Active: voting ends ${relative(status.deadline, now)} (at ${formatDate(status.deadline)})`,
        `${step} it once voting has ended and the proposal passed; \`${gov("show")}\` shows the tally`,
      );
    case "Succeeded":
      if (step === "queue") return undefined;
      if (step === "vote")
        return new CliError(
          `${name} is not Active: voting has ended and it Succeeded`,
          `queue it: \`${gov("queue")}\``,
        );
      return new CliError(
        `${name} Succeeded but is not queued in the timelock yet`,
        `queue it first: \`${gov("queue")}\``,
      );
    case "Queued":
      if (step === "execute") {
        if (status.eta > BigInt(now)) {
          return new CliError(
            `${name} is Queued: timelock eta ${relative(status.eta, now)} (at ${formatDate(status.eta)})`,
            `execute it after that: \`${gov("execute")}\` (anyone may execute)`,
          );
        }
        return undefined;
      }
      return new CliError(
        `${name} is not ${step === "vote" ? "Active" : "Succeeded"}: it is already Queued, timelock eta ${when(status.eta, now)}`,
        `then: \`${gov("execute")}\``,
      );
    case "Defeated":
      return new CliError(
        `${name} is ${step === "vote" ? "not Active: it was " : ""}Defeated: ${defeatReason(status)}`,
      );
    case "Executed":
      return new CliError(
        step === "vote" ? `${name} is not Active: it was already Executed` : `${name} was already Executed`,
      );
    case "Canceled":
      return new CliError(`${name} was Canceled`);
    case "Expired":
      return new CliError(`${name} Expired`);
    default:
      return new CliError(`${name} is in an unknown state (${status.state})`);
  }
}

export function quorumLine(status: ProposalStatus): string {
  const counted = status.votes.for + status.votes.abstain;
  const open = status.state === "Pending" || status.state === "Active";
  const reached = counted >= status.quorum ? "reached" : open ? "not reached yet" : "not reached";
  const estimate = status.quorumFinal ? "" : " (estimate: fixed at the snapshot)";
  return `${formatMint(counted)} of ${formatMint(status.quorum)} (${percent(counted, status.quorum)}) ${reached}${estimate}`;
}
