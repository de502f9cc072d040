// The relayer's reading of LayerZero's wire formats: a PacketV1 header and type-3 executor options, checked against
// encodings built independently here (the layouts of LayerZero's PacketV1Codec and OptionsBuilder).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lzReceiveOption } from "@flyaimusic/bridge/deploy/bridge.ts";
import { decodePacket, receiveGas } from "@flyaimusic/bridge/relayer/relayer.ts";
import { getAddress, hexlify, randomBytes, solidityPacked, zeroPadValue } from "ethers";

describe("relayer wire formats", () => {
  it("decodes a PacketV1: nonce, endpoints, sender, receiver, guid and message", () => {
    const sender = zeroPadValue(hexlify(randomBytes(20)), 32);
    const receiver = getAddress(hexlify(randomBytes(20)));
    const guid = hexlify(randomBytes(32));
    const message = hexlify(randomBytes(97));
    const raw = solidityPacked(
      ["uint8", "uint64", "uint32", "bytes32", "uint32", "bytes32", "bytes32", "bytes"],
      [1, 42n, 40101, sender, 40102, zeroPadValue(receiver, 32), guid, message],
    );
    const packet = decodePacket(raw);
    assert.equal(packet.nonce, 42n);
    assert.equal(packet.srcEid, 40101);
    assert.equal(packet.dstEid, 40102);
    assert.equal(packet.sender, sender);
    assert.equal(packet.receiver, receiver);
    assert.equal(packet.guid, guid);
    assert.equal(packet.message, message);
  });

  it("reads the lzReceive gas of type-3 options, sums several entries, and falls back otherwise", () => {
    assert.equal(receiveGas(lzReceiveOption(400_000n), 1n), 400_000n);
    const two = `${lzReceiveOption(100_000n)}${lzReceiveOption(50_000n).slice(6)}`;
    assert.equal(receiveGas(two, 1n), 150_000n);
    // a native-drop entry (type 2) is not lzReceive gas
    const drop = solidityPacked(
      ["uint16", "uint8", "uint16", "uint8", "uint128", "bytes32"],
      [3, 1, 49, 2, 5n, zeroPadValue("0x01", 32)],
    );
    assert.equal(receiveGas(drop, 7n), 7n);
    assert.equal(receiveGas("0x", 9n), 9n);
    assert.equal(receiveGas("0x0001", 9n), 9n, "legacy type 1 options: the fallback");
  });
});
