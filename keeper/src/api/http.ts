// Small HTTP plumbing over node:http (the API has a dozen routes; a framework would add more than it saves):
// bounded JSON bodies, route matching; errors are typed (errors.ts) and mapped to status codes there.
import type { IncomingMessage, ServerResponse } from "node:http";
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "./errors.ts";

export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new UnsupportedMediaTypeError("send the body as JSON with Content-Type: application/json");
  }
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > maxBytes) throw new PayloadTooLargeError(`body of ${declared} bytes is over the limit of ${maxBytes}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new PayloadTooLargeError(`body is over the limit of ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.length === 0) throw new InvalidRequestError("empty body: send a JSON document");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(`malformed JSON: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export interface Route {
  method: "GET" | "POST";
  /** e.g. "/v1/proofs/:account" */
  path: string;
  /** Name used in metrics (the path pattern). */
  handle(
    ctx: RequestContext,
  ): Promise<{ status: number; body: unknown } | { status: number; text: string; type?: string }>;
}

export interface RequestContext {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Client address (for per-client limits). */
  client: string;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new InvalidRequestError(`"${part}" in the path is not valid percent-encoding`);
  }
}

export function matchRoute(routes: Route[], method: string, pathname: string) {
  let pathMatched = false;
  for (const route of routes) {
    const want = route.path.split("/");
    const got = pathname.split("/");
    if (want.length !== got.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length; i++) {
      if (want[i].startsWith(":")) params[want[i].slice(1)] = decodePathPart(got[i]);
      else if (want[i] !== got[i]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? "method" : undefined;
}

export function isAddress(value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value);
}

export function isTrackId(value: string): boolean {
  return /^\d{1,78}$/.test(value) && BigInt(value) < 2n ** 256n;
}
