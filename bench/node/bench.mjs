#!/usr/bin/env node
// The data-schema side of `make bench`: reads a dschema YAML file written by
// bench/gen.py, makes the equivalent @aws-amplify/data-schema 1.26.2 builder
// calls, and times a.schema({...}).transform().schema.
//
//   node bench.mjs FILE.yaml [--sdl OUT]
//
// Prints one JSON line: {"parse_ms", "build_ms", "transform_ms", "sdl_bytes"}.
// --sdl writes the SDL (for checking dschemac's output against it).
// Only the subset of FORMAT.md that gen.py uses is translated; anything else
// stops with an error rather than being guessed at.

import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { a } from '@aws-amplify/data-schema';
import { parse } from 'yaml';

const BUILDER = {
  string: 'string', integer: 'integer', float: 'float', boolean: 'boolean', id: 'id',
  date: 'date', time: 'time', datetime: 'datetime', timestamp: 'timestamp', email: 'email',
  json: 'json', phone: 'phone', url: 'url', ipAddress: 'ipAddress',
};

function fail(what) {
  throw new Error(`bench.mjs: not in the bench subset: ${what}`);
}

/** A TYPE string (T, T!, [T], [T!], [T]!, [T!]!) as a builder. */
function typeOf(t) {
  if (Array.isArray(t) && t.length === 1) t = `[${t[0]}]`;
  const m = /^(?:(\w+)(!?)|\[(\w+)(!?)\](!?))$/.exec(t) ?? fail(`type ${t}`);
  const base = m[1] ?? m[3];
  let f = BUILDER[base] ? a[BUILDER[base]]() : a.ref(base);
  if (m[2] === '!' || m[4] === '!') f = f.required();
  if (m[3] !== undefined) {
    f = f.array();
    if (m[5] === '!') f = f.required();
  }
  return f;
}

/** One RULE as allow.<kind>(...) with its .to(...). */
function rule(allow, r) {
  if (typeof r === 'string') return allow[r]();
  let e;
  switch (r.allow) {
    case 'groups': e = allow.groups(r.groups, r.provider); break;
    case 'group': e = allow.group(r.group, r.provider); break;
    case 'ownerDefinedIn': case 'ownersDefinedIn': case 'groupDefinedIn': case 'groupsDefinedIn':
      e = allow[r.allow](r.field, r.provider); break;
    default: e = r.provider ? allow[r.allow](r.provider) : allow[r.allow]();
  }
  return r.to ? e.to(r.to) : e;
}

const rules = (list) => (allow) => list.map((r) => rule(allow, r));

/** A FIELD: a type string, or one of the map forms. */
function field(f) {
  if (typeof f === 'string' || Array.isArray(f)) return typeOf(f);
  if (f.enum) return a.enum(f.enum);
  if (f.customType) return a.customType(fields(f.customType));
  for (const kind of ['hasOne', 'hasMany', 'belongsTo']) {
    if (f[kind]) {
      const rel = a[kind](f[kind], f.references);
      return f.authorization ? rel.authorization(rules(f.authorization)) : rel;
    }
  }
  let e = typeOf(f.type ?? fail(JSON.stringify(f)));
  if ('default' in f) e = e.default(f.default);
  if (f.authorization) e = e.authorization(rules(f.authorization));
  return e;
}

function fields(map) {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, field(v)]));
}

/** One secondary index: a field name or { field, sortKeys, name, queryField, projection }. */
function index(ix, ixf) {
  if (typeof ix === 'string') return ixf(ix);
  let e = ixf(ix.field);
  if (ix.sortKeys) e = e.sortKeys(ix.sortKeys);
  if (ix.name) e = e.name(ix.name);
  if ('queryField' in ix) e = e.queryField(ix.queryField);
  if (ix.projection) {
    e = typeof ix.projection === 'string' ? e.projection(ix.projection)
      : e.projection('INCLUDE', ix.projection.nonKeyAttributes);
  }
  return e;
}

function model(m) {
  let e = a.model(fields(m.fields));
  if (m.identifier) e = e.identifier(m.identifier);
  if (m.secondaryIndexes) e = e.secondaryIndexes((ixf) => m.secondaryIndexes.map((ix) => index(ix, ixf)));
  if (m.disableOperations) e = e.disableOperations(m.disableOperations);
  if (m.authorization) e = e.authorization(rules(m.authorization));
  return e;
}

/** The a.schema({...}) of a document, declarations in file order. */
function schemaOf(doc) {
  const decls = {};
  for (const [section, map] of Object.entries(doc)) {
    if (section === 'authorization') continue;
    for (const [name, d] of Object.entries(map)) {
      if (section === 'models') decls[name] = model(d);
      else if (section === 'enums') decls[name] = a.enum(d);
      else if (section === 'types') decls[name] = a.customType(fields(d));
      else fail(`section ${section}`);
    }
  }
  const s = a.schema(decls);
  return doc.authorization ? s.authorization(rules(doc.authorization)) : s;
}

const [file, flag, out] = process.argv.slice(2);
if (!file || (flag && (flag !== '--sdl' || !out))) {
  process.stderr.write('usage: node bench.mjs FILE.yaml [--sdl OUT]\n');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const t0 = performance.now();
const doc = parse(text, { version: '1.2', schema: 'core', merge: false });
const t1 = performance.now();
const schema = schemaOf(doc);
const t2 = performance.now();
const sdl = schema.transform().schema;
const t3 = performance.now();
if (out) writeFileSync(out, sdl);
const ms = (x) => Math.round(x * 10) / 10;
process.stdout.write(`${JSON.stringify({
  parse_ms: ms(t1 - t0), build_ms: ms(t2 - t1), transform_ms: ms(t3 - t2), sdl_bytes: sdl.length,
})}\n`);
