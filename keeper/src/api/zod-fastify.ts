// zod schemas in Fastify: the validator compiler (a request part is parsed by its schema; the first issue's message
// is the 400's reason) and the OpenAPI document of the routes, from the same schemas by zod's own z.toJSONSchema.
// fastify-type-provider-zod does the first, but installed beside hardhat (which pins zod 3 at the repository's
// root) it resolves hardhat's zod instead of the keeper's zod 4; @fastify/swagger the second, but it loads a YAML
// parser and walks every route at start, and the keeper restarts fast after a crash (test/keeper/kill.test.ts).
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

interface DocumentedRoute {
  method: string;
  url: string;
  schema?: { summary?: string; params?: unknown; querystring?: unknown; body?: unknown; hide?: boolean };
}

/** A zod object's fields as OpenAPI parameters `in` the path or the query. */
function parameters(schema: unknown, where: "path" | "query") {
  if (!(schema instanceof z.ZodObject)) return [];
  const json = z.toJSONSchema(schema, { io: "input", target: "openapi-3.0", unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * The OpenAPI 3 document of `routes` (as Fastify's onRoute hook sees them), from the zod schemas they validate
 * with. Built when asked for: a keeper that nobody asks pays nothing at start.
 */
export function openapiDocument(
  info: { title: string; version: string; description: string },
  routes: DocumentedRoute[],
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, url, schema } of routes) {
    if (schema?.hide || method === "HEAD") continue;
    const path = url.replace(/:(\w+)/g, "{$1}");
    const body = schema?.body instanceof z.ZodType ? schema.body : undefined;
    (paths[path] ??= {})[method.toLowerCase()] = {
      summary: schema?.summary,
      parameters: [...parameters(schema?.params, "path"), ...parameters(schema?.querystring, "query")],
      ...(body && {
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: z.toJSONSchema(body, { io: "input", target: "openapi-3.0", unrepresentable: "any" }),
            },
          },
        },
      }),
      responses: { default: { description: "JSON; a 4xx or 5xx is { error, reason }" } },
    };
  }
  return { openapi: "3.0.3", info, paths };
}
