// Round trip of -f typescript, in one node process: for each DIR/NAME.ts (with
// DIR/NAME.graphql, dschemac -f graphql of the same YAML), strip the types with the
// typescript package, run the module with '@aws-amplify/backend' resolved to a shim
// (the real `a` of @aws-amplify/data-schema 1.26.2; defineData returns its argument),
// and compare `data.schema.transform().schema` with NAME.graphql byte for byte.
//
// The one allowed difference is FORMAT.md's: dschemac escapes `"` and `\` inside a
// @default string, data-schema prints them raw; such a case passes, counted apart.
//
//   node roundtrip.mjs DIR

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { a } = require('@aws-amplify/data-schema');

const shim = { a, defineData: (props) => props };

/** Evaluates the CommonJS text of a module whose only import is the backend. */
function evaluate(js) {
  const module = { exports: {} };
  const req = (name) => {
    if (name === '@aws-amplify/backend') return shim;
    throw new Error(`unexpected import ${name}`);
  };
  new Function('require', 'module', 'exports', js)(req, module, module.exports);
  return module.exports;
}

/** dschemac's SDL with its @default strings unescaped, as data-schema prints them. */
const unescapeDefaults = (sdl) =>
  sdl.replace(/@default\(value: "((?:[^"\\]|\\.)*)"\)/g,
    (_, s) => `@default(value: "${s.replace(/\\(.)/g, '$1')}")`);

const dir = process.argv[2];
let passed = 0, documented = 0, failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  const name = file.slice(0, -3);
  const expected = readFileSync(join(dir, `${name}.graphql`), 'utf8');
  let got;
  try {
    const { outputText } = ts.transpileModule(readFileSync(join(dir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    got = evaluate(outputText).data.schema.transform().schema;
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${String(err.stack || err).split('\n').slice(0, 3).join(' | ')}`);
    continue;
  }
  if (got === expected) { passed++; continue; }
  if (got === unescapeDefaults(expected)) { documented++; continue; }
  failed++;
  console.log(`FAIL ${name}: data.schema.transform().schema differs from dschemac -f graphql`);
  const g = got.split('\n'), e = expected.split('\n');
  for (let i = 0, shown = 0; i < Math.max(g.length, e.length) && shown < 6; i++) {
    if (g[i] === e[i]) continue;
    console.log(`  line ${i + 1}:\n    -f graphql: ${e[i]}\n    round trip: ${g[i]}`);
    shown++;
  }
}
console.log(`round trip: ${passed} identical, ${documented} with the documented @default escape, ${failed} failed`);
process.exit(failed ? 1 : 0);
