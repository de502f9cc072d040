// `npm run gov -- <command> ...`: the governance CLI. Everything happens in the kit's runCli, which tests call
// in-process; this file only hands it the process's arguments, streams and environment.
import { runCli } from "@flyaimusic/kit/cli/run.ts";
import { GOV_PROGRAM } from "./program.ts";

process.exitCode = await runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env },
  GOV_PROGRAM,
);
