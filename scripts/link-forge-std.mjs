// forge-std is not on npm in a current version (the `forge-std` package there is an old copy). LayerZero's
// toolbox-foundry ships forge-std 1.9.7: copy it to node_modules/forge-std after every install so Solidity tests
// import it as `forge-std/Test.sol`. A copy, not a symlink, so the compiler sees one real package path; the sources go
// under src/ because that is where Hardhat maps `forge-std/<file>` (the layout of the real forge-std repository).
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules/@layerzerolabs/toolbox-foundry/lib/forge-std");
const target = join(root, "node_modules/forge-std");

if (!existsSync(source)) {
  console.error(`forge-std: ${source} is missing; run npm ci first`);
  process.exit(1);
}
const version = JSON.parse(readFileSync(join(source, "package.json"), "utf8")).version;
const current = existsSync(join(target, "src/Test.sol"))
  ? JSON.parse(readFileSync(join(target, "package.json"), "utf8")).version
  : undefined;
if (current !== version) {
  rmSync(target, { recursive: true, force: true });
  cpSync(source, join(target, "src"), { recursive: true });
  cpSync(join(source, "package.json"), join(target, "package.json"));
  console.log(`forge-std ${version} installed at node_modules/forge-std`);
}
