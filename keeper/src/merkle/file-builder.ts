// The epochs job's tree builder: the reward tree of the balances, written to its file (temp + rename, see
// RewardTree.writeTo) before the job records the root.
import type { TreeBuilder } from "./tree-builder.ts";
import { RewardTree } from "./tree.ts";

export const fileTreeBuilder: TreeBuilder = {
  async build(leaves, path) {
    const tree = RewardTree.build(leaves);
    await tree.writeTo(path);
    return { root: tree.root, total: tree.total, size: tree.size };
  },
};
