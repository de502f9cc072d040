// The layers, checked by `npm run lint` (dependency-cruiser). Each rule names what it keeps apart and why.

/** Modules the web app shares with the CLIs: they import no node: module and nothing that is not browser-safe too. */
const BROWSER_SAFE =
  "^(kit/(format|units|revert|user-error|devnet)\\.ts|governance/proposals/[^/]+\\.ts|" +
  "(governance|protocol|bridge)/explanations\\.ts|bindings/dist/types/)";
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A module that imports itself through others cannot be understood, tested or moved on its own.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-library-to-scripts",
      severity: "error",
      comment:
        "scripts/ holds the programs (devnet, compile, test runner): code that programs share never imports them.",
      from: { path: "^(bindings|kit|governance|protocol|bridge|deploy|keeper|web)/" },
      to: { path: "^scripts/" },
    },
    {
      name: "no-deploy-or-bindings-to-cli",
      severity: "error",
      comment: "Deploy steps and bindings are used by every program; a CLI is one program among them.",
      from: { path: "^(bindings|deploy|kit/deploy|governance/deploy|protocol/deploy|bridge/deploy)/" },
      to: { path: "^(kit|governance|protocol|bridge|keeper)/cli/|^keeper/src/cli\\.ts$" },
    },
    {
      name: "kit-is-shared",
      severity: "error",
      comment: "kit/ is what every program shares; it builds on the bindings alone, never on an area or a program.",
      from: { path: "^kit/" },
      to: { path: "^(governance|protocol|bridge|deploy|keeper|web)/" },
    },
    {
      name: "browser-safe-no-node",
      severity: "error",
      comment:
        "Proposal templates, units, formatting and errors in words run in the browser too (the web app): no node: modules.",
      from: { path: BROWSER_SAFE, pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "browser-safe-stays-browser-safe",
      severity: "error",
      comment:
        "A browser-safe module imports only other browser-safe modules (and packages), so the property holds for " +
        "everything it reaches; types may come from anywhere.",
      from: { path: BROWSER_SAFE, pathNot: "\\.test\\.ts$" },
      to: {
        path: "^(bindings|kit|governance|protocol|bridge|deploy|keeper|web|scripts|test)/",
        pathNot: BROWSER_SAFE,
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "no-governance-to-protocol",
      severity: "error",
      comment:
        "The packages depend one way (protocol's CLIs and deploy steps use governance's); what assembles both " +
        "(the suite deploy) lives above them, in deploy/.",
      from: { path: "^governance/" },
      to: { path: "^protocol/" },
    },
    {
      name: "keeper-and-web-apart",
      severity: "error",
      comment: "The keeper serves the web app over its HTTP API; neither imports the other's code.",
      from: { path: "^(keeper|web)/" },
      to: { path: "^(keeper|web)/", pathNot: "^$1/" },
    },
    {
      name: "no-production-to-tests",
      severity: "error",
      comment: "Nothing that ships imports a test or the test harness.",
      from: { path: "^(bindings|kit|governance|protocol|bridge|deploy|keeper|web)/", pathNot: "\\.(test|bench)\\.ts$" },
      to: { path: "(^test/|\\.test\\.ts$)" },
    },
  ],
  options: {
    // the generated bindings are seen (so a browser-safe module importing their node: part is caught), not followed
    doNotFollow: { path: "(^|/)(node_modules|bindings/dist)/" },
    exclude: { path: "(^|/)(node_modules|artifacts|cache|bindings/src/types)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
