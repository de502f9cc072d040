// The reward tree must be indistinguishable from OpenZeppelin's StandardMerkleTree (same root, same proofs), its
// proofs must verify the way the contract checks them, and a saved tree must come back identical or not at all.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { AbiCoder, concat, getBytes, keccak256 as ethersKeccak256, toUtf8Bytes } from "ethers";
import type { RewardLeaf } from "../domain.ts";
import { keccak256, keccak256Concat, keccak256Into } from "../keccak.ts";
import { AccountNotInTreeError, CorruptRewardTreeFileError, InvalidRewardLeafError, RewardTree } from "./tree.ts";

const ENCODING = ["address", "uint256"];

/** Deterministic pseudo-random bytes (sha-256 of a label), so a failing case can be replayed. */
function bytesOf(label: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let block = 0; block * 32 < length; block++) {
    createHash("sha256")
      .update(`${label}/${block}`)
      .digest()
      .copy(out, block * 32);
  }
  return out;
}

function randomLeaves(count: number, seed: string): RewardLeaf[] {
  return Array.from({ length: count }, (_, i) => ({
    account: "0x" + bytesOf(`${seed}/account/${i}`, 20).toString("hex"),
    // Mostly realistic amounts (< 2^96 wei), with a few at the extremes of uint256.
    cumulative:
      i % 97 === 0
        ? (1n << 256n) - 1n - BigInt(i)
        : BigInt("0x" + bytesOf(`${seed}/amount/${i}`, 12).toString("hex")) + 1n,
  }));
}

function libraryTree(leaves: RewardLeaf[]) {
  return StandardMerkleTree.of(
    leaves.map((leaf) => [leaf.account, leaf.cumulative]),
    ENCODING,
  );
}

/** The leaf hash computed independently with ethers: keccak256(bytes.concat(keccak256(abi.encode(...)))). */
function ethersLeafHash(leaf: RewardLeaf): string {
  return ethersKeccak256(
    concat([ethersKeccak256(AbiCoder.defaultAbiCoder().encode(ENCODING, [leaf.account, leaf.cumulative]))]),
  );
}

/** OpenZeppelin MerkleProof.processProof with ethers: commutative keccak of (node, sibling) up to the root. */
function ethersProcessProof(leafHash: string, proof: readonly string[]): string {
  return proof.reduce(
    (node, sibling) => ethersKeccak256(concat(node <= sibling ? [node, sibling] : [sibling, node])),
    leafHash,
  );
}

/** Checks `ours` against the library tree of the same leaves: root, every proof, and every way of verifying it. */
function assertMatchesLibrary(leaves: RewardLeaf[]) {
  const ours = RewardTree.build(leaves);
  const library = libraryTree(leaves);
  assert.equal(ours.root, library.root, `root of ${leaves.length} leaves`);
  assert.equal(ours.size, leaves.length);
  assert.equal(
    ours.total,
    leaves.reduce((sum, leaf) => sum + leaf.cumulative, 0n),
  );
  for (const leaf of leaves) {
    const proof = ours.proof(leaf.account);
    assert.deepEqual(proof, library.getProof([leaf.account, leaf.cumulative]), `proof of ${leaf.account}`);
    assert.ok(StandardMerkleTree.verify(ours.root, ENCODING, [leaf.account, leaf.cumulative], proof));
    assert.equal(ethersProcessProof(ethersLeafHash(leaf), proof), ours.root);
    assert.ok(RewardTree.verify(leaf, proof, ours.root));
    assert.deepEqual(ours.leafOf(leaf.account), leaf);
  }
  return ours;
}

test("keccak256 is Ethereum's keccak (not SHA3), also over inputs longer than the WASM buffer", () => {
  assert.equal(
    Buffer.from(keccak256(new Uint8Array())).toString("hex"),
    "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
  );
  for (const length of [1, 32, 64, 135, 136, 137, 40_000]) {
    const input = bytesOf(`keccak/${length}`, length);
    assert.equal("0x" + Buffer.from(keccak256(input)).toString("hex"), ethersKeccak256(input));
  }
  const out = Buffer.alloc(40, 0xee);
  keccak256Into(toUtf8Bytes("abc"), out, 4);
  assert.equal("0x" + out.toString("hex", 4, 36), ethersKeccak256(toUtf8Bytes("abc")));
  assert.equal(out[3], 0xee, "bytes before the offset are left alone");
  assert.equal(out[36], 0xee, "bytes after the digest are left alone");
  const parts = [bytesOf("a", 10), bytesOf("b", 20_000), bytesOf("c", 3)];
  assert.equal("0x" + Buffer.from(keccak256Concat(parts)).toString("hex"), ethersKeccak256(concat(parts)));
});

for (const count of [1, 2, 3, 7, 100]) {
  test(`${count} leaves: same root and proofs as StandardMerkleTree, verified by the library and by ethers`, () => {
    assertMatchesLibrary(randomLeaves(count, `small-${count}`));
  });
}

