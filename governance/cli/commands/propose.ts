import { readFileSync } from "node:fs";
import type { Deployment } from "@flyaimusic/bindings";
import { id as keccakText } from "ethers";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { formatDuration, formatMint, keyValues, note, print, toJson, when } from "@flyaimusic/kit/format.ts";
import { decodeAction, formatActions } from "../proposals.ts";
import { type Action, getTemplate, parseTemplateValues } from "../../proposals/templates.ts";

const USAGE = "propose <template> --<arg> <value> ... [--title <text>] [--description <text>] [--dry-run]";
const OPTIONS = ["title", "description", "description-file", "dry-run", "force", "json"] as const;

/**
 * `# <title>`, the body, then the `#proposer=<address>` suffix the governor requires (it binds the proposal to its
 * proposer, so nobody can front-run it with a copy).
 */
export function proposalDescription(title: string, body: string, proposer: string): string {
  return `# ${title}\n\n${body.trim()}\n\n#proposer=${proposer}`;
}

export const propose: Command<Context> = {
  name: "propose",
  usage: USAGE,
  summary: "propose from a named template (see `templates`); --dry-run shows the actions without sending",
  options: OPTIONS,
  positionals: [1, 1],
  optionsFor: ([name]) => (name ? getTemplate(name).args.map((arg) => arg.name) : []),
  async run(args, io, connect) {
    const [name] = args.positionals;
    const template = getTemplate(name);
    const values = parseTemplateValues(template, args.options);
    const title = (args.options.get("title") ?? template.title(values)).trim();
    if (title === "" || title.includes("\n") || title.length > 200) {
      throw new CliError("--title must be one line of 1 to 200 characters");
    }
    if (args.options.has("description") && args.options.has("description-file")) {
      throw new CliError("give either --description or --description-file, not both");
    }
    const file = args.options.get("description-file");
    let body = args.options.get("description") ?? `${template.summary}.`;
    if (file) {
      try {
        body = readFileSync(file, "utf8");
      } catch (error) {
        throw new CliError(`cannot read --description-file ${file}: ${(error as NodeJS.ErrnoException).code}`);
      }
    }
    const dryRun = args.flags.has("dry-run");
    const json = args.flags.has("json");

    const ctx = await connect();
    const { deployment, governor } = ctx;
    const actions = template.build(deployment, values);
    const targets = actions.map((action) => action.target);
    const amounts = actions.map((action) => action.value);
    const calldatas = actions.map((action) => action.data);
    const warnings = template.check
      ? await template.check({ deployment, provider: ctx.provider, governor, token: ctx.token }, values)
      : [];
    for (const warning of warnings) note(io, `warning: ${warning}`);

    const signer = dryRun ? await ctx.maybeSigner() : await ctx.signer();
    const proposer = signer ? await signer.getAddress() : undefined;
    const description = proposalDescription(title, body, proposer ?? "<your address>");
    const proposalId = proposer
      ? await governor.hashProposal(targets, amounts, calldatas, keccakText(description))
      : undefined;

    if (dryRun) {
      if (json) {
        print(
          io,
          toJson({ dryRun: true, proposalId, proposer, title, description, actions: actionsJson(deployment, actions) }),
        );
        return;
      }
      print(
        io,
        keyValues([
          ["dry run", "nothing was sent"],
          ["template", template.name],
          ["title", title],
          ["proposer", proposer ?? "(no key given: the description will name the signer)"],
          ...(proposalId === undefined ? [] : ([["proposal", String(proposalId)]] as [string, string][])),
          ["actions", formatActions(deployment, actions)],
          ["description", description],
        ]),
      );
      return;
    }
    if (!signer || !proposer || proposalId === undefined) throw new Error("unreachable: a send without a signer");

    if (warnings.length > 0 && !args.flags.has("force")) {
      throw new CliError(
        `the proposal might not execute: ${warnings.join("; ")}`,
        "pass --force to propose it anyway, or --dry-run to look at it",
      );
    }
    const [threshold, clock] = await Promise.all([governor.proposalThreshold(), governor.clock()]);
    // The governor reads the proposer's votes one second in the past.
    const votes = await governor.getVotes(proposer, clock - 1n);
    if (votes < threshold) {
      throw new CliError(
        `${proposer} has ${formatMint(votes)} of votes; proposing needs ${formatMint(threshold)} (the proposal threshold)`,
        "holders can delegate their votes to you with `npm run gov -- delegate <your address>`",
      );
    }
    if ((await governor.proposalSnapshot(proposalId)) !== 0n) {
      throw new CliError(
        `this exact proposal already exists: ${proposalId}`,
        "change --title or --description to propose the same actions again",
      );
    }

    const receipt = await send(io, "the proposal", () =>
      governor.connect(signer).propose(targets, amounts, calldatas, description),
    );
    const [snapshot, deadline] = await Promise.all([
      governor.proposalSnapshot(proposalId),
      governor.proposalDeadline(proposalId),
    ]);

    if (json) {
      print(
        io,
        toJson({
          proposalId,
          proposer,
          title,
          transactionHash: receipt.hash,
          blockNumber: receipt.blockNumber,
          snapshot,
          deadline,
          actions: actionsJson(deployment, actions),
        }),
      );
      return;
    }
    const now = await ctx.now();
    print(
      io,
      keyValues([
        ["proposed", title],
        ["proposal", String(proposalId)],
        ["proposer", proposer],
        ["transaction", `${receipt.hash} (block ${receipt.blockNumber})`],
        ["snapshot", `${when(snapshot, now)}: voting power is read at this moment`],
        [
          "voting",
          `opens ${when(snapshot + 1n, now)}\nends ${when(deadline, now)}, ${formatDuration(deadline - snapshot)} of voting`,
        ],
        ["actions", formatActions(deployment, actions)],
        ["next", `npm run gov -- vote ${proposalId} for --reason "..."${ctx.networkFlags}\n(once voting opens)`],
      ]),
    );
  },
};

function actionsJson(deployment: Deployment, actions: Action[]) {
  return actions.map((action) => decodeAction(deployment, action));
}
