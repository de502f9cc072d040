// Generates @flyaimusic/bindings from the Hardhat artifacts: TypeChain (ethers v6) contract types and factories for
// every contract under governance/, protocol/ and bridge/, compiled to bindings/dist so keeper/, web/, test/ and the
// scripts import typed contracts instead of copying ABI JSON. Run by `npm run compile`.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runTypeChain } from "typechain";
import { CONTRACT_AREAS } from "./contract-areas.ts";

const root = join(import.meta.dirname, "..");
const artifactRoots = CONTRACT_AREAS.map((area) => join(root, "artifacts", area, "contracts"));

function artifactFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return artifactFiles(path);
    return name.endsWith(".json") && !name.endsWith(".dbg.json") ? [path] : [];
  });
}

function generatedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? generatedFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

const files = artifactRoots.flatMap(artifactFiles);
if (files.length === 0) {
  console.error("gen-bindings: no artifacts found; run `npx hardhat compile` first");
  process.exit(1);
}

const outDir = join(root, "bindings/src/types");
rmSync(outDir, { recursive: true, force: true });
// compiled output of contracts that no longer exist must not linger
rmSync(join(root, "bindings/dist"), { recursive: true, force: true });
const started = Date.now();
const result = await runTypeChain({
  cwd: root,
  filesToProcess: files,
  allFiles: files,
  outDir,
  target: "ethers-v6",
  flags: { alwaysGenerateOverloads: false, discriminateTypes: false, node16Modules: true, environment: undefined },
});
// TypeChain's node16 mode still leaves barrel imports of folders without `/index.js`; NodeNext needs it.
for (const file of generatedFiles(outDir)) {
  const text = readFileSync(file, "utf8");
  const fixed = text.replace(/from "(\.{1,2}\/[^"]*?)";/g, (match, path: string) =>
    path.endsWith(".js") ? match : `from "${path}/index.js";`,
  );
  if (fixed !== text) writeFileSync(file, fixed);
}
execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", join(root, "bindings/tsconfig.json")], { stdio: "inherit" });
console.log(
  `bindings: ${result.filesGenerated} files from ${files.length} artifacts -> ${relative(root, join(root, "bindings/dist"))} (${Date.now() - started} ms)`,
);