test("2,000 random leaves: same root and proofs as StandardMerkleTree", () => {
  assertMatchesLibrary(randomLeaves(2000, "random-2000"));
});

test("addresses sharing long prefixes (the account index sorts ties on later words) and extreme amounts", () => {
  const leaves: RewardLeaf[] = [];
  for (let i = 0; i < 300; i++) {
    leaves.push({ account: "0x" + i.toString(16).padStart(40, "0"), cumulative: BigInt(i + 1) });
    leaves.push({ account: "0x" + "ff".repeat(16) + i.toString(16).padStart(8, "0"), cumulative: (1n << 256n) - 1n });
  }
  const tree = assertMatchesLibrary(leaves);
  assert.equal(tree.leafOf("0x" + "00".repeat(19) + "12")?.cumulative, 19n);
  assert.equal(tree.leafOf("0x" + (1000).toString(16).padStart(40, "0")), undefined, "only 0 … 299 were generated");
});

test("lookups accept any letter case and return the account lower-case", () => {
  const leaves = randomLeaves(20, "case");
  const tree = RewardTree.build([{ account: leaves[0].account.toUpperCase().replace("0X", "0x"), cumulative: 5n }]);
  assert.deepEqual(tree.leafOf(leaves[0].account), { account: leaves[0].account, cumulative: 5n });
});

test("an account without a leaf has no leafOf and no proof", () => {
  const tree = RewardTree.build(randomLeaves(10, "absent"));
  const stranger = "0x" + "42".repeat(20);
  assert.equal(tree.leafOf(stranger), undefined);
  assert.equal(tree.leafOf("not an address"), undefined);
  assert.throws(() => tree.proof(stranger), AccountNotInTreeError);
  assert.throws(() => tree.proof("0x1234"), AccountNotInTreeError);
});

test("RewardTree.verify refuses a changed amount, a changed proof and another root", () => {
  const leaves = randomLeaves(50, "verify");
  const tree = RewardTree.build(leaves);
  const leaf = leaves[7];
  const proof = tree.proof(leaf.account);
  assert.ok(RewardTree.verify(leaf, proof, tree.root));
  assert.ok(!RewardTree.verify({ ...leaf, cumulative: leaf.cumulative + 1n }, proof, tree.root));
  assert.ok(!RewardTree.verify({ ...leaves[8] }, proof, tree.root));
  assert.ok(!RewardTree.verify(leaf, proof.slice(1), tree.root));
  assert.ok(!RewardTree.verify(leaf, [...proof].reverse(), tree.root));
  assert.ok(
    !RewardTree.verify(leaf, [proof[0].replace(/.$/, (c) => (c === "0" ? "1" : "0")), ...proof.slice(1)], tree.root),
  );
  assert.ok(!RewardTree.verify(leaf, ["0x1234", ...proof.slice(1)], tree.root));
  assert.ok(!RewardTree.verify(leaf, proof, RewardTree.build(leaves.slice(1)).root));
  assert.throws(() => RewardTree.verify({ account: "0x12", cumulative: 1n }, proof, tree.root), InvalidRewardLeafError);
});

test("an internal node cannot be proven as a leaf: its 64-byte preimage does not verify", () => {
  const leaves = randomLeaves(8, "second-preimage");
  const tree = RewardTree.build(leaves);
  const leaf = leaves[3];
  const proof = tree.proof(leaf.account);
  // The leaf's parent is an internal node of the tree; its preimage is the sorted pair (leaf hash, sibling).
  const leafHash = ethersLeafHash(leaf);
  const [low, high] = leafHash <= proof[0] ? [leafHash, proof[0]] : [proof[0], leafHash];
  const preimage = concat([low, high]);
  const internalNode = ethersKeccak256(preimage);
  assert.equal(ethersProcessProof(internalNode, proof.slice(1)), tree.root, "the internal node is in the tree");

  // With a single-hashed leaf the preimage, read as abi.encode(address, uint256), would have passed as a leaf...
  assert.equal(ethersProcessProof(ethersKeccak256(preimage), proof.slice(1)), tree.root);
  // ...the double hash makes it a different value, so the same proof fails.
  const asLeafHash = ethersKeccak256(ethersKeccak256(preimage));
  assert.notEqual(ethersProcessProof(asLeafHash, proof.slice(1)), tree.root);

  // And the forged claim itself, with the preimage's words as (account, amount), is refused by every verifier.
  const bytes = getBytes(preimage);
  const forged: RewardLeaf = {
    account: "0x" + Buffer.from(bytes.subarray(12, 32)).toString("hex"),
    cumulative: BigInt("0x" + Buffer.from(bytes.subarray(32, 64)).toString("hex")),
  };
  assert.ok(!RewardTree.verify(forged, proof.slice(1), tree.root));
  assert.ok(!StandardMerkleTree.verify(tree.root, ENCODING, [forged.account, forged.cumulative], proof.slice(1)));
});

