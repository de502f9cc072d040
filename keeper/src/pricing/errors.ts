// Bad input to the pricing model, as named errors: the API layer maps every PricingInputError to a client error
// (400) and anything else to a bug (500), so a price is never suggested from data the model does not understand.
import { KeeperError } from "../errors.ts";

/** Base class: the request or the market data cannot be priced as given. */
export class PricingInputError extends KeeperError {
  constructor(message: string) {
    super(message);
    this.name = "PricingInputError";
  }
}

/** The requested track is not among the market's tracks (not registered, or the keeper has not seen it yet). */
export class UnknownTrackError extends PricingInputError {
  readonly trackId: string;
  constructor(trackId: string) {
    super(`unknown track ${trackId}`);
    this.name = "UnknownTrackError";
    this.trackId = trackId;
  }
}

/** A seller's minimum reserve that no auction could honour: zero, negative, or above the contract's uint96. */
export class InvalidMinReserveError extends PricingInputError {
  readonly minReserve: bigint;
  constructor(minReserve: bigint, reason: string) {
    super(`invalid minReserve ${minReserve}: ${reason}`);
    this.name = "InvalidMinReserveError";
    this.minReserve = minReserve;
  }
}

/** A malformed request: currency, kind, time, or a field that does not apply to the kind asked for. */
export class InvalidPricingRequestError extends PricingInputError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidPricingRequestError";
  }
}

/** Market data the model reads is out of its domain (a negative play count, a reputation above 1, a zero sale). */
export class InvalidMarketDataError extends PricingInputError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidMarketDataError";
  }
}

/** No comparable sale at any level and no floor configured for the track's tier in this currency. */
export class NoPriceBasisError extends PricingInputError {
  readonly trackId: string;
  readonly currency: string;
  constructor(trackId: string, currency: string) {
    super(`no sales and no tier floor to price track ${trackId} in currency ${currency}`);
    this.name = "NoPriceBasisError";
    this.trackId = trackId;
    this.currency = currency;
  }
}
