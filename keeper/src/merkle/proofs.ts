// Proofs for claims: the tree of an epoch is loaded from its file once and kept (the newest two), so a proof is a
// binary search and ~20 hashes copied out: no database or chain call on the hot path.
import { RewardTree } from "./tree.ts";
import type { EpochRecord, KeeperStore } from "../store/store.ts";

export interface ProofAnswer {
  account: string;
  /** What the account has earned in all, as of `epoch` (MINT wei, decimal). */
  cumulative: string;
  proof: string[];
  epoch: number;
  root: string;
  /** live: claimable now; posted: in its challenge window; tree: built, not posted yet. */
  status: EpochRecord["status"];
}

export function createProofService(store: KeeperStore, keep = 2) {
  const trees = new Map<number, Promise<RewardTree>>();
  let target: { record: EpochRecord; at: number } | undefined;

  /** The epoch proofs are served for by default: the newest live root, else the newest posted one. */
  async function defaultEpoch(): Promise<EpochRecord | undefined> {
    // refreshed at most once a second: the status changes on epoch ticks, not per request
    if (target && Date.now() - target.at < 1_000) return target.record;
    const recent = await store.epochs(200);
    const record =
      recent.find((e) => e.status === "live" && e.treeFile) ?? recent.find((e) => e.status === "posted" && e.treeFile);
    target = record ? { record, at: Date.now() } : undefined;
    return record;
  }

  function load(record: EpochRecord): Promise<RewardTree> {
    let tree = trees.get(record.epoch);
    if (!tree) {
      tree = RewardTree.readFrom(record.treeFile!);
      tree.catch(() => trees.delete(record.epoch));
      trees.set(record.epoch, tree);
      while (trees.size > keep) trees.delete(Math.min(...trees.keys()));
    }
    return tree;
  }

  async function proof(account: string, epoch?: number): Promise<ProofAnswer | undefined> {
    const record = epoch === undefined ? await defaultEpoch() : await store.epoch(epoch);
    if (!record?.treeFile || !record.root) return undefined;
    const tree = await load(record);
    const leaf = tree.leafOf(account);
    if (!leaf) return undefined;
    return {
      account: leaf.account,
      cumulative: leaf.cumulative.toString(),
      proof: tree.proof(account),
      epoch: record.epoch,
      root: record.root,
      status: record.status,
    };
  }

  return { proof, defaultEpoch };
}

/** Proofs of epochs' trees, for the API and the CLI. */
export type ProofService = ReturnType<typeof createProofService>;
