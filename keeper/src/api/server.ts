// The keeper's HTTP API: listening reports and engagement in, proofs, rewards, prices and quality out, plus health
// and metrics. Client mistakes are answered 4xx with `{ error, reason }` and change nothing; keeper faults are 500.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describeError } from "../errors.ts";
import type { Logger } from "../log.ts";
import {
  httpStatus,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
  reasonOf,
  statusText,
} from "./errors.ts";
import { isAddress, isTrackId, matchRoute, readJson, type Route, sendJson, sendText } from "./http.ts";
import type { Metrics } from "../metrics.ts";
import type { ApiServices } from "./services.ts";

export interface ApiOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  maxBatch?: number;
  services: ApiServices;
  metrics: Metrics;
  log: Logger;
}

function positiveInt(value: string, name: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new InvalidRequestError(`${name} must be a whole number`);
  return Number(value);
}

export function createApi(options: ApiOptions) {
  const { services, metrics, log } = options;
  const maxBatch = options.maxBatch ?? 1_000;
  const routes: Route[] = [
    {
      method: "GET",
      path: "/health",
      handle: async () => {
        const { ok, detail } = await services.health();
        return { status: ok ? 200 : 503, body: { ok, ...detail } };
      },
    },
    {
      method: "GET",
      path: "/metrics",
      handle: async () => ({ status: 200, text: await metrics.render(), type: "text/plain; version=0.0.4" }),
    },
    { method: "GET", path: "/v1/status", handle: async () => ({ status: 200, body: await services.status() }) },
    {
      method: "POST",
      path: "/v1/plays",
      handle: async ({ req, client }) => {
        const body = await readJson(req, options.maxBodyBytes);
        const [result] = await services.submitReports([body], client);
        return {
          status: result.status,
          body: result.status >= 400 ? { error: "rejected", reason: result.outcome } : result,
        };
      },
    },
    {
      method: "POST",
      path: "/v1/plays/batch",
      handle: async ({ req, client }) => {
        const body = (await readJson(req, options.maxBodyBytes)) as { reports?: unknown };
        if (!body || typeof body !== "object" || !Array.isArray(body.reports)) {
          throw new InvalidRequestError('send { "reports": [ ...signed reports ] }');
        }
        if (body.reports.length === 0 || body.reports.length > maxBatch) {
          throw new InvalidRequestError(`a batch holds 1 to ${maxBatch} reports, not ${body.reports.length}`);
        }
        const results = await services.submitReports(body.reports, client);
        return { status: 200, body: { results } };
      },
    },
    {
      method: "POST",
      path: "/v1/engagement",
      handle: async ({ req, client }) => {
        const body = await readJson(req, options.maxBodyBytes);
        const result = await services.submitEngagement(body, client);
        return {
          status: result.status,
          body: result.status >= 400 ? { error: "rejected", reason: result.outcome } : result,
        };
      },
    },
    {
      method: "GET",
      path: "/v1/proofs/:account",
      handle: async ({ params, query }) => {
        if (!isAddress(params.account)) throw new InvalidRequestError("account must be a 0x address");
        const epoch = query.get("epoch");
        const proof = await services.proof(
          params.account.toLowerCase(),
          epoch ? positiveInt(epoch, "epoch") : undefined,
        );
        if (!proof)
          throw new NotFoundError(`no rewards for ${params.account} in the ${epoch ? `epoch ${epoch}` : "live"} root`);
        return { status: 200, body: proof };
      },
    },
    {
      method: "GET",
      path: "/v1/rewards/:account",
      handle: async ({ params }) => {
        if (!isAddress(params.account)) throw new InvalidRequestError("account must be a 0x address");
        return { status: 200, body: await services.rewards(params.account.toLowerCase()) };
      },
    },
    { method: "GET", path: "/v1/epochs", handle: async () => ({ status: 200, body: await services.epochs() }) },
    {
      method: "GET",
      path: "/v1/epochs/:epoch",
      handle: async ({ params }) => {
        const found = await services.epoch(positiveInt(params.epoch, "epoch"));
        if (!found) throw new NotFoundError(`epoch ${params.epoch} is not closed yet`);
        return { status: 200, body: found };
      },
    },
    {
      method: "GET",
      path: "/v1/pricing/:trackId",
      handle: async ({ params, query }) => {
        if (!isTrackId(params.trackId)) throw new InvalidRequestError("trackId must be the track's decimal token id");
        const kind = query.get("kind") ?? "listing";
        if (kind !== "listing" && kind !== "auction") throw new InvalidRequestError("kind must be listing or auction");
        const currency = query.get("currency") ?? "0x0000000000000000000000000000000000000000";
        if (!isAddress(currency)) throw new InvalidRequestError("currency must be a 0x address (0x000…0 for ETH)");
        const min = query.get("minReserve");
        if (min !== null && !/^\d{1,78}$/.test(min))
          throw new InvalidRequestError("minReserve must be wei, a whole number");
        const body = await services.price({
          trackId: params.trackId,
          kind,
          currency: currency.toLowerCase(),
          minReserve: min === null ? undefined : BigInt(min),
        });
        return { status: 200, body };
      },
    },
    {
      method: "GET",
      path: "/v1/quality/track/:trackId",
      handle: async ({ params }) => {
        if (!isTrackId(params.trackId)) throw new InvalidRequestError("trackId must be the track's decimal token id");
        const q = await services.quality("track", params.trackId);
        if (!q) throw new NotFoundError("no quality index for this track yet (it needs plays in a closed epoch)");
        return { status: 200, body: q };
      },
    },
    {
      method: "GET",
      path: "/v1/quality/creator/:account",
      handle: async ({ params }) => {
        if (!isAddress(params.account)) throw new InvalidRequestError("account must be a 0x address");
        const q = await services.quality("creator", params.account.toLowerCase());
        if (!q) throw new NotFoundError("no reputation index for this creator yet (it needs plays in a closed epoch)");
        return { status: 200, body: q };
      },
    },
  ];

  const server: Server = createServer(async (req, res) => {
    let label = "unknown";
    try {
      // inside the try: a path the URL parser or the percent-decoder refuses is the client's error, not a crash
      const url = new URL(req.url ?? "/", "http://keeper");
      const match = matchRoute(routes, req.method ?? "GET", url.pathname);
      if (match === undefined) throw new NotFoundError(`no route ${url.pathname}; GET /v1/status lists what is here`);
      if (match === "method") throw new MethodNotAllowedError(`${req.method} is not allowed on ${url.pathname}`);
      label = match.route.path;
      const client = req.socket.remoteAddress ?? "unknown";
      const answer = await match.route.handle({ req, params: match.params, query: url.searchParams, client });
      if ("text" in answer) sendText(res, answer.status, answer.text, answer.type);
      else sendJson(res, answer.status, answer.body);
      metrics.inc("keeper_http_requests_total", { route: label, status: String(answer.status) });
    } catch (error) {
      const status = httpStatus(error);
      if (status < 500) {
        sendJson(res, status, { error: statusText(status), reason: reasonOf(error) });
        metrics.inc("keeper_http_requests_total", { route: label, status: String(status) });
      } else {
        log.error("request failed", { route: label, error: describeError(error) });
        if (!res.headersSent) sendJson(res, 500, { error: "internal", reason: "the keeper failed; see its log" });
        metrics.inc("keeper_http_requests_total", { route: label, status: "500" });
      }
    }
  });
  server.keepAliveTimeout = 30_000;

  return {
    server,
    async listen(): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    async close(): Promise<void> {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
