// The governance CLI reads refusals with the governance explanations; everything else about errors is the kit's.
import { refusal as kitRefusal } from "@flyaimusic/kit/cli/errors.ts";
import type { UserError } from "@flyaimusic/kit/user-error.ts";
import { GOVERNANCE_EXPLANATIONS } from "../explanations.ts";

export { CliError } from "@flyaimusic/kit/cli/errors.ts";

/** A CliError in words for a governor or timelock refusal; undefined when `error` is no refusal. */
export function refusal(error: unknown, what: string): UserError | undefined {
  return kitRefusal(error, what, GOVERNANCE_EXPLANATIONS);
}
