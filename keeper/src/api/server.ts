// The keeper's HTTP API on Fastify: listening reports and engagement in, proofs, rewards, prices and quality out,
// plus health, metrics and the OpenAPI document. Requests are checked against the zod schemas in schemas.ts (the
// same ones the document is generated from); client mistakes are answered 4xx with `{ error, reason }` and change
// nothing, keeper faults are 500 and logged. A new route goes in `routes` below, its data comes from ApiServices.
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest, type HTTPMethods } from "fastify";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { describeError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import {
  fromFastify,
  httpStatus,
  MethodNotAllowedError,
  NotFoundError,
  reasonOf,
  statusText,
  UnsupportedMediaTypeError,
} from "./errors.ts";
import {
  accountParams,
  batchBody,
  engagementSchema,
  epochParams,
  listeningReportSchema,
  pricingQuery,
  proofQuery,
  trackParams,
} from "./schemas.ts";
import type { ApiServices } from "./services.ts";
import { openapiDocument, zodValidator } from "./zod-fastify.ts";

export interface ApiOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  maxBatch?: number;
  services: ApiServices;
  metrics: Metrics;
  log: Logger;
}

declare module "fastify" {
  interface FastifySchema {
    /** The route's line in the OpenAPI document. */
    summary?: string;
    /** Left out of the OpenAPI document (the 405 answers). */
    hide?: boolean;
  }
  interface FastifyContextConfig {
    /** The route answers 405: the path exists with other methods. */
    methodNotAllowed?: boolean;
  }
}

/** What a request part is once its schema has parsed it. */
type Output<Schema extends z.ZodType> = z.output<Schema>;

const ANY_METHOD: HTTPMethods[] = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

const bigintsAsText = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);

/** Bodies the verifier pool checks (on its threads, with the reasons of plays/validate.ts): the route documents
 * their schema and passes them on as they are, so nothing is parsed twice. */
const checkedByTheVerifier = () => (data: unknown) => ({ value: data });

