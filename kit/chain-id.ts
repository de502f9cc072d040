// Which chain an endpoint serves, asked before anything else so a wrong or dead endpoint is one clear error.
import { CliError } from "./cli/errors.ts";
import { DEFAULT_RPC_URL } from "./devnet.ts";

/** The chain id `url` answers with; a CliError (with what to do) when nothing or no JSON-RPC node answers. */
export async function probeChainId(url: string, timeoutMs = 10_000): Promise<bigint> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new CliError(
      `cannot reach a JSON-RPC node at ${url} (${reason})`,
      url === DEFAULT_RPC_URL
        ? "start the devnet with `npm start`, or point --rpc / FLYAI_RPC_URL at a node"
        : "check --rpc / FLYAI_RPC_URL",
    );
  }
  let body: { result?: string; error?: { message?: string } } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  if (!response.ok || typeof body?.result !== "string") {
    throw new CliError(
      `${url} did not answer eth_chainId (HTTP ${response.status}${body?.error?.message ? `: ${body.error.message}` : ""})`,
      "is it a JSON-RPC endpoint?",
    );
  }
  return BigInt(body.result);
}
