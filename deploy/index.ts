export * from "./params.ts";
export * from "./suite.ts";
