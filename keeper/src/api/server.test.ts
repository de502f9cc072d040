// The HTTP layer on its own (stub services): every route is in the OpenAPI document, and no input crashes the
// server: malformed paths, bad percent-encoding, bodies too large, of the wrong type, empty or not JSON each get a
// 4xx with `{ error, reason }`, and a keeper fault a 500 that says to read the log.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { memoryLogger } from "../log.ts";
import { createMetrics, KEEPER_METRICS } from "../metrics.ts";
import { createApi } from "./server.ts";
import type { ApiServices } from "./services.ts";

const ACCOUNT = "0x" + "ab".repeat(20);

describe("keeper HTTP API (stub services)", () => {
  const submitted: unknown[] = [];
  const services: ApiServices = {
    submitReports: async (reports) => {
      submitted.push(...reports);
      return reports.map(() => ({ status: 201, outcome: "stored" }));
    },
    submitEngagement: async () => ({ status: 201, outcome: "stored" }),
    proof: async (account, epoch) => (account === ACCOUNT ? { account, epoch: epoch ?? 1, proof: [] } : undefined),
    rewards: async (account) => ({ account, cumulative: 5n }),
    epochs: async () => [],
    epoch: async () => undefined,
    price: async () => {
      throw new Error("the model broke");
    },
    quality: async () => undefined,
    status: async () => ({ ok: true }),
    health: async () => ({ ok: true, detail: {} }),
  };
  const metrics = createMetrics(KEEPER_METRICS);
  const log = memoryLogger();
  const api = createApi({ host: "127.0.0.1", port: 0, maxBodyBytes: 2048, maxBatch: 3, services, metrics, log });
  let port = 0;
  before(async () => {
    port = await api.listen();
  });
  after(() => api.close());

  /** A raw request (paths fetch would normalise or refuse are sent as they are). */
  function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      });
      req.on("error", reject);
      req.end(body);
    });
  }
  const json = { "content-type": "application/json" };

  it("lists every route in its OpenAPI document, with the schemas the routes check", async () => {
    const { status, body } = await send("GET", "/v1/openapi.json");
    assert.equal(status, 200);
    const paths = body.paths as Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>>;
    assert.deepEqual(Object.keys(paths).sort(), [
      "/health",
      "/metrics",
      "/v1/engagement",
      "/v1/epochs",
      "/v1/epochs/{epoch}",
      "/v1/openapi.json",
      "/v1/plays",
      "/v1/plays/batch",
      "/v1/pricing/{trackId}",
      "/v1/proofs/{account}",
      "/v1/quality/creator/{account}",
      "/v1/quality/track/{trackId}",
      "/v1/rewards/{account}",
      "/v1/status",
    ]);
    assert.ok(paths["/v1/plays"].post.requestBody, "the report's schema");
    assert.equal(paths["/v1/proofs/{account}"].get.parameters?.length, 2, "account and ?epoch");
  });

  it("answers every malformed request with a 4xx and a reason, and keeps serving", async () => {
    const cases: [string, Promise<{ status: number; body: Record<string, unknown> }>, number, RegExp][] = [
      ["bad percent-encoding", send("GET", "/v1/proofs/%E0%A4%A"), 400, /not valid percent-encoding/],
      ["a path with no route", send("GET", "/v1/../../etc/passwd"), 404, /no route/],
      ["a double slash", send("GET", "//v1/status"), 404, /no route/],
      ["another method", send("DELETE", "/v1/plays"), 405, /DELETE is not allowed on \/v1\/plays/],
      ["not an address", send("GET", "/v1/proofs/0x12"), 400, /^account must be a 0x address$/],
      ["a bad epoch", send("GET", `/v1/proofs/${ACCOUNT}?epoch=x`), 400, /^epoch must be a whole number$/],
      ["no such proof", send("GET", `/v1/proofs/0x${"cd".repeat(20)}`), 404, /no rewards for .* in the live root/],
      [
        "wrong content type",
        send("POST", "/v1/plays", "{}", { "content-type": "text/plain" }),
        415,
        /application\/json/,
      ],
      ["no content type, no body", send("POST", "/v1/plays"), 415, /application\/json/],
      ["an empty JSON body", send("POST", "/v1/plays", "", json), 400, /empty body/],
      ["invalid JSON", send("POST", "/v1/plays", "{not json", json), 400, /malformed JSON/],
      ["a prototype-polluting body", send("POST", "/v1/plays", '{"__proto__":{"x":1}}', json), 400, /malformed JSON/],
      ["a body over the limit", send("POST", "/v1/plays", "x".repeat(4096), json), 413, /limit of 2048 bytes/],
      [
        "a chunked body over the limit",
        send("POST", "/v1/plays", Buffer.alloc(4096, 32), { ...json, "transfer-encoding": "chunked" }),
        413,
        /limit/,
      ],
      ["no reports array", send("POST", "/v1/plays/batch", "{}", json), 400, /send \{ "reports"/],
      ["an empty batch", send("POST", "/v1/plays/batch", '{"reports":[]}', json), 400, /1 to 3 reports, not 0/],
      ["a batch too big", send("POST", "/v1/plays/batch", '{"reports":[1,2,3,4]}', json), 400, /not 4/],
      ["a bad track id", send("GET", "/v1/pricing/0x2a"), 400, /trackId must be the track's decimal token id/],
      ["a bad kind", send("GET", "/v1/pricing/42?kind=swap"), 400, /kind must be listing or auction/],
    ];
    for (const [what, response, status, reason] of cases) {
      const answer = await response;
      assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
      assert.match(String(answer.body.reason), reason, what);
      assert.equal(typeof answer.body.error, "string", what);
    }
    assert.equal(submitted.length, 0, "nothing reached the plays intake");
    assert.equal((await send("GET", "/health")).status, 200, "still serving");
  });

  /** Bytes on a socket, as a client sends them; the first line the server answers ("" if it only closed). */
  function raw(bytes: string | Buffer): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let answer = "";
      socket.setTimeout(2_000, () => socket.destroy());
      socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
      socket.on("close", () => resolve(answer.split("\r\n")[0]));
      socket.on("error", () => resolve(answer.split("\r\n")[0]));
      socket.end(bytes);
    });
  }

  /** The fault trials' process killers: request lines and paths that threw outside the old server's error guard
   * (the process exited 1 and the whole devnet stopped), then a seeded fuzz of methods, paths, headers and bodies.
   * Every request gets an HTTP answer (or, for bytes that are no HTTP request at all, a closed connection), and the
   * server answers /health after all of them. */
  it("survives the requests that once killed it and a seeded fuzz of methods, paths, headers and bodies", async () => {
    const killers = [
      "GET /v1/rewards/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/proofs/% HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/epochs/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET //[ HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n",
    ];
    for (const request of killers) assert.match(await raw(request), /^HTTP\/1\.1 4\d\d /, request);

    let seed = 0x5eed;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0);
    const pick = <T>(items: readonly T[]): T => items[next() % items.length];
    const noise = (n: number) => Buffer.from(Array.from({ length: n }, () => next() % 256));
    const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "G\u00e9T", ""];
    const paths = [
      "/v1/plays",
      "/v1/plays/batch",
      "/v1/proofs/",
      "/v1/rewards/",
      "/v1/epochs/",
      "/v1/pricing/",
      "/",
      "",
    ];
    const tails = [
      "%",
      "%zz",
      "%E0%A4%A",
      "%00",
      "..%2f..",
      "[",
      "?epoch=%",
      "?kind=",
      "\u2603",
      ACCOUNT,
      "9".repeat(90),
    ];
    const headers = [
      "Content-Type: application/json",
      "Content-Type: text/plain",
      "Content-Length: 99999999",
      "Content-Length: -1",
      "Transfer-Encoding: chunked",
      "Transfer-Encoding: gzip, chunked",
      "Host: [",
      "X: \u0000",
    ];
    const bodies = ["", "{", "[]", '{"reports":', '{"__proto__":{}}', "null", "0", '"x"'];
    const answered: string[] = [];
    for (let i = 0; i < 300; i++) {
      const line = `${pick(methods)} ${pick(paths)}${pick(tails)} HTTP/1.${next() % 3}`;
      const head = [line, "Host: 127.0.0.1", ...Array.from({ length: next() % 3 }, () => pick(headers))].join("\r\n");
      const body = next() % 4 === 0 ? noise(next() % 64) : Buffer.from(pick(bodies));
      answered.push(await raw(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "latin1"), body])));
    }
    const statuses = answered.filter(Boolean).map((first) => first.split(" ")[1]);
    assert.ok(statuses.length > 250, `${statuses.length} of 300 got an HTTP answer`);
    assert.ok(
      statuses.every((status) => /^[2-5]\d\d$/.test(status)),
      statuses.join(" "),
    );
    assert.equal((await send("GET", "/health")).status, 200, "still serving after the fuzz");
  });

  it("passes a batch's reports on as they are (each is checked on its own) and answers bigints as text", async () => {
    const answer = await send("POST", "/v1/plays/batch", '{"reports":[{"junk":1},2]}', json);
    assert.equal(answer.status, 200);
    assert.deepEqual(submitted, [{ junk: 1 }, 2]);
    assert.deepEqual((await send("GET", `/v1/rewards/${ACCOUNT}`)).body, { account: ACCOUNT, cumulative: "5" });
  });

  it("answers a keeper fault with 500, logs it and counts it", async () => {
    const answer = await send("GET", "/v1/pricing/42");
    assert.equal(answer.status, 500);
    assert.deepEqual(answer.body, { error: "internal", reason: "the keeper failed; see its log" });
    assert.ok(log.lines.some((line) => line.includes("the model broke")));
    assert.match(
      await metrics.render(),
      /keeper_http_requests_total\{route="\/v1\/pricing\/:trackId",status="500"\} 1/,
    );
  });
});
