// Which epoch a moment falls in. Epoch 1 starts at `genesis`; each lasts `seconds`. Plays count in the epoch their
// start falls in; a closed epoch is final (reports of plays in it are refused, see the plays API).

export interface EpochClock {
  readonly genesis: number;
  readonly seconds: number;
  /** The epoch `time` falls in (0 before genesis). */
  epochAt(time: number): number;
  bounds(epoch: number): { start: number; end: number };
}

export function createEpochClock(genesis: number, seconds: number): EpochClock {
  return {
    genesis,
    seconds,
    epochAt: (time) => (time < genesis ? 0 : Math.floor((time - genesis) / seconds) + 1),
    bounds: (epoch) => ({ start: genesis + (epoch - 1) * seconds, end: genesis + epoch * seconds }),
  };
}
