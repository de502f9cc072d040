// Errors the HTTP layer itself raises, and the one table that maps every error type to a status code: domain code
// throws its own typed errors (ReportRejected, the pricing model's, ...) and never picks a status; a new client error
// gets its class here and a row in HTTP_STATUS. Anything unmapped is a keeper fault: 500, logged.
import { KeeperError } from "../errors.ts";
import { ReportRejected } from "../plays/report-rejected.ts";
import { NoPriceBasisError, PricingInputError } from "../pricing/errors.ts";

/** The request is malformed: a parameter, query or body does not have the shape the route takes. */
export class InvalidRequestError extends KeeperError {}
/** Nothing at this path, or nothing (yet) for this subject. */
export class NotFoundError extends KeeperError {}
/** The path exists, with another method. */
export class MethodNotAllowedError extends KeeperError {}
/** The body is larger than FLYAI_KEEPER_MAX_BODY. */
export class PayloadTooLargeError extends KeeperError {}
/** The body is not JSON (by its Content-Type). */
export class UnsupportedMediaTypeError extends KeeperError {}

/**
 * The HTTP transport edge: Fastify's own errors (body parsing, limits, schema validation) as the keeper's types.
 * Fastify names them by code, so this is where codes are read; the reasons are the ones clients have always had.
 */
export function fromFastify(error: unknown, maxBodyBytes: number): unknown {
  const { code, statusCode, validation } = error as { code?: string; statusCode?: number; validation?: unknown };
  if (Array.isArray(validation) && validation.length > 0) {
    return new InvalidRequestError(String((validation[0] as { message?: unknown }).message), { cause: error });
  }
  switch (code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new UnsupportedMediaTypeError("send the body as JSON with Content-Type: application/json");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new PayloadTooLargeError(`body is over the limit of ${maxBodyBytes} bytes`);
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new InvalidRequestError("empty body: send a JSON document");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new InvalidRequestError(`malformed JSON: ${(error as Error).message}`);
  }
  // any other client error Fastify raises (a Content-Length that does not match the body, ...)
  if (statusCode === 400 && code?.startsWith("FST_")) return new InvalidRequestError((error as Error).message);
  return error;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Most specific first: a subclass must come before its base (NoPriceBasisError is a PricingInputError). */
const HTTP_STATUS: [ErrorClass, (error: never) => number][] = [
  [ReportRejected, (error: ReportRejected) => error.status],
  [InvalidRequestError, () => 400],
  [NotFoundError, () => 404],
  [MethodNotAllowedError, () => 405],
  [PayloadTooLargeError, () => 413],
  [UnsupportedMediaTypeError, () => 415],
  // the pricing model: no basis for a price is unprocessable, any other bad input a bad request
  [NoPriceBasisError, () => 422],
  [PricingInputError, () => 400],
];

/** The status code for `error`: a client error's 4xx, or 500 for anything else (a keeper fault). */
export function httpStatus(error: unknown): number {
  for (const [type, status] of HTTP_STATUS) if (error instanceof type) return status(error as never);
  return 500;
}

/** The reason a client reads in `{ error, reason }`. */
export function reasonOf(error: unknown): string {
  if (error instanceof ReportRejected) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

const STATUS_TEXT: Record<number, string> = {
  400: "bad_request",
  401: "bad_signature",
  404: "not_found",
  405: "method_not_allowed",
  409: "duplicate",
  413: "too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
  500: "internal",
};

/** The short code in `{ error, reason }` for a status. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? "error";
}
