// `npm run bridge -- <command> ...`: move tracks and MINT between chains over LayerZero and show a track's
// provenance on any chain. It shares the governance CLI's machinery (network, keys, errors, output).
import { type Program, runCli } from "@flyaimusic/kit/cli/run.ts";
import { BRIDGE_EXPLANATIONS } from "../explanations.ts";
import { sendMint, sendTrack, track } from "./commands.ts";

export const BRIDGE_PROGRAM: Program = {
  script: "bridge",
  about: "FlyAIMusic bridges: send a track (with its provenance) or MINT to another chain; show a track anywhere.",
  commands: [track, sendTrack, sendMint],
  explanations: BRIDGE_EXPLANATIONS,
};

if (import.meta.main) {
  process.exitCode = await runCli(
    process.argv.slice(2),
    { stdout: process.stdout, stderr: process.stderr, env: process.env },
    BRIDGE_PROGRAM,
  );
}
