// The epoch reward tree the RewardsDistributor checks claims against. Hand-written on purpose: `npm run bench`
// (bench/keeper/tree.bench.ts) measures it against @openzeppelin/merkle-tree in the same run (~90× at 1M leaves).
//
// Compatibility: roots and proofs are byte-for-byte those of OpenZeppelin's
// `StandardMerkleTree.of(values, ["address", "uint256"])` (@openzeppelin/merkle-tree 1.0.8), which the contract's
// MerkleProof verification expects:
//   leaf  = keccak256(keccak256(abi.encode(address account, uint256 cumulative)))
//   node  = keccak256(min(a, b) ‖ max(a, b))            (commutative pair hash)
//   shape = leaves sorted by leaf hash, ascending; an array heap of 2n-1 nodes (children of i at 2i+1 and 2i+2)
//           with sorted leaf k stored at index 2n-2-k, i.e. the leaves fill the heap from its end backwards.
// The double leaf hash is what stops a 64-byte internal node from being claimed as a leaf (its preimage would have
// to be single-hashed to match), so it must never be "simplified" to one hash.
//
// Speed: the library spends ~300 s and 2 GB on 1M accounts because every node is a hex string. Here every byte lives
// in a handful of Buffers (accounts, amounts, nodes), leaves are encoded by hand, hashed by WASM keccak into place,
// and sorted by packing a 32-bit key word with the index into one BigUint64 so V8's native typed-array sort does the
// work; ties fall through to the next word.
import { open, readFile, rename, rm } from "node:fs/promises";
import { endianness } from "node:os";
import type { RewardLeaf } from "../domain.ts";
import { keccak256Concat, keccak256Into } from "../keccak.ts";
import { KeeperError } from "../errors.ts";

/** A leaf list the tree cannot be built from (malformed address, amount out of range, duplicate account, empty). */
export class InvalidRewardLeafError extends KeeperError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidRewardLeafError";
  }
}

/** A proof was asked for an account that has no leaf in this epoch's tree. */
export class AccountNotInTreeError extends KeeperError {
  constructor(message: string) {
    super(message);
    this.name = "AccountNotInTreeError";
  }
}

/** A saved tree file is not one `writeTo` produced, or was damaged since. */
export class CorruptRewardTreeFileError extends KeeperError {
  constructor(message: string) {
    super(message);
    this.name = "CorruptRewardTreeFileError";
  }
}

const ADDRESS_BYTES = 20;
const AMOUNT_BYTES = 32;
const NODE_BYTES = 32;
const MAX_UINT256 = (1n << 256n) - 1n;

// ─── leaf encoding ──────────────────────────────────────────────────────────────────────────────────────────────────

const HEX_DIGIT_VALUE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let digit = 0; digit < 16; digit++) {
    table["0123456789abcdef".charCodeAt(digit)] = digit;
    table["0123456789ABCDEF".charCodeAt(digit)] = digit;
  }
  return table;
})();

/**
 * Parses a 0x + 40 hex digit address into `out` at `offset`; false if it is not one. Any letter case is accepted and
 * stored as bytes, so "0xAb…" and "0xab…" are the same account (and a duplicate of each other).
 */
function writeAddress(account: unknown, out: Uint8Array, offset: number): boolean {
  if (typeof account !== "string" || account.length !== 2 + 2 * ADDRESS_BYTES) return false;
  if (account.charCodeAt(0) !== 0x30 || account.charCodeAt(1) !== 0x78) return false; // "0x"
  for (let byte = 0; byte < ADDRESS_BYTES; byte++) {
    const high = account.charCodeAt(2 + 2 * byte);
    const low = account.charCodeAt(3 + 2 * byte);
    const highValue = high < 128 ? HEX_DIGIT_VALUE[high] : -1;
    const lowValue = low < 128 ? HEX_DIGIT_VALUE[low] : -1;
    if ((highValue | lowValue) < 0) return false;
    out[offset + byte] = (highValue << 4) | lowValue;
  }
  return true;
}

