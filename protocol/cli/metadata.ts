// A track's metadata (title, artist) from where its bytes are kept: a local metadata store (the devnet's
// <devnet dir>/metadata/<cid>.json, or FLYAI_METADATA_DIR) and an IPFS gateway (FLYAI_IPFS_GATEWAY). The chain holds
// only the CID's digest, so bytes are checked against it before they are believed: a raw CID is the sha-256 of the
// file. Metadata that cannot be found or read leaves the track without a title; it never fails a command.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { CODEC, cidToString, parseCid, sha256Hex } from "./cid.ts";

const root = join(import.meta.dirname, "../..");
const GATEWAY_TIMEOUT_MS = 5_000;

export interface TrackMetadata {
  title?: string;
  artist?: string;
}

/** Local folders that hold metadata files named `<cid>.json`: FLYAI_METADATA_DIR, else the devnet's store. */
export function metadataDirs(env: Record<string, string | undefined>, devnet: boolean): string[] {
  if (env.FLYAI_METADATA_DIR) return env.FLYAI_METADATA_DIR.split(delimiter).filter(Boolean);
  return devnet ? [join(env.FLYAI_DEVNET_DIR ?? join(root, ".devnet"), "metadata")] : [];
}

/** Title and artist from a metadata JSON: the music NFT fields (`title`, `artist`), else OpenSea's `name`. */
export function readMetadata(bytes: Uint8Array): TrackMetadata {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
  if (typeof json !== "object" || json === null) return {};
  const fields = json as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);
  const attributes = Array.isArray(fields.attributes) ? (fields.attributes as Record<string, unknown>[]) : [];
  const artistTrait = attributes.find((a) => a && typeof a === "object" && a.trait_type === "artist");
  return { title: text(fields.title) ?? text(fields.name), artist: text(fields.artist) ?? text(artistTrait?.value) };
}

/** The bytes match the CID: a raw CID's digest is their sha-256 (a dag-pb file is trusted as its gateway served it). */
function matches(cid: { codec: number; digest: string }, bytes: Uint8Array): boolean {
  return cid.codec !== CODEC.raw || sha256Hex(bytes) === cid.digest;
}

/** The metadata behind `uri` (ipfs://<cid>), from the local store first, then the gateway; {} when not found. */
export async function trackMetadata(
  uri: string,
  env: Record<string, string | undefined>,
  devnet: boolean,
): Promise<TrackMetadata> {
  let cid: { codec: number; digest: string };
  try {
    cid = parseCid(uri);
  } catch {
    return {};
  }
  const name = cidToString(cid.codec, cid.digest);
  for (const dir of metadataDirs(env, devnet)) {
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    if (matches(cid, bytes)) return readMetadata(bytes);
  }
  const gateway = env.FLYAI_IPFS_GATEWAY?.replace(/\/+$/, "");
  if (!gateway) return {};
  try {
    const response = await fetch(`${gateway}/ipfs/${name}`, { signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS) });
    if (!response.ok) return {};
    const bytes = new Uint8Array(await response.arrayBuffer());
    return matches(cid, bytes) ? readMetadata(bytes) : {};
  } catch {
    return {};
  }
}

/** Keeps a minted track's metadata file in the local store (as `<cid>.json`) so `tracks` can show its title. */
export function storeMetadata(
  file: string,
  cid: { codec: number; digest: string },
  env: Record<string, string | undefined>,
  devnet: boolean,
): string | undefined {
  const [dir] = metadataDirs(env, devnet);
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${cidToString(cid.codec, cid.digest)}.json`);
  copyFileSync(file, target);
  return target;
}

/** "Night Drive — nova", or what is known of it. */
export function describeTrack(metadata: TrackMetadata): string {
  if (metadata.title && metadata.artist) return `${metadata.title} — ${metadata.artist}`;
  return metadata.title ?? (metadata.artist ? `untitled — ${metadata.artist}` : "(no metadata found)");
}
