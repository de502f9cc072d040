export * from "./governance.ts";
export * from "./params.ts";
