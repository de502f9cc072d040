// Event logs over long block ranges: nodes cap the range of one eth_getLogs, and each caps it differently.
import type { Log, Provider } from "ethers";

const LOG_CHUNK = 10_000;

/** Logs of one event from `fromBlock` to the latest block, in chunks that halve when a node refuses a range. */
export async function chunkedLogs(
  ctx: { provider: Provider },
  address: string,
  topic: string,
  fromBlock: number,
): Promise<Log[]> {
  const latest = await ctx.provider.getBlockNumber();
  const logs: Log[] = [];
  let chunk = LOG_CHUNK;
  let start = fromBlock;
  while (start <= latest) {
    const end = Math.min(start + chunk - 1, latest);
    try {
      logs.push(...(await ctx.provider.getLogs({ address, topics: [topic], fromBlock: start, toBlock: end })));
      start = end + 1;
    } catch (error) {
      if (chunk === 1) throw error;
      chunk = Math.max(1, Math.floor(chunk / 2));
    }
  }
  return logs;
}
