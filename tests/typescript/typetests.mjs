// Type-level tests of the typed client: for each NAME (DIR/NAME.ts from -f typescript,
// DIR/NAME.json from -f json of the same YAML) writes DIR/NAME.types.ts, whose every
// line is a compile-time assertion tsc checks: Schema is not never, and each model's
// `type` carries each declared field with the TypeScript type data-schema gives it
// (a required field non-nullable, an optional one `| null` and optional, an enum the
// union of its values, a list an array, a relationship a lazy loader).
//
//   node typetests.mjs DIR NAME...

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STRINGS = new Set(['String', 'ID', 'AWSDate', 'AWSTime', 'AWSDateTime', 'AWSEmail',
  'AWSPhone', 'AWSURL', 'AWSIPAddress']);
const NUMBERS = new Set(['Int', 'Float', 'AWSTimestamp']);

const PRELUDE = `type Equal<X, Y> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type IsNever<T> = [T] extends [never] ? true : false;
type IsLoader<T> = T extends (...args: never[]) => unknown ? true : false;
type IsObject<T> = [T] extends [object | null | undefined] ? true : false;
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;
`;

const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The TypeScript type of a field's value, or null where only its shape is checked. */
function valueType(doc, t) {
  let base;
  if (t.kind === 'scalar' && STRINGS.has(t.name)) base = 'string';
  else if (t.kind === 'scalar' && NUMBERS.has(t.name)) base = 'number';
  else if (t.kind === 'scalar' && t.name === 'Boolean') base = 'boolean';
  else if (t.kind === 'enum') base = doc.enums[t.name].values.map(quote).join(' | ');
  else return null;
  // data-schema types a nullable enum element of a list as possibly undefined too.
  const element = t.required ? base : t.list && t.kind === 'enum' ? `${base} | null | undefined`
    : `${base} | null`;
  if (!t.list) return element;
  return t.listRequired ? `(${element})[]` : `(${element})[] | null`;
}

/** The fields that rules name (ownersDefinedIn: editors): data-schema retypes them. */
function ruleFields(doc, model) {
  const rules = [...(doc.authorization ?? []), ...(model.authorization ?? [])];
  for (const f of Object.values(model.fields)) rules.push(...(f.authorization ?? []));
  return new Set(rules.map((r) => r.field).filter(Boolean));
}

/** The assertions of one model's fields. */
function modelAssertions(doc, model, n) {
  const lines = [];
  const retyped = ruleFields(doc, model);
  const ty = `Schema[${quote(model.name)}]['type']`;
  lines.push(`type _${n.i++} = Expect<Equal<IsNever<${ty}>, false>>;`);
  for (const f of Object.values(model.fields)) {
    const field = `${ty}[${quote(f.name)}]`;
    const nullable = !(f.type.list ? f.type.listRequired : f.type.required);
    if (f.kind === 'relationship') {
      lines.push(`type _${n.i++} = Expect<IsLoader<${field}>>;`);
      continue;
    }
    const expected = retyped.has(f.name) ? null : valueType(doc, f.type);
    if (expected === null) {
      lines.push(`type _${n.i++} = Expect<Equal<IsNever<${field}>, false>>;`);
      if (f.type.kind === 'customType') lines.push(`type _${n.i++} = Expect<IsObject<${field}>>;`);
      continue;
    }
    const got = nullable ? `Exclude<${field}, undefined>` : field;
    lines.push(`type _${n.i++} = Expect<Equal<${got}, ${expected}>>;`);
    lines.push(`type _${n.i++} = Expect<Equal<IsOptional<${ty}, ${quote(f.name)}>, ${nullable}>>;`);
  }
  return lines;
}

const [dir, ...names] = process.argv.slice(2);
let count = 0;
for (const name of names) {
  const doc = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const n = { i: 0 };
  const lines = [`import type { Schema } from './${name}';`, '', PRELUDE,
    `type _${n.i++} = Expect<Equal<IsNever<Schema>, false>>;`];
  for (const model of Object.values(doc.models)) lines.push(...modelAssertions(doc, model, n));
  writeFileSync(join(dir, `${name}.types.ts`), `${lines.join('\n')}\n`);
  count += n.i;
}
console.log(`typed client: ${count} assertions over ${names.length} schemas`);
