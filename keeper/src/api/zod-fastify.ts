// zod schemas in Fastify: the validator compiler (a request part is parsed by its schema; the first issue's message
// is the 400's reason) and the OpenAPI transform (@fastify/swagger documents each route from the same schemas, by
// zod's own z.toJSONSchema). fastify-type-provider-zod does the same, but installed beside hardhat (which pins
// zod 3 at the repository's root) it resolves hardhat's zod instead of the keeper's zod 4.
import type { FastifySchemaCompiler } from "fastify";
import { z } from "zod";
import { InvalidRequestError } from "./errors.ts";

export const zodValidator: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success
      ? { value: result.data }
      : { error: new InvalidRequestError(result.error.issues[0].message, { cause: result.error }) };
  };

const PARTS = ["params", "querystring", "body", "headers"] as const;

/** @fastify/swagger's `transform`: each route's zod schemas as the JSON Schema of what a client sends. */
export function openapiFromZod({ schema, url }: { schema: Record<string, unknown>; url: string }) {
  if (!schema || schema.hide) return { schema: schema ?? {}, url };
  const transformed: Record<string, unknown> = { ...schema };
  for (const part of PARTS) {
    const zodSchema = schema[part];
    if (zodSchema instanceof z.ZodType) {
      transformed[part] = z.toJSONSchema(zodSchema, { io: "input", target: "openapi-3.0", unrepresentable: "any" });
    }
  }
  return { schema: transformed, url };
}