/** Writes a uint256 big-endian into 32 zeroed bytes of `out`; false unless 0 < amount < 2^256. */
function writeAmount(amount: unknown, out: Buffer, offset: number): boolean {
  if (typeof amount !== "bigint" || amount <= 0n || amount > MAX_UINT256) return false;
  let rest = amount;
  // Rewards rarely pass 2^128, so most amounts stop after two 64-bit words; the rest stay zero.
  for (let end = offset + AMOUNT_BYTES; rest > 0n; end -= 8) {
    out.writeBigUInt64BE(BigInt.asUintN(64, rest), end - 8);
    rest >>= 64n;
  }
  return true;
}

/** Hashes `leaf = keccak(keccak(abi.encode(address, uint256)))` into `out`; one instance per loop, not re-entrant. */
class LeafHasher {
  // abi.encode(address, uint256): the address right-aligned in the first word (12 zero bytes), then the amount.
  readonly #encoding = Buffer.alloc(2 * 32);
  readonly #innerHash = Buffer.alloc(NODE_BYTES);

  hashInto(
    accounts: Buffer,
    accountOffset: number,
    amounts: Buffer,
    amountOffset: number,
    out: Buffer,
    outOffset: number,
  ) {
    accounts.copy(this.#encoding, 12, accountOffset, accountOffset + ADDRESS_BYTES);
    amounts.copy(this.#encoding, 32, amountOffset, amountOffset + AMOUNT_BYTES);
    keccak256Into(this.#encoding, this.#innerHash);
    keccak256Into(this.#innerHash, out, outOffset);
  }
}

/** keccak(min(a, b) ‖ max(a, b)) of two 32-byte nodes given as byte offsets into `from`, written into `out`. */
function hashPairInto(from: Buffer, aOffset: number, bOffset: number, scratch: Buffer, out: Buffer, outOffset: number) {
  const aFirst = compareKeys(from, aOffset, from, bOffset, NODE_BYTES) <= 0;
  // Siblings sit side by side in the heap, so when they are already in order the pair is hashed in place.
  if (aFirst && bOffset === aOffset + NODE_BYTES) {
    keccak256Into(from.subarray(aOffset, aOffset + 2 * NODE_BYTES), out, outOffset);
    return;
  }
  const [first, second] = aFirst ? [aOffset, bOffset] : [bOffset, aOffset];
  from.copy(scratch, 0, first, first + NODE_BYTES);
  from.copy(scratch, NODE_BYTES, second, second + NODE_BYTES);
  keccak256Into(scratch, out, outOffset);
}

/**
 * Byte-order comparison of two `length`-byte keys (length a multiple of 4), like Buffer#compare with offsets but in
 * plain JS: on 32-byte keys the native call's overhead cost ~0.5 s per 1M node hashes, and keys almost always differ
 * in the first word.
 */
function compareKeys(a: Buffer, aOffset: number, b: Buffer, bOffset: number, length: number): number {
  for (let i = 0; i < length; i += 4) {
    const aWord = a.readUInt32BE(aOffset + i);
    const bWord = b.readUInt32BE(bOffset + i);
    if (aWord !== bWord) return aWord < bWord ? -1 : 1;
  }
  return 0;
}

// ─── sorting fixed-width byte keys ──────────────────────────────────────────────────────────────────────────────────

// Which Uint32 half of a BigUint64 is the low one on this machine (the index goes there, the key word above it).
const LOW_HALF = endianness() === "LE" ? 0 : 1;

/**
 * Indices 0..count-1 ordered by the `keyBytes`-byte big-endian keys at `keys[index * stride]` (unsigned, as bytes
 * compare). A comparator sort over Buffer slices takes ~2 s for 1M keys; packing (key word << 32 | index) into a
 * BigUint64Array and letting V8 sort it natively takes ~0.1 s. Runs that tie on a word are re-sorted on the next one.
 */
function orderByKey(keys: Buffer, stride: number, keyBytes: number, count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  sortRunByWord(keys, stride, keyBytes, order, 0, count, 0);
  return order;
}

function sortRunByWord(
  keys: Buffer,
  stride: number,
  keyBytes: number,
  order: Uint32Array,
  from: number,
  to: number,
  wordOffset: number,
): void {
  const length = to - from;
  const packed = new BigUint64Array(length);
  const halves = new Uint32Array(packed.buffer);
  const low = LOW_HALF;
  const high = 1 - LOW_HALF;
  for (let k = 0; k < length; k++) {
    const index = order[from + k];
    halves[2 * k + low] = index;
    halves[2 * k + high] = keys.readUInt32BE(index * stride + wordOffset);
  }
  packed.sort();
  for (let k = 0; k < length; k++) order[from + k] = halves[2 * k + low];

  const nextWord = wordOffset + 4;
  if (nextWord >= keyBytes) return;
  let runStart = 0;
  for (let k = 1; k <= length; k++) {
    if (k === length || halves[2 * k + high] !== halves[2 * runStart + high]) {
      if (k - runStart > 1) sortRunByWord(keys, stride, keyBytes, order, from + runStart, from + k, nextWord);
      runStart = k;
    }
  }
}

/** The first two indices whose keys are equal, or null; `order` must be the keys' sorted order (orderByKey). */
function firstRepeatedKey(keys: Buffer, stride: number, keyBytes: number, order: Uint32Array): [number, number] | null {
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1] * stride;
    const b = order[k] * stride;
    if (compareKeys(keys, a, keys, b, keyBytes) === 0) return [order[k - 1], order[k]];
  }
  return null;
}

// ─── the tree ───────────────────────────────────────────────────────────────────────────────────────────────────────

// File layout (all integers big-endian):
//   magic "FAMRTREE" (8) | version u32 | leaf count n u32 | root (32) | keccak256(body) (32)
//   body = accounts (n × 20) ‖ amounts (n × 32) ‖ nodes ((2n-1) × 32), leaves in tree order (sorted by leaf hash).
const FILE_MAGIC = Buffer.from("FAMRTREE", "latin1");
const FILE_VERSION = 1;
const HEADER_BYTES = 8 + 4 + 4 + 32 + 32;
let temporaryFileCount = 0;

interface TreeParts {
  /** Account of each leaf, in tree order (ascending leaf hash), 20 bytes each. */
  accounts: Buffer;
  /** Cumulative amount of each leaf, same order, uint256 big-endian. */
  amounts: Buffer;
  /** The heap: 2n-1 nodes of 32 bytes, root first, leaf k at 2n-2-k. */
  nodes: Buffer;
  /** Leaf positions ordered by account bytes, for binary-search lookup. */
  byAccount: Uint32Array;
  total: bigint;
}

export class RewardTree {
  /** Merkle root, 0x + 64 hex digits: what the distributor is given for the epoch. */
  readonly root: string;
  /** Number of leaves (accounts). */
  readonly size: number;
  /** Sum of every leaf's cumulative amount (the distributor must hold at least this minus what was claimed). */
  readonly total: bigint;
  readonly #accounts: Buffer;
  readonly #amounts: Buffer;
  readonly #nodes: Buffer;
  readonly #byAccount: Uint32Array;
  readonly #lookupKey = Buffer.alloc(ADDRESS_BYTES);

  private constructor(parts: TreeParts) {
    this.#accounts = parts.accounts;
    this.#amounts = parts.amounts;
    this.#nodes = parts.nodes;
    this.#byAccount = parts.byAccount;
    this.size = parts.byAccount.length;
    this.total = parts.total;
    this.root = toHex(parts.nodes, 0, NODE_BYTES);
  }

  /**
   * Builds the tree of one epoch. Accounts must be unique 0x addresses; amounts bigint with 0 < x < 2^256 (leave out
   * accounts that earned nothing). Throws InvalidRewardLeafError naming the first bad entry.
   */
  static build(leaves: readonly RewardLeaf[]): RewardTree {
    if (!Array.isArray(leaves) || leaves.length === 0) {
      throw new InvalidRewardLeafError(
        "a reward tree needs at least one leaf: when no account earned anything this epoch, publish no new root",
      );
    }
    const count = leaves.length;
    const inputAccounts = Buffer.alloc(count * ADDRESS_BYTES);
    const inputAmounts = Buffer.alloc(count * AMOUNT_BYTES);
    let total = 0n;
    for (let i = 0; i < count; i++) {
      const leaf = leaves[i];
      if (!writeAddress(leaf?.account, inputAccounts, i * ADDRESS_BYTES)) {
        throw new InvalidRewardLeafError(
          `leaf ${i}: account ${describe(leaf?.account)} is not an address; pass "0x" followed by 40 hex digits`,
        );
      }
      if (!writeAmount(leaf.cumulative, inputAmounts, i * AMOUNT_BYTES)) {
        throw new InvalidRewardLeafError(
          `leaf ${i} (${leaf.account}): cumulative ${describe(leaf.cumulative)} is not a bigint in 0 < x < 2^256; ` +
            "leave out accounts that earned nothing and pass amounts as bigint wei",
        );
      }
      total += leaf.cumulative;
    }

    const accountOrder = orderByKey(inputAccounts, ADDRESS_BYTES, ADDRESS_BYTES, count);
    const repeated = firstRepeatedKey(inputAccounts, ADDRESS_BYTES, ADDRESS_BYTES, accountOrder);
    if (repeated) {
      const [first, second] = repeated.sort((a, b) => a - b);
      throw new InvalidRewardLeafError(
        `account ${leaves[second].account} appears twice (leaves ${first} and ${second}); ` +
          "a leaf carries the account's whole cumulative amount, so merge its entries into one before building",
      );
    }

    const leafHashes = Buffer.allocUnsafe(count * NODE_BYTES);
    const leafHasher = new LeafHasher();
    for (let i = 0; i < count; i++) {
      leafHasher.hashInto(inputAccounts, i * ADDRESS_BYTES, inputAmounts, i * AMOUNT_BYTES, leafHashes, i * NODE_BYTES);
    }
    const leafOrder = orderByKey(leafHashes, NODE_BYTES, NODE_BYTES, count);

    // Lay the sorted leaves out as the library does (leaf k at heap index 2n-2-k) and keep accounts and amounts in
    // the same order, so a leaf's position is all a proof or a lookup needs.
    const nodes = Buffer.allocUnsafe((2 * count - 1) * NODE_BYTES);
    const accounts = Buffer.allocUnsafe(count * ADDRESS_BYTES);
    const amounts = Buffer.allocUnsafe(count * AMOUNT_BYTES);
    const positionOfInput = new Uint32Array(count);
    for (let position = 0; position < count; position++) {
      const input = leafOrder[position];
      leafHashes.copy(
        nodes,
        heapIndexOfLeaf(count, position) * NODE_BYTES,
        input * NODE_BYTES,
        (input + 1) * NODE_BYTES,
      );
      inputAccounts.copy(accounts, position * ADDRESS_BYTES, input * ADDRESS_BYTES, (input + 1) * ADDRESS_BYTES);
      inputAmounts.copy(amounts, position * AMOUNT_BYTES, input * AMOUNT_BYTES, (input + 1) * AMOUNT_BYTES);
      positionOfInput[input] = position;
    }
    const byAccount = accountOrder.map((input) => positionOfInput[input]);

    hashInternalNodes(nodes, count);
    return new RewardTree({ accounts, amounts, nodes, byAccount, total });
  }

  /** The account's leaf, or undefined when it has none in this tree (or is not an address at all). */
  leafOf(account: string): RewardLeaf | undefined {
    const position = this.#positionOf(account);
    if (position < 0) return undefined;
    return {
      account: toHex(this.#accounts, position * ADDRESS_BYTES, ADDRESS_BYTES),
      cumulative: BigInt(toHex(this.#amounts, position * AMOUNT_BYTES, AMOUNT_BYTES)),
    };
  }

  /** The sibling hashes from the account's leaf up to the root (0x hex), as MerkleProof.verify takes them. */
  proof(account: string): string[] {
    const position = this.#positionOf(account);
    if (position < 0) {
      throw new AccountNotInTreeError(
        `account ${describe(account)} has no leaf in the tree with root ${this.root}; check leafOf() before asking ` +
          "for a proof (it earned nothing up to this epoch, or the address is mistyped)",
      );
    }
    const proof: string[] = [];
    for (let index = heapIndexOfLeaf(this.size, position); index > 0; index = (index - 1) >>> 1) {
      const sibling = index % 2 === 1 ? index + 1 : index - 1;
      proof.push(toHex(this.#nodes, sibling * NODE_BYTES, NODE_BYTES));
    }
    return proof;
  }

  /** Whether `proof` proves `leaf` under `root`, exactly as the distributor would check it. */
  static verify(leaf: RewardLeaf, proof: readonly string[], root: string): boolean {
    const account = Buffer.alloc(ADDRESS_BYTES);
    const amount = Buffer.alloc(AMOUNT_BYTES);
    if (!writeAddress(leaf.account, account, 0) || !writeAmount(leaf.cumulative, amount, 0)) {
      throw new InvalidRewardLeafError(
        `cannot verify leaf (${describe(leaf.account)}, ${describe(leaf.cumulative)}): ` +
          "it needs a 0x address and a bigint amount in 0 < x < 2^256",
      );
    }
    // pair = [current node ‖ sibling]; the pair hash lands back in the first half for the next level.
    const pair = Buffer.alloc(2 * NODE_BYTES);
    const scratch = Buffer.alloc(2 * NODE_BYTES);
    new LeafHasher().hashInto(account, 0, amount, 0, pair, 0);
    for (const sibling of proof) {
      if (!writeNode(sibling, pair, NODE_BYTES)) return false;
      hashPairInto(pair, 0, NODE_BYTES, scratch, pair, 0);
    }
    const expected = Buffer.alloc(NODE_BYTES);
    return writeNode(root, expected, 0) && expected.equals(pair.subarray(0, NODE_BYTES));
  }

  /**
   * Saves the tree so proofs survive a restart without rebuilding. Written to a temporary file, synced, then renamed
   * over `path`, so a crash leaves either the old file or the new one, never half of one.
   */
  async writeTo(path: string): Promise<void> {
    const body = [this.#accounts, this.#amounts, this.#nodes];
    const header = Buffer.alloc(HEADER_BYTES);
    FILE_MAGIC.copy(header, 0);
    header.writeUInt32BE(FILE_VERSION, 8);
    header.writeUInt32BE(this.size, 12);
    this.#nodes.copy(header, 16, 0, NODE_BYTES);
    header.set(keccak256Concat(body), 48);

    // Unique per call, so two saves in flight never write into the same temporary file.
    const temporary = `${path}.${process.pid}.${++temporaryFileCount}.tmp`;
    try {
      const file = await open(temporary, "w");
      try {
        for (const part of [header, ...body]) {
          for (let written = 0; written < part.length;) {
            written += (await file.write(part, written, part.length - written)).bytesWritten;
          }
        }
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /**
   * Loads a tree saved by writeTo. The body's keccak checksum, the header root and the account index are checked, so
   * a truncated, edited or bit-flipped file is refused with CorruptRewardTreeFileError rather than serving bad proofs.
   */
  static async readFrom(path: string): Promise<RewardTree> {
    const file = await readFile(path);
    const refuse = (problem: string) =>
      new CorruptRewardTreeFileError(
        `${path}: ${problem}; delete it and rebuild the tree from the epoch's rewards (RewardTree.build, then writeTo)`,
      );
    if (file.length < HEADER_BYTES || !file.subarray(0, 8).equals(FILE_MAGIC)) {
      throw refuse("not a reward tree file (bad magic)");
    }
    const version = file.readUInt32BE(8);
    if (version !== FILE_VERSION) throw refuse(`file version ${version}, this keeper reads version ${FILE_VERSION}`);
    const count = file.readUInt32BE(12);
    const accountsEnd = HEADER_BYTES + count * ADDRESS_BYTES;
    const amountsEnd = accountsEnd + count * AMOUNT_BYTES;
    const nodesEnd = amountsEnd + (2 * count - 1) * NODE_BYTES;
    if (count === 0 || file.length !== nodesEnd) {
      throw refuse(`${file.length} bytes where ${count} leaves need ${nodesEnd} (truncated or padded)`);
    }
    const body = file.subarray(HEADER_BYTES);
    if (!Buffer.from(keccak256Concat([body])).equals(file.subarray(48, HEADER_BYTES))) {
      throw refuse("checksum mismatch (the contents changed after it was written)");
    }
    const accounts = file.subarray(HEADER_BYTES, accountsEnd);
    const amounts = file.subarray(accountsEnd, amountsEnd);
    const nodes = file.subarray(amountsEnd, nodesEnd);
    if (!nodes.subarray(0, NODE_BYTES).equals(file.subarray(16, 48))) {
      throw refuse("header root differs from the stored tree's root");
    }
    const byAccount = orderByKey(accounts, ADDRESS_BYTES, ADDRESS_BYTES, count);
    if (firstRepeatedKey(accounts, ADDRESS_BYTES, ADDRESS_BYTES, byAccount)) throw refuse("an account appears twice");
    let total = 0n;
    for (let position = 0; position < count; position++) {
      total += BigInt(toHex(amounts, position * AMOUNT_BYTES, AMOUNT_BYTES));
    }
    return new RewardTree({ accounts, amounts, nodes, byAccount, total });
  }

  /** Leaf position (tree order) of `account` by binary search over the account index; -1 when absent. */
  #positionOf(account: string): number {
    if (!writeAddress(account, this.#lookupKey, 0)) return -1;
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const position = this.#byAccount[middle];
      const order = compareKeys(this.#accounts, position * ADDRESS_BYTES, this.#lookupKey, 0, ADDRESS_BYTES);
      if (order === 0) return position;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

/** Heap index of the leaf at sorted position `position` in a tree of `count` leaves (the library's layout). */
function heapIndexOfLeaf(count: number, position: number): number {
  return 2 * count - 2 - position;
}

/** Fills heap nodes n-2 … 0 from their children, bottom-up (the leaves n-1 … 2n-2 are already in place). */
function hashInternalNodes(nodes: Buffer, count: number): void {
  const scratch = Buffer.alloc(2 * NODE_BYTES);
  for (let index = count - 2; index >= 0; index--) {
    hashPairInto(nodes, (2 * index + 1) * NODE_BYTES, (2 * index + 2) * NODE_BYTES, scratch, nodes, index * NODE_BYTES);
  }
}

/** Parses a 0x + 64 hex digit node into `out` at `offset`; false if it is not one. */
function writeNode(hex: unknown, out: Buffer, offset: number): boolean {
  if (typeof hex !== "string" || hex.length !== 2 + 2 * NODE_BYTES || !hex.startsWith("0x")) return false;
  return out.write(hex.slice(2), offset, NODE_BYTES, "hex") === NODE_BYTES;
}

function toHex(bytes: Buffer, start: number, length: number): string {
  return "0x" + bytes.toString("hex", start, start + length);
}

/** A short printable form of a bad value for error messages (bigints and strings as they are, the rest typed). */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? value.slice(0, 80) + "…" : value);
  if (typeof value === "bigint") return `${value}n`;
  return `${value === null ? "null" : typeof value}${typeof value === "number" ? ` ${value}` : ""}`;
}
