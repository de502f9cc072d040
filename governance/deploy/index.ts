export * from "./context.ts";
export * from "./governance.ts";
export * from "./params.ts";
