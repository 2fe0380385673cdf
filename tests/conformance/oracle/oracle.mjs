#!/usr/bin/env node
// The differential-testing oracle: runs a dschema YAML file through the real
// @aws-amplify/data-schema builders and @aws-amplify/graphql-generator.
//
//   node oracle.mjs FILE.yaml [--sdl OUT] [--introspection OUT] [--js OUT]
//   node oracle.mjs FILE.graphql --introspection OUT
//   node oracle.mjs --batch OUTDIR FILE.yaml...
//
// OUT is a file name or "-" for standard output; without any option the SDL goes to
// standard output. Outputs are written byte for byte as the packages return them (no
// trailing newline). Given FILE.graphql, the oracle only runs graphql-generator on that
// SDL (how the corpus's hand-escaped default_escaped is checked).
//
// Exit status: 0 done; 1 data-schema threw (its message on stderr, as
// "data-schema: MESSAGE"); 2 the file is not a dschema file the oracle can translate
// (YAML error, unknown key, ...) or bad usage; 3 graphql-generator rejected the SDL.
//
// --batch saves starting node once per file (about half a second): for each FILE.yaml
// it writes OUTDIR/NAME.status (the exit status above), NAME.graphql when data-schema
// made an SDL, NAME.introspection.json when the status is 0, and NAME.err otherwise.

import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { a } from '@aws-amplify/data-schema';
import { generateModels } from '@aws-amplify/graphql-generator';
import { FormatError, parseYaml, toBuilderSource } from './translate.mjs';

const USAGE = `usage: oracle.mjs FILE.yaml [--sdl OUT] [--introspection OUT] [--js OUT]
       oracle.mjs FILE.graphql --introspection OUT
       oracle.mjs --batch OUTDIR FILE.yaml...`;

export const OK = 0, DATA_SCHEMA_THREW = 1, NOT_DSCHEMA = 2, GENERATOR_FAILED = 3;

/** How data-schema's error reads in the corpus .err files: one line, TypeError named. */
function describe(err) {
  const text = err instanceof Error
    ? (err.name === 'Error' ? err.message : `${err.name}: ${err.message}`)
    : String(err);
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Runs graphql-generator as amplify-backend does; returns its introspection JSON text. */
export async function introspect(sdl) {
  const files = await generateModels({ schema: sdl, target: 'introspection' });
  return files['model-introspection.json'];
}

/**
 * Runs one dschema text through data-schema (and the generator when `withIntrospection`).
 * Returns { status, js, sdl, introspection, message }; never exits.
 */
export async function runOracle(yamlText, { withIntrospection = true } = {}) {
  const result = { status: OK };
  try {
    result.js = toBuilderSource(parseYaml(yamlText));
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    return { status: NOT_DSCHEMA, message: `dschema: ${err.message}` };
  }
  try {
    // The builder source is `return a.schema({...})...;`: evaluate it with data-schema's `a`.
    result.sdl = new Function('a', result.js)(a).transform().schema;
  } catch (err) {
    return { ...result, status: DATA_SCHEMA_THREW, message: `data-schema: ${describe(err)}` };
  }
  if (!withIntrospection) return result;
  try {
    result.introspection = await introspect(result.sdl);
  } catch (err) {
    return { ...result, status: GENERATOR_FAILED, message: `graphql-generator: ${describe(err)}` };
  }
  return result;
}

// ---------------------------------------------------------------- command line

function exitWith(status, message) {
  process.stderr.write(`${message}\n`);
  process.exit(status);
}

function write(out, text) {
  if (out === '-') process.stdout.write(text);
  else writeFileSync(out, text);
}

function readInput(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return exitWith(NOT_DSCHEMA, `${file}: ${err.message}`);
  }
}

function parseArgs(argv) {
  const opts = { file: null, sdl: null, introspection: null, js: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = /^--(sdl|introspection|js)$/.exec(argv[i]);
    if (flag && i + 1 < argv.length) opts[flag[1]] = argv[++i];
    else if (!flag && opts.file === null) opts.file = argv[i];
    else exitWith(NOT_DSCHEMA, USAGE);
  }
  if (opts.file === null) exitWith(NOT_DSCHEMA, USAGE);
  if (!opts.sdl && !opts.introspection && !opts.js) opts.sdl = '-';
  return opts;
}

async function single(opts) {
  const text = readInput(opts.file);
  if (opts.file.endsWith('.graphql')) {
    try {
      write(opts.introspection ?? '-', await introspect(text));
    } catch (err) {
      exitWith(GENERATOR_FAILED, `graphql-generator: ${describe(err)}`);
    }
    return;
  }
  const r = await runOracle(text, { withIntrospection: Boolean(opts.introspection) });
  if (opts.js && r.js) write(opts.js, r.js);
  if (opts.sdl && r.sdl !== undefined) write(opts.sdl, r.sdl);
  if (r.status === OK && opts.introspection) write(opts.introspection, r.introspection);
  if (r.status !== OK) exitWith(r.status, r.status === NOT_DSCHEMA ? `${opts.file}: ${r.message}` : r.message);
}

async function batch(outDir, files) {
  for (const file of files) {
    const name = join(outDir, basename(file).replace(/\.yaml$/, ''));
    const r = await runOracle(readInput(file));
    writeFileSync(`${name}.status`, `${r.status}\n`);
    if (r.sdl !== undefined) writeFileSync(`${name}.graphql`, r.sdl);
    if (r.status === OK) writeFileSync(`${name}.introspection.json`, r.introspection);
    else writeFileSync(`${name}.err`, `${r.message}\n`);
  }
}

async function main(argv) {
  if (argv[0] !== '--batch') return single(parseArgs(argv));
  if (argv.length < 2) exitWith(NOT_DSCHEMA, USAGE);
  return batch(argv[1], argv.slice(2));
}

// Run as a command, not when imported (gen.mjs --check imports runOracle).
if (import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
