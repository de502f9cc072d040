// The HTTP API's request shapes as zod schemas: Fastify validates params, queries and bodies with them, and the
// OpenAPI document (GET /v1/openapi.json) is generated from them. No node: imports, so the web app can import the
// same schemas. A failed check answers 400 with the schema's message as the reason.
import { z } from "zod";
import { engagementSchema, listeningReportSchema } from "../plays/schemas.ts";

export { engagementSchema, listeningReportSchema };

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const TRACK_ID = /^\d{1,78}$/;

export const accountParams = z.object({
  account: z
    .string({ error: "account must be a 0x address" })
    .regex(ADDRESS, { error: "account must be a 0x address" }),
});

export const trackParams = z.object({
  trackId: z
    .string({ error: "trackId must be the track's decimal token id" })
    .regex(TRACK_ID, { error: "trackId must be the track's decimal token id" })
    .refine((id) => !TRACK_ID.test(id) || BigInt(id) < 2n ** 256n, {
      error: "trackId must be the track's decimal token id",
    }),
});

const epochNumber = z
  .string({ error: "epoch must be a whole number" })
  .regex(/^\d{1,12}$/, { error: "epoch must be a whole number" })
  .transform(Number);

export const epochParams = z.object({ epoch: epochNumber });

export const proofQuery = z.object({ epoch: epochNumber.optional() });

export const pricingQuery = z.object({
  kind: z.enum(["listing", "auction"], { error: "kind must be listing or auction" }).default("listing"),
  currency: z
    .string({ error: "currency must be a 0x address (0x000…0 for ETH)" })
    .regex(ADDRESS, { error: "currency must be a 0x address (0x000…0 for ETH)" })
    .default("0x0000000000000000000000000000000000000000"),
  minReserve: z
    .string({ error: "minReserve must be wei, a whole number" })
    .regex(/^\d{1,78}$/, { error: "minReserve must be wei, a whole number" })
    .transform(BigInt)
    .optional(),
});

/**
 * Up to `maxBatch` signed reports; each is checked (and answered) on its own, on the verifier's threads, so the
 * route validates only this envelope (`report` = z.unknown()) and documents the reports' shape.
 */
export function batchBody(maxBatch: number, report: z.ZodType = listeningReportSchema) {
  const error = 'send { "reports": [ ...signed reports ] }';
  return z.object(
    {
      reports: z
        .array(report, { error })
        .min(1, { error: (issue) => `a batch holds 1 to ${maxBatch} reports, not ${lengthOf(issue.input)}` })
        .max(maxBatch, { error: (issue) => `a batch holds 1 to ${maxBatch} reports, not ${lengthOf(issue.input)}` }),
    },
    { error },
  );
}

function lengthOf(input: unknown): number {
  return Array.isArray(input) ? input.length : 0;
}
