import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { SigningKey, Wallet, computeAddress, getBytes, hexlify, recoverAddress, toBeHex } from "ethers";
import {
  MalformedSignature,
  UnrecoverableSignature,
  addressOfPublicKey,
  parseSignature,
  recoverSigner,
} from "./recover.ts";

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const signed = () => {
  const key = new SigningKey(hexlify(randomBytes(32)));
  const digest = randomBytes(32);
  const signature = key.sign(digest);
  return { key, digest: new Uint8Array(digest), signature, address: computeAddress(key.publicKey).toLowerCase() };
};

/** r ‖ s ‖ v as bytes, from parts. */
const serialize = (r: bigint, s: bigint, v: number) => {
  const bytes = new Uint8Array(65);
  bytes.set(getBytes(toBeHex(r, 32)), 0);
  bytes.set(getBytes(toBeHex(s, 32)), 32);
  bytes[64] = v;
  return bytes;
};

test("recovers the same lower-case address as ethers.recoverAddress", () => {
  for (let i = 0; i < 200; i++) {
    const { digest, signature, address } = signed();
    const ours = recoverSigner(digest, signature.serialized);
    assert.equal(ours, recoverAddress(digest, signature.serialized).toLowerCase());
    assert.equal(ours, address);
  }
});

test("accepts v as 27/28 or 0/1, as hex or bytes", () => {
  const { digest, signature, address } = signed();
  const r = BigInt(signature.r);
  const s = BigInt(signature.s);
  assert.equal(recoverSigner(digest, serialize(r, s, signature.v)), address);
  assert.equal(recoverSigner(digest, serialize(r, s, signature.v - 27)), address);
  assert.equal(recoverSigner(digest, hexlify(serialize(r, s, signature.v - 27))), address);
});

test("another digest recovers another address (the caller compares with the claimed signer)", () => {
  const { digest, signature, address } = signed();
  const other = new Uint8Array(digest);
  other[0] ^= 1;
  assert.notEqual(recoverSigner(other, signature.serialized), address);
});

test("rejects the high-s twin of a valid signature (EIP-2 malleability)", () => {
  const { digest, signature } = signed();
  const highS = serialize(BigInt(signature.r), N - BigInt(signature.s), signature.v === 27 ? 28 : 27);
  assert.throws(
    () => recoverSigner(digest, highS),
    (e: Error) => e instanceof MalformedSignature && /upper half.*low-s/.test(e.message),
  );
});

test("rejects bad lengths, bad hex, bad v and out-of-range r/s with MalformedSignature", () => {
  const { digest, signature } = signed();
  const r = BigInt(signature.r);
  const s = BigInt(signature.s);
  const cases: Array<[string, string | Uint8Array, RegExp]> = [
    ["64-byte compact", signature.compactSerialized, /130 hex digits.*got 64 bytes/],
    ["66 bytes", signature.serialized + "00", /got 66 bytes/],
    ["no prefix", signature.serialized.slice(2), /no 0x prefix/],
    ["non-hex", "0x" + "g".repeat(130), /130 hex digits/],
    ["64 raw bytes", serialize(r, s, 27).subarray(0, 64), /65 bytes.*got 64/],
    ["v = 29", serialize(r, s, 29), /v must be 27, 28, 0 or 1, got 29/],
    ["v = 2", serialize(r, s, 2), /got 2/],
    ["r = 0", serialize(0n, s, 27), /r is zero/],
    ["r = n", serialize(N, s, 27), /not below the curve order/],
    ["s = 0", serialize(r, 0n, 27), /s is zero/],
  ];
  for (const [name, bad, message] of cases) {
    assert.throws(
      () => recoverSigner(digest, bad),
      (e: Error) => e instanceof MalformedSignature && message.test(e.message),
      name,
    );
  }
});

test("an r that is no curve point's x is UnrecoverableSignature", () => {
  const { digest, signature } = signed();
  // About half of all x values have no point on secp256k1; scan upward from 1 until recovery finds none.
  let thrown: unknown;
  for (let r = 1n; r < 100n && thrown === undefined; r++) {
    try {
      recoverSigner(digest, serialize(r, BigInt(signature.s), 27));
    } catch (error) {
      thrown = error;
    }
  }
  assert.ok(thrown instanceof UnrecoverableSignature);
});

test("parseSignature splits r‖s from the recovery id", () => {
  const { signature } = signed();
  const parsed = parseSignature(signature.serialized);
  assert.equal(hexlify(parsed.compact), signature.r + signature.s.slice(2));
  assert.equal(parsed.recoveryId, signature.v - 27);
});

test("addressOfPublicKey matches ethers.computeAddress", () => {
  const wallet = Wallet.createRandom();
  assert.equal(addressOfPublicKey(getBytes(wallet.signingKey.publicKey)), wallet.address.toLowerCase());
  assert.throws(() => addressOfPublicKey(getBytes(wallet.signingKey.compressedPublicKey)), TypeError);
});

test("rejects a digest that is not 32 bytes", () => {
  const { signature } = signed();
  assert.throws(() => recoverSigner(new Uint8Array(31), signature.serialized), TypeError);
});
