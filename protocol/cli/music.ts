// `npm run music -- <command> ...`: the music CLI (tracks, minting, listings, auctions, earnings). It shares the
// kit's CLI runner (network, keys, errors, output): see kit/cli/run.ts.
import { type Program, runCli } from "@flyaimusic/kit/cli/run.ts";
import { PROTOCOL_EXPLANATIONS } from "../explanations.ts";
import { auction, auctions, bid, settle } from "./commands/auctions.ts";
import { earnings, withdraw } from "./commands/earnings.ts";
import { buy, list, listings } from "./commands/market.ts";
import { mint } from "./commands/mint.ts";
import { track, tracks } from "./commands/tracks.ts";

export const MUSIC_PROGRAM: Program = {
  script: "music",
  about: "FlyAIMusic tracks: register (mint) with a copyright record, list, auction, buy, and collect royalties.",
  commands: [tracks, track, mint, listings, list, buy, auctions, auction, bid, settle, earnings, withdraw],
  explanations: PROTOCOL_EXPLANATIONS,
};

if (import.meta.main) {
  process.exitCode = await runCli(
    process.argv.slice(2),
    { stdout: process.stdout, stderr: process.stderr, env: process.env },
    MUSIC_PROGRAM,
  );
}
