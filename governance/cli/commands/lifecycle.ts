// queue and execute: both re-submit the proposal's actions and description hash, recovered from its event.
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { formatEth, keyValues, print, when } from "@flyaimusic/kit/format.ts";
import { findProposal, formatActions, type ProposalRecord, parseProposalId, proposalStatus } from "../proposals.ts";
import { notReady, type Step } from "./readiness.ts";

async function ready(ctx: Context, idText: string, step: Step): Promise<{ id: bigint; record: ProposalRecord }> {
  const id = parseProposalId(idText);
  const status = await proposalStatus(ctx, id);
  const problem = notReady(ctx, id, status, await ctx.now(), step);
  if (problem) throw problem;
  return { id, record: await findProposal(ctx, id) };
}

function operands(record: ProposalRecord) {
  return [
    record.actions.map((action) => action.target),
    record.actions.map((action) => action.value),
    record.actions.map((action) => action.data),
    record.descriptionHash,
  ] as const;
}

export const queue: Command<Context> = {
  name: "queue",
  usage: "queue <proposalId>",
  summary: "queue a Succeeded proposal in the timelock (anyone may)",
  options: [],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [idText] = args.positionals;
    parseProposalId(idText);
    const ctx = await connect();
    const { id, record } = await ready(ctx, idText, "queue");
    const signer = await ctx.signer();
    const receipt = await send(io, "queueing", () => ctx.governor.connect(signer).queue(...operands(record)));
    const eta = await ctx.governor.proposalEta(id);
    const now = await ctx.now();
    print(
      io,
      keyValues([
        ["queued", String(id)],
        ["transaction", `${receipt.hash} (block ${receipt?.blockNumber})`],
        ["eta", when(eta, now)],
        ["next", `npm run gov -- execute ${id}${ctx.networkFlags}\n(after the eta; anyone may execute)`],
      ]),
    );
  },
};

export const execute: Command<Context> = {
  name: "execute",
  usage: "execute <proposalId>",
  summary: "execute a Queued proposal whose timelock eta has passed (anyone may)",
  options: [],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [idText] = args.positionals;
    parseProposalId(idText);
    const ctx = await connect();
    const { id, record } = await ready(ctx, idText, "execute");
    // The timelock pays the actions' ETH out of the treasury; the executor sends none.
    const needed = record.actions.reduce((sum, action) => sum + action.value, 0n);
    const treasury = await ctx.provider.getBalance(ctx.deployment.contracts.FlyTimelock.address);
    if (needed > treasury) {
      throw new CliError(
        `the actions send ${formatEth(needed)} but the treasury (the timelock) holds ${formatEth(treasury)}`,
        "send ETH to the timelock first, then execute",
      );
    }
    const signer = await ctx.signer();
    const receipt = await send(io, "executing", () => ctx.governor.connect(signer).execute(...operands(record)));
    print(
      io,
      keyValues([
        ["executed", String(id)],
        ["transaction", `${receipt.hash} (block ${receipt?.blockNumber})`],
        ["actions", formatActions(ctx.deployment, record.actions)],
      ]),
    );
  },
};
