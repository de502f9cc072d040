import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { Context } from "../context.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { CliError } from "../errors.ts";
import { formatDate, formatMint, keyValues, percent, print, relative, when } from "@flyaimusic/kit/format.ts";
import { parseProposalId, proposalStatus } from "../proposals.ts";
import { notReady, quorumLine } from "./readiness.ts";

const USAGE = "vote <proposalId> <for|against|abstain> [--reason <text>]";
const OPTIONS = ["reason"] as const;

/** Bravo vote types, as the governor counts them. */
const SUPPORT: Record<string, { value: number; label: string }> = {
  against: { value: 0, label: "Against" },
  for: { value: 1, label: "For" },
  abstain: { value: 2, label: "Abstain" },
};

export const vote: Command<Context> = {
  name: "vote",
  usage: USAGE,
  summary: "vote on an Active proposal, optionally with a reason",
  options: OPTIONS,
  positionals: [2, 2],
  async run(args, io, connect) {
    const [idText, supportText] = args.positionals;
    const id = parseProposalId(idText);
    const support = SUPPORT[supportText.toLowerCase()];
    if (!support) throw new CliError(`"${supportText}" is not a vote`, "vote for, against or abstain");
    const reason = args.options.get("reason");

    const ctx = await connect();
    const { governor } = ctx;
    const status = await proposalStatus(ctx, id);
    const now = await ctx.now();
    const problem = notReady(ctx, id, status, now, "vote");
    if (problem) throw problem;
    const signer = await ctx.signer();
    const voter = await signer.getAddress();
    if (await governor.hasVoted(id, voter)) {
      throw new CliError(`${voter} has already voted on proposal ${id}`, "a vote cannot be changed");
    }
    const weight = await governor.getVotes(voter, status.snapshot);
    if (weight === 0n) {
      throw new CliError(
        `${voter} had no votes at the proposal's snapshot (${formatDate(status.snapshot)})`,
        "voting power is read at the snapshot: MINT received or delegated after it does not count on this proposal",
      );
    }

    const voting = governor.connect(signer);
    const receipt = await send(io, "the vote", () =>
      reason ? voting.castVoteWithReason(id, support.value, reason) : voting.castVote(id, support.value),
    );
    const after = await proposalStatus(ctx, id);
    const cast = after.votes.for + after.votes.against + after.votes.abstain;
    const extended = after.deadline > status.deadline ? " (extended: quorum was reached late)" : "";
    const later = await ctx.now();
    print(
      io,
      keyValues([
        ["voted", `${support.label}, with ${formatMint(weight)}`],
        ...(reason ? ([["reason", reason]] as [string, string][]) : []),
        ["voter", voter],
        ["transaction", `${receipt.hash} (block ${receipt?.blockNumber})`],
        ["for", `${formatMint(after.votes.for)} (${percent(after.votes.for, cast)})`],
        ["against", `${formatMint(after.votes.against)} (${percent(after.votes.against, cast)})`],
        ["abstain", `${formatMint(after.votes.abstain)} (${percent(after.votes.abstain, cast)})`],
        ["quorum", quorumLine(after)],
        ["voting ends", `${when(after.deadline, later)}${extended}`],
        [
          "next",
          `npm run gov -- queue ${id}${ctx.networkFlags}\n(once voting ends ${relative(after.deadline, later)}, if it passes)`,
        ],
      ]),
    );
  },
};
