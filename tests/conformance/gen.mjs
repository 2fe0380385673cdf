#!/usr/bin/env node
// Seeded random generator of dschema files for differential testing (see README.md).
//
//   node gen.mjs --seed N               a valid, deployable schema, deterministic per seed
//   node gen.mjs --seed N --mutate      a broken variant; the mutation is named on stderr
//                                       ("mutation: ID expect=throws|error: what")
//                                       and in the file's first comment line
//   node gen.mjs --emit DIR N [--from S] [--mutate]
//                                       writes seeds S..S+N-1 as DIR/seed-K.yaml (mutants:
//                                       DIR/mutant-K.yaml and DIR/mutant-K.mutation)
//   node gen.mjs --stats N [--from S]   tally of the constructs seeds S..S+N-1 use
//   node gen.mjs --check N [--from S] [--mutate]
//                                       runs those seeds through the oracle in-process:
//                                       valid ones must pass data-schema and
//                                       graphql-generator; mutants must make data-schema
//                                       throw when they say so
//
// Schemas go to standard output (or -o FILE).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchema } from './gen/schema.mjs';
import { emitYaml } from './gen/yaml-emit.mjs';
import { mutateSchema } from './gen/mutate.mjs';

const USAGE = `usage: gen.mjs --seed N [--mutate] [-o FILE]
       gen.mjs --emit DIR N [--from S] [--mutate]
       gen.mjs --stats N [--from S]
       gen.mjs --check N [--from S] [--mutate]`;

const describe = (m) => `${m.id} expect=${m.expect}: ${m.what}`;

/** The YAML text for a seed, and the mutation applied (or null). */
export function render(seed, { mutate = false } = {}) {
  const { doc, meta, hits, rng } = generateSchema(seed);
  if (!mutate) {
    return { text: emitYaml(doc, rng, [`dschema conformance: gen.mjs --seed ${seed}`]), doc, hits };
  }
  const mutation = mutateSchema(doc, meta, rng);
  const header = [`dschema conformance: gen.mjs --seed ${seed} --mutate`, `mutation: ${describe(mutation)}`];
  const text = emitYaml(doc, rng, header);
  return { text: mutation.textEdit ? mutation.textEdit(text) : text, doc, hits, mutation };
}

function parseArgs(argv) {
  const opts = { seed: null, stats: null, check: null, emit: null, dir: null, from: 1, mutate: false, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage();
      return argv[++i];
    };
    if (a === '--seed') opts.seed = Number(value());
    else if (a === '--stats') opts.stats = Number(value());
    else if (a === '--check') opts.check = Number(value());
    else if (a === '--emit') [opts.dir, opts.emit] = [value(), Number(value())];
    else if (a === '--from') opts.from = Number(value());
    else if (a === '--mutate') opts.mutate = true;
    else if (a === '-o') opts.out = value();
    else usage();
  }
  if ([opts.seed, opts.stats, opts.check, opts.emit].filter((x) => x !== null).length !== 1) usage();
  for (const n of [opts.seed, opts.stats, opts.check, opts.emit, opts.from]) {
    if (n !== null && !Number.isInteger(n)) usage();
  }
  return opts;
}

function usage() {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

/** --emit: many seeds in one process (run.sh); file names say the seed. */
function emitSeeds(dir, from, count, mutate) {
  for (let seed = from; seed < from + count; seed++) {
    const { text, mutation } = render(seed, { mutate });
    const base = join(dir, `${mutate ? 'mutant' : 'seed'}-${seed}`);
    writeFileSync(`${base}.yaml`, text);
    if (mutation) writeFileSync(`${base}.mutation`, `${describe(mutation)}\n`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.emit !== null) {
    emitSeeds(opts.dir, opts.from, opts.emit, opts.mutate);
  } else if (opts.stats !== null) {
    const { printStats } = await import('./gen/stats.mjs');
    printStats(opts.from, opts.stats, render);
  } else if (opts.check !== null) {
    const { checkSeeds } = await import('./gen/check.mjs');
    process.exitCode = await checkSeeds(opts.from, opts.check, opts.mutate, render) ? 0 : 1;
  } else {
    const { text, mutation } = render(opts.seed, { mutate: opts.mutate });
    if (mutation) process.stderr.write(`mutation: ${describe(mutation)}\n`);
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
  }
}

await main();
