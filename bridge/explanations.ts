// The bridges' custom errors in words (and the music core's, since a bridged track is a music track). No node: imports.
import type { Explanations } from "@flyaimusic/kit/revert.ts";
import { PROTOCOL_EXPLANATIONS } from "@flyaimusic/protocol/explanations.ts";

export const BRIDGE_EXPLANATIONS: Explanations = {
  ...PROTOCOL_EXPLANATIONS,
  RemoteMusicNFTUnknownTrack: (a) => `track ${a.tokenId} has not arrived on this chain`,
  TrackONFTComposeNotSupported: () => "the track bridge does not run composed messages: send without a compose payload",
  TrackMessageMalformed: () => "the bridge message is malformed (not a track with its provenance)",
};
