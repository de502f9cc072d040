// The layers, checked by `npm run lint` (dependency-cruiser). Each rule names what it keeps apart and why.
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
      from: { path: "^(bindings|governance|protocol|bridge|deploy|keeper|web)/" },
      to: { path: "^scripts/" },
    },
    {
      name: "no-deploy-or-bindings-to-cli",
      severity: "error",
      comment: "Deploy steps and bindings are used by every program; a CLI is one program among them.",
      from: { path: "^(bindings|deploy|governance/deploy|protocol/deploy|bridge/deploy)/" },
      to: { path: "^(governance|protocol|bridge|keeper)/cli/|^keeper/src/cli\\.ts$" },
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
      from: { path: "^(bindings|governance|protocol|bridge|deploy|keeper|web)/", pathNot: "\\.(test|bench)\\.ts$" },
      to: { path: "(^test/|\\.test\\.ts$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|artifacts|cache|bindings/dist|bindings/src/types)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