export function createApi(options: ApiOptions) {
  const { services, metrics, log } = options;
  const maxBatch = options.maxBatch ?? 1_000;
  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    keepAliveTimeout: 30_000,
    // a path the percent-decoder refuses is the client's error, answered like any other
    frameworkErrors: (error, request, reply) => {
      const part = request.url.split(/[/?]/).find((segment) => !decodes(segment)) ?? request.url;
      const status = error.code === "FST_ERR_BAD_URL" ? 400 : 500;
      metrics.inc("keeper_http_requests_total", { route: "unknown", status: String(status) });
      void (reply as FastifyReply).code(status).send({
        error: statusText(status),
        reason: status === 400 ? `"${part}" in the path is not valid percent-encoding` : error.message,
      });
    },
  });
  app.setValidatorCompiler(zodValidator);
  app.setReplySerializer((payload) => JSON.stringify(payload, bigintsAsText));
  // JSON only: a text body is refused with 415 rather than handed to a route as a string
  app.removeContentTypeParser("text/plain");

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const typed = fromFastify(error, options.maxBodyBytes);
    const status = httpStatus(typed);
    if (status >= 500) {
      log.error("request failed", { route: routeLabel(request), error: describeError(error) });
      return reply.code(500).send({ error: "internal", reason: "the keeper failed; see its log" });
    }
    return reply.code(status).send({ error: statusText(status), reason: reasonOf(typed) });
  });
  app.setNotFoundHandler(async (request) => {
    throw new NotFoundError(`no route ${request.url.split("?")[0]}; GET /v1/status lists what is here`);
  });
  // a callback hook, not an async one: no promise per request on the hot path (proofs)
  app.addHook("onResponse", (request, reply, done) => {
    metrics.inc("keeper_http_requests_total", { route: routeLabel(request), status: String(reply.statusCode) });
    done();
  });

  const documented: Parameters<typeof openapiDocument>[1] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) documented.push({ method, url: route.url, schema: route.schema });
  });
  let openapi: ReturnType<typeof openapiDocument> | undefined;
  const document = () =>
    (openapi ??= openapiDocument(
      {
        title: "FlyAIMusic keeper API",
        version: "1",
        description: "Signed listening reports and engagement in; proofs, rewards, prices and quality out.",
      },
      documented,
    ));

  void app.register(async (api) => {
    const routes = api;
    /** Every path answers 405 for the methods it has no route for (Fastify alone would answer 404). */
    const methodsOf = new Map<string, HTTPMethods[]>();
    routes.addHook("onRoute", (route) => {
      if (route.config?.methodNotAllowed) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      methodsOf.set(route.url, [...(methodsOf.get(route.url) ?? []), ...methods]);
    });

    routes.get("/health", { schema: { summary: "liveness: 503 when the watcher stalls" } }, async (_request, reply) => {
      const { ok, detail } = await services.health();
      return reply.code(ok ? 200 : 503).send({ ok, ...detail });
    });
    routes.get("/metrics", { schema: { summary: "Prometheus metrics" } }, async (_request, reply) =>
      reply.type(metrics.contentType).send(await metrics.render()),
    );
    routes.get("/v1/openapi.json", { schema: { summary: "this API as an OpenAPI document" } }, async () => document());
    routes.get("/v1/status", { schema: { summary: "cursor, head and lag, epochs, pending transactions" } }, () =>
      services.status(),
    );
    routes.post(
      "/v1/plays",
      {
        schema: { summary: "one signed listening report", body: listeningReportSchema },
        validatorCompiler: checkedByTheVerifier,
        preValidation: requireBody,
      },
      async (request, reply) => {
        const [result] = await services.submitReports([request.body], clientOf(request));
        return reply
          .code(result.status)
          .send(result.status >= 400 ? { error: "rejected", reason: result.outcome } : result);
      },
    );
    const batchEnvelope = batchBody(maxBatch, z.unknown());
    routes.post<{ Body: { reports: unknown[] } }>(
      "/v1/plays/batch",
      {
        schema: { summary: `up to ${maxBatch} signed reports, one result each`, body: batchBody(maxBatch) },
        validatorCompiler: (route) =>
          route.httpPart === "body" ? zodValidator({ ...route, schema: batchEnvelope }) : checkedByTheVerifier(),
        preValidation: requireBody,
      },
      async (request) => ({ results: await services.submitReports(request.body.reports, clientOf(request)) }),
    );
    routes.post(
      "/v1/engagement",
      {
        schema: { summary: "a signed save, comment (its text's hash) or playlist add", body: engagementSchema },
        validatorCompiler: checkedByTheVerifier,
        preValidation: requireBody,
      },
      async (request, reply) => {
        const result = await services.submitEngagement(request.body, clientOf(request));
        return reply
          .code(result.status)
          .send(result.status >= 400 ? { error: "rejected", reason: result.outcome } : result);
      },
    );
    routes.get<{ Params: Output<typeof accountParams>; Querystring: Output<typeof proofQuery> }>(
      "/v1/proofs/:account",
      {
        schema: {
          summary: "cumulative amount and Merkle proof against the live root (or epoch N's)",
          params: accountParams,
          querystring: proofQuery,
        },
      },
      async (request) => {
        const { account } = request.params;
        const { epoch } = request.query;
        const proof = await services.proof(account.toLowerCase(), epoch);
        if (!proof) {
          throw new NotFoundError(
            `no rewards for ${account} in the ${epoch !== undefined ? `epoch ${epoch}` : "live"} root`,
          );
        }
        return proof;
      },
    );
    routes.get<{ Params: Output<typeof accountParams> }>(
      "/v1/rewards/:account",
      { schema: { summary: "cumulative, per epoch and category, and the claimable proof", params: accountParams } },
      async (request) => services.rewards(request.params.account.toLowerCase()),
    );
    routes.get("/v1/epochs", { schema: { summary: "epochs with status, root, totals" } }, () => services.epochs());
    routes.get<{ Params: Output<typeof epochParams> }>(
      "/v1/epochs/:epoch",
      { schema: { summary: "one epoch with its fraud flags", params: epochParams } },
      async (request) => {
        const found = await services.epoch(request.params.epoch);
        if (!found) throw new NotFoundError(`epoch ${request.params.epoch} is not closed yet`);
        return found;
      },
    );
    routes.get<{ Params: Output<typeof trackParams>; Querystring: Output<typeof pricingQuery> }>(
      "/v1/pricing/:trackId",
      {
        schema: { summary: "a price suggestion with its explanation", params: trackParams, querystring: pricingQuery },
      },
      async (request) => {
        const { kind, currency, minReserve } = request.query;
        return services.price({ trackId: request.params.trackId, kind, currency: currency.toLowerCase(), minReserve });
      },
    );
    routes.get<{ Params: Output<typeof trackParams> }>(
      "/v1/quality/track/:trackId",
      { schema: { summary: "a track's quality index with its indicators and weights", params: trackParams } },
      async (request) => {
        const q = await services.quality("track", request.params.trackId);
        if (!q) throw new NotFoundError("no quality index for this track yet (it needs plays in a closed epoch)");
        return q;
      },
    );
    routes.get<{ Params: Output<typeof accountParams> }>(
      "/v1/quality/creator/:account",
      { schema: { summary: "a creator's reputation index", params: accountParams } },
      async (request) => {
        const q = await services.quality("creator", request.params.account.toLowerCase());
        if (!q) throw new NotFoundError("no reputation index for this creator yet (it needs plays in a closed epoch)");
        return q;
      },
    );

    for (const [url, methods] of methodsOf) {
      routes.route({
        method: ANY_METHOD.filter((m) => !methods.includes(m)),
        url,
        schema: { hide: true },
        config: { methodNotAllowed: true },
        handler: async (request) => {
          throw new MethodNotAllowedError(`${request.method} is not allowed on ${request.url.split("?")[0]}`);
        },
      });
    }
  });

  return {
    server: app.server,
    /** The OpenAPI document (after `listen` or `ready`). */
    openapi: () => document(),
    async listen(): Promise<number> {
      await app.listen({ port: options.port, host: options.host });
      return (app.server.address() as AddressInfo).port;
    },
    async close(): Promise<void> {
      await app.close();
    },
  };
}

/** Refuses a POST without a body (and without a Content-Type) as a wrong content type, as any other non-JSON. */
async function requireBody(request: FastifyRequest) {
  if (request.body === undefined) {
    throw new UnsupportedMediaTypeError("send the body as JSON with Content-Type: application/json");
  }
}

/** The client address, for per-client limits. */
function clientOf(request: FastifyRequest): string {
  return request.socket.remoteAddress ?? "unknown";
}

/** The route pattern a request matched, for metrics ("unknown" for no route and the 405 answers). */
function routeLabel(request: FastifyRequest): string {
  const route = request.routeOptions;
  return route.url && !route.config?.methodNotAllowed ? route.url : "unknown";
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
