// gen.mjs --check: runs generated schemas through the oracle in one process (starting
// node per seed costs half a second) and checks what the generator promises:
//  - valid schemas: the YAML reads back as the document that was meant (the emitter's
//    quoting is right), data-schema accepts it, graphql-generator processes its SDL, and
//    the SDL has no duplicate type names;
//  - mutants marked expect=throws: data-schema throws.

import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { runOracle, DATA_SCHEMA_THREW, OK } from '../oracle/oracle.mjs';
import { parseYaml } from '../oracle/translate.mjs';
import { Flow, Raw } from './yaml-emit.mjs';

// graphql is installed with the oracle's packages.
const { parse } = createRequire(new URL('../oracle/package.json', import.meta.url))('graphql');

/** The value a YAML reader should make of a generated document tree. */
function plain(v) {
  if (v instanceof Raw) return v.value;
  if (v instanceof Flow) return plain(v.value);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

function sdlProblems(sdl) {
  const names = parse(sdl).definitions.map((d) => d.name.value);
  const dups = names.filter((n, i) => names.indexOf(n) !== i);
  return dups.length ? [`duplicate type names in SDL: ${dups.join(', ')}`] : [];
}

async function problemsOfValid(text, doc) {
  const problems = [];
  if (!isDeepStrictEqual(parseYaml(text), plain(doc))) problems.push('YAML does not read back as generated');
  const r = await runOracle(text);
  if (r.status !== OK) problems.push(`oracle exit ${r.status}: ${r.message}`);
  else problems.push(...sdlProblems(r.sdl));
  return problems;
}

async function problemsOfMutant(text, mutation) {
  const r = await runOracle(text, { withIntrospection: false });
  if (mutation.expect === 'throws' && r.status !== DATA_SCHEMA_THREW) {
    return [`mutation ${mutation.id} should make data-schema throw; oracle exit ${r.status} ${r.message ?? ''}`];
  }
  return [];
}

/** Checks seeds from..from+count-1; prints failures and a summary; true when all passed. */
export async function checkSeeds(from, count, mutate, render) {
  let passed = 0;
  let failed = 0;
  const mutations = new Map();
  for (let seed = from; seed < from + count; seed++) {
    let problems;
    try {
      const { text, doc, mutation } = render(seed, { mutate });
      if (mutation) mutations.set(mutation.id, (mutations.get(mutation.id) ?? 0) + 1);
      problems = mutate ? await problemsOfMutant(text, mutation) : await problemsOfValid(text, doc);
    } catch (err) {
      problems = [`generator crashed: ${err.stack}`];
    }
    if (problems.length) {
      failed++;
      console.log(`FAIL seed ${seed}${mutate ? ' --mutate' : ''}: ${problems.join('; ')}`);
    } else {
      passed++;
    }
  }
  if (mutate) {
    console.log(`mutations: ${[...mutations].sort().map(([id, n]) => `${id}=${n}`).join(' ')}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}
