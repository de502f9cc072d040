// `npm run gov -- <command> ...`: the governance CLI. Everything happens in runCli (run.ts), which tests call
// in-process; this file only hands it the process's arguments, streams and environment.
import { runCli } from "./run.ts";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
