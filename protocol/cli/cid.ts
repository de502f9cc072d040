// CIDv1 text <-> (codec, sha-256 digest), the form MusicNFT stores. Only sha2-256 CIDv1 in base32 ("b...") are
// accepted: that is what `ipfs add --cid-version 1` prints.
import { createHash } from "node:crypto";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
export const CODEC = { dagPb: 0x70, raw: 0x55 } as const;

export function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new CliError(`"${char}" is not a base32 character`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export function cidToString(codec: number, digest: string): string {
  const bytes = Buffer.concat([Buffer.from([1, codec, 0x12, 0x20]), Buffer.from(digest.slice(2), "hex")]);
  return `b${base32(bytes)}`;
}

/** Parses `bafy...` / `bafk...` (or ipfs://...) into the codec and digest MusicNFT stores. */
export function parseCid(text: string): { codec: number; digest: string } {
  const cid = text.replace(/^ipfs:\/\//, "");
  if (!cid.startsWith("b")) {
    throw new CliError(
      `"${text}" is not a base32 CIDv1`,
      "use `ipfs add --cid-version 1 <file>` (CIDs starting with b)",
    );
  }
  const bytes = unbase32(cid.slice(1));
  if (bytes.length !== 36 || bytes[0] !== 1 || bytes[2] !== 0x12 || bytes[3] !== 0x20) {
    throw new CliError(`"${text}" is not a CIDv1 with a sha2-256 hash`);
  }
  if (bytes[1] !== CODEC.dagPb && bytes[1] !== CODEC.raw) {
    throw new CliError(`"${text}" has codec 0x${bytes[1].toString(16)}; MusicNFT stores dag-pb (0x70) or raw (0x55)`);
  }
  return { codec: bytes[1], digest: `0x${Buffer.from(bytes.slice(4)).toString("hex")}` };
}

export function sha256Hex(bytes: Uint8Array): string {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}
