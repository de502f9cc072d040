// What the epochs job needs of a Merkle tree: build it from the rewards and write it to a file (file-builder.ts is the
// implementation the keeper runs; tests pass their own).
import type { RewardLeaf } from "../domain.ts";

export interface BuiltTree {
  root: string;
  total: bigint;
  size: number;
}

export interface TreeBuilder {
  /** Builds the tree of `leaves` and writes it to `path` atomically. */
  build(leaves: RewardLeaf[], path: string, onProgress?: (done: number, total: number) => void): Promise<BuiltTree>;
}
