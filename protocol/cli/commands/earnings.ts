import type { Command } from "@flyaimusic/kit/cli/command.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { print } from "@flyaimusic/kit/format.ts";
import { parseAddressOption, parseCurrency } from "../amounts.ts";
import { formatAmount, musicContracts } from "../contracts.ts";
import { send } from "@flyaimusic/kit/cli/send.ts";
import { allTracks } from "./tracks.ts";

export const earnings: Command = {
  name: "earnings",
  usage: "earnings [address] [--currency ETH|MINT]",
  summary: "what an account can withdraw from the royalty split across every track (as creator, curator, collector)",
  options: ["currency"],
  positionals: [0, 1],
  async run(args, io, connect) {
    const [text] = args.positionals;
    const ctx = await connect();
    const account = parseAddressOption(text, "address") ?? (await (await ctx.signer()).getAddress());
    const contracts = musicContracts(ctx);
    const asset = parseCurrency(args.options.get("currency"), ctx.deployment.contracts.MintToken.address);
    const ids = (await allTracks(ctx, contracts)).map((row) => row.tokenId);
    const amount = ids.length === 0 ? 0n : await contracts.splitter.claimable(account, asset, ids);
    print(io, `${account} can withdraw ${formatAmount(amount, asset)} from ${ids.length} tracks`);
  },
};

export const withdraw: Command = {
  name: "withdraw",
  usage: "withdraw [--currency ETH|MINT] [--to <address>]",
  summary: "withdraw everything you earned from the royalty split, across every track, in one transaction",
  options: ["currency", "to"],
  async run(args, io, connect) {
    const ctx = await connect();
    const signer = await ctx.signer();
    const me = await signer.getAddress();
    const to = parseAddressOption(args.options.get("to"), "to") ?? me;
    const contracts = musicContracts(ctx);
    const asset = parseCurrency(args.options.get("currency"), ctx.deployment.contracts.MintToken.address);
    const ids = (await allTracks(ctx, contracts)).map((row) => row.tokenId);
    const mine: bigint[] = [];
    for (const id of ids) if ((await contracts.splitter.claimable(me, asset, [id])) > 0n) mine.push(id);
    if (mine.length === 0) throw new CliError(`nothing to withdraw in ${args.options.get("currency") ?? "ETH"}`);
    const total = await contracts.splitter.claimable(me, asset, mine);
    const receipt = await send(io, "the withdrawal", () =>
      contracts.splitter.connect(signer).withdraw(asset, mine, to),
    );
    print(io, `withdrew ${formatAmount(total, asset)} from ${mine.length} tracks to ${to} (gas ${receipt.gasUsed})`);
  },
};
