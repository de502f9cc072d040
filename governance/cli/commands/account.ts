import { ZeroAddress } from "ethers";
import type { Command } from "@flyaimusic/kit/cli/command.ts";
import type { Context } from "../context.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { CliError } from "../errors.ts";
import { formatMint, keyValues, print, toJson } from "@flyaimusic/kit/format.ts";
import { ARG_TYPES } from "@flyaimusic/kit/units.ts";

function parseAddress(text: string, what: string): string {
  try {
    return ARG_TYPES.address.parse(text) as string;
  } catch (error) {
    throw new CliError(`${what}: ${(error as Error).message}`);
  }
}

export const power: Command<Context> = {
  name: "power",
  usage: "power [address] [--json]",
  summary: "an account's MINT balance, votes, delegate and opt-out (default: the key's account)",
  options: ["json"],
  positionals: [0, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const given = text === undefined ? undefined : parseAddress(text, "address");
    const ctx = await connect();
    let account = given;
    if (!account) {
      const signer = await ctx.maybeSigner();
      if (!signer) {
        throw new CliError("power needs an address, or a key to use its account", "npm run gov -- power <address>");
      }
      account = await signer.getAddress();
    }
    const { token, governor } = ctx;
    const [balance, votes, delegate, optedOut, threshold] = await Promise.all([
      token.balanceOf(account),
      token.getVotes(account),
      token.delegates(account),
      token.votingOptedOut(account),
      governor.proposalThreshold(),
    ]);
    if (args.flags.has("json")) {
      print(
        io,
        toJson({
          account,
          balance,
          votes,
          delegate,
          optedOut,
          proposalThreshold: threshold,
          canPropose: votes >= threshold,
        }),
      );
      return;
    }
    const delegateText =
      delegate === ZeroAddress
        ? "nobody: opted out of voting"
        : delegate === account
          ? "itself (holders vote without delegating)"
          : delegate;
    print(
      io,
      keyValues([
        ["account", account],
        ["balance", formatMint(balance)],
        ["votes", `${formatMint(votes)} (its own if it votes itself, plus what others delegated to it)`],
        ["delegate", delegateText],
        ["opted out", optedOut ? "yes" : "no"],
        ["can propose", `${votes >= threshold ? "yes" : "no"} (threshold ${formatMint(threshold)})`],
      ]),
    );
  },
};

export const delegate: Command<Context> = {
  name: "delegate",
  usage: "delegate <address|self|none>",
  summary: "count your MINT's votes for another account, yourself again, or nobody (opt out)",
  options: [],
  positionals: [1, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const choice = text === "self" || text === "none" ? text : parseAddress(text, "delegate");
    const ctx = await connect();
    const signer = await ctx.signer();
    const holder = await signer.getAddress();
    const to = choice === "self" ? holder : choice === "none" ? ZeroAddress : choice;
    const receipt = await send(io, "the delegation", () => ctx.token.connect(signer).delegate(to));
    const [balance, votesOfDelegate] = await Promise.all([
      ctx.token.balanceOf(holder),
      to === ZeroAddress ? Promise.resolve(0n) : ctx.token.getVotes(to),
    ]);
    print(
      io,
      keyValues([
        ["holder", holder],
        ["delegate", to === ZeroAddress ? "nobody: opted out of voting" : to === holder ? "itself" : to],
        ["balance", formatMint(balance)],
        ...(to === ZeroAddress ? [] : ([["delegate votes", formatMint(votesOfDelegate)]] as [string, string][])),
        ["transaction", `${receipt.hash} (block ${receipt?.blockNumber})`],
        ["note", "proposals whose snapshot is already past still count the old delegation"],
      ]),
    );
  },
};
