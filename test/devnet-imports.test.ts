// The front door: on a fresh clone `npm start` runs before anything is compiled, so the devnet script must reach the
// point where it builds the contracts and bindings without loading them. Follows every static (non-type) import of
// scripts/devnet.ts through the repository's own files and fails if one of them reaches a module that only exists
// after the build. (A regression of exactly this kind once made `npm ci && npm start` stop at once.)
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";

const root = join(import.meta.dirname, "..");
/** Modules that exist only after `npm run compile` (generated from the Solidity artifacts). */
const BUILT = ["@flyaimusic/bindings"];

/** The specifiers a file imports for their values at load time (`import type` and type-only names skipped). */
export function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly);
      if (onlyTypes) continue;
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

/** Every chain of static imports from `entry` that ends in a built module, as "a.ts -> b.ts -> module". */
export function pathsToBuilt(entry: string): string[] {
  const seen = new Set<string>();
  const offending: string[] = [];
  const walk = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImports(file)) {
      const here = [...trail, relative(root, file)];
      if (BUILT.some((name) => specifier === name || specifier.startsWith(`${name}/`))) {
        offending.push([...here, specifier].join(" -> "));
      } else if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier);
        if (existsSync(target)) walk(target, here);
      }
    }
  };
  walk(entry, []);
  return offending;
}

describe("npm start on a fresh clone", () => {
  it("scripts/devnet.ts loads nothing generated before it has built it", () => {
    assert.deepEqual(pathsToBuilt(join(root, "scripts/devnet.ts")), []);
  });

  it("the check sees a chain of imports that does reach the bindings", () => {
    // the chain launcher itself uses the bindings' provider: imported statically, it would break a fresh clone
    const paths = pathsToBuilt(join(root, "scripts/devnet/anvil.ts"));
    assert.ok(
      paths.some((path) => path.endsWith("scripts/devnet/anvil.ts -> @flyaimusic/bindings")),
      paths.join("\n"),
    );
  });
});