test("bad input is refused with InvalidRewardLeafError naming the entry", () => {
  const good = randomLeaves(3, "bad-input");
  const cases: [string, unknown[]][] = [
    ["at least one leaf", []],
    ["leaf 1: account", [good[0], { account: good[1].account.slice(0, 41), cumulative: 1n }]],
    ["leaf 1: account", [good[0], { account: good[1].account.slice(2) + "00", cumulative: 1n }]],
    ["leaf 0: account", [{ account: "0x" + "g".repeat(40), cumulative: 1n }]],
    ["leaf 0: account", [{ account: "0x" + "é".repeat(40), cumulative: 1n }]],
    ["leaf 0: account", [{ account: 1234, cumulative: 1n }]],
    ["leaf 0: account", [null]],
    ["leaf 2 (", [good[0], good[1], { account: good[2].account, cumulative: 0n }]],
    ["leaf 0 (", [{ account: good[0].account, cumulative: -1n }]],
    ["leaf 0 (", [{ account: good[0].account, cumulative: 1n << 256n }]],
    ["leaf 0 (", [{ account: good[0].account, cumulative: 5 }]],
    ["leaf 0 (", [{ account: good[0].account, cumulative: "5" }]],
    ["appears twice (leaves 0 and 2)", [good[0], good[1], { account: good[0].account, cumulative: 9n }]],
    [
      "appears twice (leaves 1 and 3)",
      [...good, { account: good[1].account.toUpperCase().replace("0X", "0x"), cumulative: 9n }],
    ],
  ];
  for (const [fragment, input] of cases) {
    assert.throws(
      () => RewardTree.build(input as RewardLeaf[]),
      (error: unknown) =>
        error instanceof InvalidRewardLeafError &&
        error.name === "InvalidRewardLeafError" &&
        error.message.includes(fragment),
      `expected "${fragment}" for ${JSON.stringify(input, (_, v) => (typeof v === "bigint" ? `${v}n` : v))}`,
    );
  }
});

test("writeTo / readFrom: the reloaded tree gives the same root, total, leaves and proofs; damage is refused", async () => {
  const directory = await mkdtemp(join(tmpdir(), "reward-tree-"));
  try {
    const leaves = randomLeaves(777, "file");
    const tree = RewardTree.build(leaves);
    const path = join(directory, "epoch-12.tree");
    await tree.writeTo(path);
    assert.deepEqual(await readdir(directory), ["epoch-12.tree"], "no temporary file left behind");

    const loaded = await RewardTree.readFrom(path);
    assert.equal(loaded.root, tree.root);
    assert.equal(loaded.size, tree.size);
    assert.equal(loaded.total, tree.total);
    for (const leaf of leaves) {
      assert.deepEqual(loaded.proof(leaf.account), tree.proof(leaf.account));
      assert.deepEqual(loaded.leafOf(leaf.account), leaf);
    }

    // Overwriting an existing file replaces it whole.
    const smaller = RewardTree.build(leaves.slice(0, 5));
    await smaller.writeTo(path);
    assert.equal((await RewardTree.readFrom(path)).root, smaller.root);
    await tree.writeTo(path);

    const original = await readFile(path);
    const damaged = async (name: string, bytes: Buffer, fragment: string) => {
      const target = join(directory, name);
      await writeFile(target, bytes);
      await assert.rejects(
        RewardTree.readFrom(target),
        (error: unknown) => error instanceof CorruptRewardTreeFileError && error.message.includes(fragment),
        name,
      );
    };
    const flipped = (offset: number) => {
      const copy = Buffer.from(original);
      copy[offset] ^= 0x01;
      return copy;
    };
    const headerBytes = 80;
    await damaged("bit-flip-in-account", flipped(headerBytes + 5), "checksum");
    await damaged("bit-flip-in-amount", flipped(headerBytes + 777 * 20 + 31), "checksum");
    await damaged("bit-flip-in-last-node", flipped(original.length - 1), "checksum");
    await damaged("bit-flip-in-header-root", flipped(20), "root");
    await damaged("bit-flip-in-checksum", flipped(60), "checksum");
    await damaged("truncated", original.subarray(0, original.length - 32), "truncated");
    await damaged("padded", Buffer.concat([original, Buffer.alloc(1)]), "truncated");
    await damaged(
      "leaf-count-changed",
      (() => {
        const copy = Buffer.from(original);
        copy.writeUInt32BE(776, 12);
        return copy;
      })(),
      "truncated",
    );
    await damaged("empty", Buffer.alloc(0), "magic");
    await damaged("json", Buffer.from(JSON.stringify({ format: "standard-v1", tree: [tree.root] })), "magic");
    await damaged(
      "future-version",
      (() => {
        const copy = Buffer.from(original);
        copy.writeUInt32BE(2, 8);
        return copy;
      })(),
      "version",
    );

    await assert.rejects(RewardTree.readFrom(join(directory, "missing.tree")), { code: "ENOENT" });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
