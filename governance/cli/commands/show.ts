import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { Context } from "../context.ts";
import { formatMint, keyValues, percent, print, shortAddress, toJson, when } from "@flyaimusic/kit/format.ts";
import {
  allProposals,
  decodeAction,
  describeAction,
  findProposal,
  parseProposalId,
  proposalStatus,
  titleOf,
  withoutProposerSuffix,
} from "../proposals.ts";
import { proposalStateName } from "../../proposals/states.ts";
import { ARG_TYPES } from "@flyaimusic/kit/units.ts";
import { decodeActions } from "../../proposals/templates.ts";
import { quorumLine } from "./readiness.ts";

export const show: Command<Context> = {
  name: "show",
  usage: "show <proposalId> [--json]",
  summary: "a proposal's state, dates, tally against quorum, eta and decoded actions",
  options: ["json"],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [idText] = args.positionals;
    const id = parseProposalId(idText);
    const ctx = await connect();
    const status = await proposalStatus(ctx, id);
    const record = await findProposal(ctx, id);
    const actions = record.actions.map((action) => decodeAction(ctx.deployment, action));
    // the template that builds exactly these actions, if one does: the proposal in the words it was made with
    const fromTemplate = decodeActions(ctx.deployment, record.actions);
    const template = fromTemplate && {
      name: fromTemplate.template.name,
      arguments: Object.fromEntries(
        fromTemplate.template.args.map((arg) => [arg.name, ARG_TYPES[arg.type].show(fromTemplate.values[arg.name])]),
      ),
    };
    const title = titleOf(record.description);
    const extended = status.deadline > record.voteEnd;

    if (args.flags.has("json")) {
      print(
        io,
        toJson({
          proposalId: id,
          title,
          state: status.state,
          proposer: status.proposer,
          snapshot: status.snapshot,
          deadline: status.deadline,
          originalDeadline: record.voteEnd,
          eta: status.eta === 0n ? null : status.eta,
          votes: status.votes,
          quorum: status.quorum,
          quorumFinal: status.quorumFinal,
          quorumReached: status.votes.for + status.votes.abstain >= status.quorum,
          actions,
          template: template ?? null,
          description: record.description,
          blockNumber: record.blockNumber,
          transactionHash: record.transactionHash,
        }),
      );
      return;
    }
    const now = await ctx.now();
    const cast = status.votes.for + status.votes.against + status.votes.abstain;
    const body = withoutProposerSuffix(record.description)
      .replace(/^\s*#[^\n]*\n?/, "")
      .trim();
    print(
      io,
      keyValues([
        ["proposal", String(id)],
        ["title", title],
        ["state", status.state],
        ["proposer", status.proposer],
        ["created", `block ${record.blockNumber}, transaction ${record.transactionHash}`],
        ["snapshot", when(status.snapshot, now)],
        [
          "deadline",
          `${when(status.deadline, now)}${extended ? `\nextended by late quorum from ${when(record.voteEnd, now)}` : ""}`,
        ],
        ["for", `${formatMint(status.votes.for)} (${percent(status.votes.for, cast)})`],
        ["against", `${formatMint(status.votes.against)} (${percent(status.votes.against, cast)})`],
        ["abstain", `${formatMint(status.votes.abstain)} (${percent(status.votes.abstain, cast)})`],
        ["quorum", quorumLine(status)],
        ["eta", status.eta === 0n ? "not queued" : when(status.eta, now)],
        ["actions", actions.map((action, i) => `${i + 1}. ${describeAction(action)}`).join("\n")],
        ...(template
          ? ([
              [
                "template",
                [
                  template.name,
                  ...Object.entries(template.arguments).map(([name, value]) => `--${name}: ${value}`),
                ].join("\n"),
              ],
            ] as [string, string][])
          : []),
        ["description", body || "(empty)"],
      ]),
    );
  },
};

export const list: Command<Context> = {
  name: "list",
  usage: "list [--json]",
  summary: "every proposal on this governor with its state and title",
  options: ["json"],
  async run(args, io, connect) {
    const ctx = await connect();
    const records = await allProposals(ctx);
    const rows = await Promise.all(
      records.map(async (record) => {
        const [state, deadline, eta] = await Promise.all([
          ctx.governor.state(record.id),
          ctx.governor.proposalDeadline(record.id),
          ctx.governor.proposalEta(record.id),
        ]);
        return { record, state: proposalStateName(state), deadline, eta };
      }),
    );
    if (args.flags.has("json")) {
      print(
        io,
        toJson(
          rows.map(({ record, state, deadline, eta }) => ({
            proposalId: record.id,
            state,
            title: titleOf(record.description),
            proposer: record.proposer,
            snapshot: record.voteStart,
            deadline,
            eta: eta === 0n ? null : eta,
            blockNumber: record.blockNumber,
          })),
        ),
      );
      return;
    }
    if (rows.length === 0) {
      print(io, `no proposals yet on chain ${ctx.chainId}; \`npm run gov -- templates\` shows what can be proposed`);
      return;
    }
    const now = await ctx.now();
    const width = Math.max(...rows.map((row) => row.state.length)) + 2;
    const lines = rows.map(({ record, state, deadline, eta }) => {
      const timing =
        state === "Pending" || state === "Active"
          ? `voting ends ${when(deadline, now)}`
          : state === "Queued"
            ? `eta ${when(eta, now)}`
            : `voting ended ${when(deadline, now)}`;
      return `${state.padEnd(width)}${titleOf(record.description)}\n${" ".repeat(width)}id ${record.id}\n${" ".repeat(width)}by ${shortAddress(record.proposer)}, ${timing}`;
    });
    print(io, lines.join("\n\n"));
  },
};
