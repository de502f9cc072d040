// The dependency rules (.dependency-cruiser.cjs, run by `npm run lint`) catch what they promise: a deliberately
// introduced import cycle, library code that imports a program from scripts/, the keeper and the web app importing
// each other, and a browser-safe module reaching node: are refused, named by rule. (That the repository passes is lint's own check.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";

const root = join(import.meta.dirname, "..");
const depcruise = join(root, "node_modules/.bin/depcruise");
// a small tree of the repository's shape in a temporary folder (so lint, which runs beside the tests, never sees it)
const scratch = mkdtempSync(join(tmpdir(), "dependency-rules-"));

function cruise(cwd: string, ...args: string[]) {
  const config = join(root, ".dependency-cruiser.cjs");
  const result = spawnSync(depcruise, ["--config", config, "--output-type", "err", ...args], {
    cwd,
    encoding: "utf8",
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function write(path: string, text: string) {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

describe("dependency rules", () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("refuse a deliberately introduced cycle, a library file that imports scripts/, and keeper and web crossing", () => {
    write("tsconfig.json", JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true } }));
    write("keeper/src/a.ts", 'import { b } from "./b.ts";\nexport const a = () => b;\n');
    write("keeper/src/b.ts", 'import { a } from "./a.ts";\nexport const b = () => a;\n');
    write("keeper/src/c.ts", 'import { log } from "../../scripts/devnet/log.ts";\nexport const c = log;\n');
    write("scripts/devnet/log.ts", "export const log = () => {};\n");
    write("keeper/src/d.ts", 'import { page } from "../../web/src/page.ts";\nexport const d = page;\n');
    write("web/src/page.ts", 'import { b } from "../../keeper/src/b.ts";\nexport const page = b;\n');
    const { code, output } = cruise(scratch, "keeper", "scripts", "web");
    assert.notEqual(code, 0, output);
    assert.match(output, /no-circular: keeper\/src\/(a|b)\.ts/);
    assert.match(output, /no-library-to-scripts: keeper\/src\/c\.ts → scripts\/devnet\/log\.ts/);
    assert.match(output, /keeper-and-web-apart: keeper\/src\/d\.ts → web\/src\/page\.ts/);
    assert.match(output, /keeper-and-web-apart: web\/src\/page\.ts → keeper\/src\/b\.ts/);
    // within each side, imports are free
    assert.doesNotMatch(output, /keeper-and-web-apart: keeper\/src\/[a-z]\.ts → keeper\//);
  });

  it("keep the modules the web app shares free of node: and of everything not browser-safe, however deep", () => {
    write("kit/units.ts", 'import { note } from "./cli/note.ts";\nexport const units = note;\n');
    write("kit/cli/note.ts", 'import { readFileSync } from "node:fs";\nexport const note = readFileSync;\n');
    write("kit/format.ts", "export const format = () => '';\n");
    write(
      "governance/proposals/templates.ts",
      'import { format } from "../../kit/format.ts";\nexport const t = format;\n',
    );
    write(
      "governance/proposals/states.ts",
      'import { createHash } from "node:crypto";\nexport const s = createHash;\n',
    );
    const { code, output } = cruise(scratch, "kit", "governance");
    assert.notEqual(code, 0, output);
    assert.match(output, /browser-safe-stays-browser-safe: kit\/units\.ts → kit\/cli\/note\.ts/);
    assert.match(output, /browser-safe-no-node: governance\/proposals\/states\.ts → crypto/);
    // browser-safe modules importing each other are fine, and so is node: outside them
    assert.doesNotMatch(output, /governance\/proposals\/templates\.ts → kit\/format\.ts/);
    assert.doesNotMatch(output, /kit\/cli\/note\.ts → fs/);
  });
});
