// The governance CLI as a program for the kit's runner: its commands, its context and its errors in words.
import type { Program } from "@flyaimusic/kit/cli/run.ts";
import { GOVERNANCE_EXPLANATIONS } from "../explanations.ts";
import { delegate, power } from "./commands/account.ts";
import { execute, queue } from "./commands/lifecycle.ts";
import { propose } from "./commands/propose.ts";
import { list, show } from "./commands/show.ts";
import { templatesCommand } from "./commands/templates.ts";
import { vote } from "./commands/vote.ts";
import { warp } from "./commands/warp.ts";
import { type Context, governanceContext } from "./context.ts";

export const GOV_PROGRAM: Program<Context> = {
  script: "gov",
  about: "FlyAIMusic governance: propose from templates, vote, queue, execute, inspect.",
  commands: [templatesCommand, propose, vote, queue, execute, show, list, delegate, power, warp],
  explanations: GOVERNANCE_EXPLANATIONS,
  extend: governanceContext,
};
