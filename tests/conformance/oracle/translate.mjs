// Translates a dschema YAML document (shared/FORMAT.md) into the JavaScript source of
// the equivalent @aws-amplify/data-schema builder calls.
//
// We emit source text and evaluate it (see oracle.mjs) instead of calling the builders
// directly, so that a schema data-schema rejects fails with exactly the message the user
// would see: e.g. "a.ref(...).default is not a function" for a default on an enum field.
//
// The translation is literal: every YAML key becomes the builder call FORMAT.md names,
// even where data-schema will throw. Only what has no builder call at all (an unknown
// key, a value of the wrong kind) is refused here, with a FormatError.

import { parseDocument } from 'yaml';

export class FormatError extends Error {}

/** GraphQL spelling -> builder name, for the 14 scalars. */
export const SCALARS = {
  string: 'String', integer: 'Int', float: 'Float', boolean: 'Boolean', id: 'ID',
  date: 'AWSDate', time: 'AWSTime', datetime: 'AWSDateTime', timestamp: 'AWSTimestamp',
  email: 'AWSEmail', json: 'AWSJSON', phone: 'AWSPhone', url: 'AWSURL', ipAddress: 'AWSIPAddress',
};
const BUILDER_OF = Object.fromEntries(
  Object.entries(SCALARS).flatMap(([b, g]) => [[b, b], [g, b]]),
);

const SECTIONS = ['authorization', 'models', 'enums', 'types', 'queries', 'mutations', 'subscriptions'];
const OP_BUILDER = { queries: 'a.query()', mutations: 'a.mutation()', subscriptions: 'a.subscription()' };
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const RULE_OPERATIONS = ['create', 'read', 'update', 'delete', 'get', 'list', 'sync', 'listen', 'search'];
const DISABLE_OPERATIONS = ['queries', 'mutations', 'subscriptions', 'get', 'list', 'create', 'update',
  'delete', 'onCreate', 'onUpdate', 'onDelete'];
const MODEL_MUTATIONS = ['create', 'update', 'delete'];

/** Parses YAML text under the YAML 1.2 core schema, unique keys, no merge keys. */
export function parseYaml(text) {
  const doc = parseDocument(text, {
    version: '1.2', schema: 'core', uniqueKeys: true, merge: false, prettyErrors: true,
  });
  if (doc.errors.length) throw new FormatError(doc.errors[0].message);
  return doc.toJS({ maxAliasCount: -1 }) ?? {};
}

// ---------------------------------------------------------------- value checks

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function need(cond, what) {
  if (!cond) throw new FormatError(what);
}

function checkKeys(map, allowed, where) {
  need(isMap(map), `${where} must be a map`);
  for (const k of Object.keys(map)) need(allowed.includes(k), `${where}: unknown key ${k}`);
}

function asList(v, where) {
  need(Array.isArray(v), `${where} must be a list`);
  return v;
}

function asWords(v, allowed, where) {
  for (const w of asList(v, where)) need(allowed.includes(w), `${where}: unknown value ${JSON.stringify(w)}`);
  return v;
}

function asName(v, where) {
  need(typeof v === 'string' && NAME.test(v), `${where}: ${JSON.stringify(v)} is not a GraphQL name`);
  return v;
}

const str = (s) => JSON.stringify(s);
const strList = (xs) => `[${xs.map(str).join(', ')}]`;

/** A YAML scalar as a JavaScript literal (YAML 1.2 core: null, bool, int, float, string). */
function literal(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v); // also right for Infinity, NaN, 1e+21
  throw new FormatError(`a default must be a YAML scalar, not ${JSON.stringify(v)}`);
}

// ---------------------------------------------------------------- types

/**
 * Splits a TYPE string into base name and modifier shape. A YAML list of one string is
 * the unquoted spelling of "[T]" (FORMAT.md) and is read the same way.
 */
export function parseTypeString(t, where) {
  if (Array.isArray(t) && t.length === 1 && typeof t[0] === 'string') t = `[${t[0]}]`;
  need(typeof t === 'string', `${where}: a type must be a string`);
  const m = /^(?:([_A-Za-z][_0-9A-Za-z]*)(!?)|\[([_A-Za-z][_0-9A-Za-z]*)(!?)\](!?))$/.exec(t);
  need(m, `${where}: bad type string ${JSON.stringify(t)}`);
  return m[1] !== undefined
    ? { base: m[1], list: false, required: m[2] === '!', listRequired: false }
    : { base: m[3], list: true, required: m[4] === '!', listRequired: m[5] === '!' };
}

/** The builder expression for a TYPE: a.<scalar>() or a.ref(), with its modifiers. */
function typeExpr(t, where) {
  const { base, list, required, listRequired } = parseTypeString(t, where);
  let e = BUILDER_OF[base] ? `a.${BUILDER_OF[base]}()` : `a.ref(${str(base)})`;
  if (required) e += '.required()';
  if (list) e += '.array()';
  if (listRequired) e += '.required()';
  return e;
}

// ---------------------------------------------------------------- authorization

const NO_ARG_RULES = ['publicApiKey', 'guest', 'authenticated', 'owner', 'custom'];
const RULE_KEYS = {
  publicApiKey: [], guest: [], authenticated: ['provider'], custom: ['provider'],
  owner: ['provider', 'identityClaim'],
  ownerDefinedIn: ['field', 'provider', 'identityClaim'],
  ownersDefinedIn: ['field', 'provider', 'identityClaim'],
  group: ['group', 'provider', 'groupClaim'],
  groups: ['groups', 'provider', 'groupClaim'],
  groupDefinedIn: ['field', 'provider', 'groupClaim'],
  groupsDefinedIn: ['field', 'provider', 'groupClaim'],
};
// identityClaim/groupClaim are accepted on every rule kind so that a misplaced one is
// translated literally and data-schema (or rather JavaScript) rejects it.
const ANY_RULE_KEYS = ['allow', 'to', 'provider', 'identityClaim', 'groupClaim'];

/** One rule as `allow.<kind>(args)` plus its chained calls. */
function ruleExpr(rule, where) {
  if (typeof rule === 'string') {
    need(NO_ARG_RULES.includes(rule), `${where}: ${rule} needs arguments or is not a rule`);
    return `allow.${rule}()`;
  }
  need(isMap(rule) && typeof rule.allow === 'string' && RULE_KEYS[rule.allow], `${where}: bad rule`);
  const kind = rule.allow;
  checkKeys(rule, [...new Set([...ANY_RULE_KEYS, ...RULE_KEYS[kind]])], where);
  need(!('provider' in rule) || RULE_KEYS[kind].includes('provider'),
    `${where}: ${kind} takes no provider`);
  const args = [];
  if (kind === 'groups') args.push(strList(asList(rule.groups, `${where}.groups`)));
  if (kind === 'group') args.push(str(rule.group));
  if (kind.endsWith('DefinedIn')) args.push(str(asName(rule.field, `${where}.field`)));
  if ('provider' in rule) args.push(str(rule.provider));
  let e = `allow.${kind}(${args.join(', ')})`;
  if ('identityClaim' in rule) e += `.identityClaim(${str(rule.identityClaim)})`;
  if ('groupClaim' in rule) e += `.withClaimIn(${str(rule.groupClaim)})`;
  if ('to' in rule) e += `.to(${strList(asWords(rule.to, RULE_OPERATIONS, `${where}.to`))})`;
  return e;
}

function authCall(rules, where) {
  const exprs = asList(rules, where).map((r, i) => ruleExpr(r, `${where}[${i}]`));
  return `.authorization((allow) => [${exprs.join(', ')}])`;
}

// ---------------------------------------------------------------- fields

const REL_KINDS = ['hasOne', 'hasMany', 'belongsTo'];

/**
 * A FIELD (model field, custom type field or operation argument) as a builder expression.
 * `indent` is only for readable output of nested inline custom types.
 */
function fieldExpr(f, where, indent) {
  if (!isMap(f)) return typeExpr(f, where);
  if ('enum' in f) {
    checkKeys(f, ['enum'], where);
    return enumExpr(f.enum, where);
  }
  if ('customType' in f) {
    checkKeys(f, ['customType'], where);
    return customTypeExpr(f.customType, where, indent);
  }
  const rel = REL_KINDS.filter((k) => k in f);
  if (rel.length) return relationshipExpr(f, rel, where);
  checkKeys(f, ['type', 'default', 'authorization'], where);
  need('type' in f, `${where}: a field map needs type, enum, customType or a relationship`);
  let e = typeExpr(f.type, where);
  if ('default' in f) e += `.default(${literal(f.default)})`;
  if ('authorization' in f) e += authCall(f.authorization, `${where}.authorization`);
  return e;
}

function relationshipExpr(f, kinds, where) {
  need(kinds.length === 1, `${where}: one of hasOne, hasMany, belongsTo`);
  checkKeys(f, [kinds[0], 'references', 'authorization'], where);
  need('references' in f, `${where}: references is required`);
  const refs = Array.isArray(f.references) ? strList(f.references) : str(f.references);
  let e = `a.${kinds[0]}(${str(asName(f[kinds[0]], where))}, ${refs})`;
  if ('authorization' in f) e += authCall(f.authorization, `${where}.authorization`);
  return e;
}

function enumExpr(values, where) {
  asList(values, where).forEach((v) => need(typeof v === 'string', `${where}: enum values are strings`));
  return `a.enum(${strList(values)})`;
}

function fieldsObject(fields, where, indent) {
  need(isMap(fields), `${where} must be a map`);
  const pad = '  '.repeat(indent + 1);
  const lines = Object.entries(fields).map(
    ([name, f]) => `${pad}${asName(name, where)}: ${fieldExpr(f, `${where}.${name}`, indent + 1)},`,
  );
  return lines.length ? `{\n${lines.join('\n')}\n${'  '.repeat(indent)}}` : '{}';
}

function customTypeExpr(fields, where, indent) {
  return `a.customType(${fieldsObject(fields, where, indent)})`;
}

// ---------------------------------------------------------------- models

function indexExpr(ix, where) {
  if (typeof ix === 'string') return `index(${str(ix)})`;
  checkKeys(ix, ['field', 'sortKeys', 'name', 'queryField', 'projection'], where);
  let e = `index(${str(asName(ix.field, where))})`;
  if ('sortKeys' in ix) e += `.sortKeys(${strList(asList(ix.sortKeys, `${where}.sortKeys`))})`;
  if ('name' in ix) e += `.name(${str(ix.name)})`;
  if ('queryField' in ix) e += `.queryField(${ix.queryField === null ? 'null' : str(ix.queryField)})`;
  if ('projection' in ix) e += projectionCall(ix.projection, where);
  return e;
}

function projectionCall(p, where) {
  if (typeof p === 'string') {
    need(['ALL', 'KEYS_ONLY'].includes(p), `${where}: bad projection ${p}`);
    return `.projection(${str(p)})`;
  }
  checkKeys(p, ['type', 'nonKeyAttributes'], where);
  need(p.type === 'INCLUDE', `${where}: a projection map is of type INCLUDE`);
  return `.projection('INCLUDE', ${strList(asList(p.nonKeyAttributes, `${where}.nonKeyAttributes`))})`;
}

function modelExpr(m, where) {
  checkKeys(m, ['fields', 'identifier', 'secondaryIndexes', 'disableOperations', 'authorization'], where);
  need('fields' in m, `${where}: a model needs fields`);
  let e = `a.model(${fieldsObject(m.fields, `${where}.fields`, 1)})`;
  if ('identifier' in m) e += `\n    .identifier(${strList(asList(m.identifier, `${where}.identifier`))})`;
  if ('secondaryIndexes' in m) {
    const ixs = asList(m.secondaryIndexes, where).map((ix, i) => indexExpr(ix, `${where}.secondaryIndexes[${i}]`));
    e += `\n    .secondaryIndexes((index) => [${ixs.join(', ')}])`;
  }
  if ('disableOperations' in m) {
    const ops = asWords(m.disableOperations, DISABLE_OPERATIONS, `${where}.disableOperations`);
    e += `\n    .disableOperations(${strList(ops)})`;
  }
  if ('authorization' in m) e += `\n    ${authCall(m.authorization, `${where}.authorization`)}`;
  return e;
}

// ---------------------------------------------------------------- custom operations

function handlerExpr(h, where) {
  if (Array.isArray(h)) return `[${h.map((x, i) => handlerExpr(x, `${where}[${i}]`)).join(', ')}]`;
  need(isMap(h) && Object.keys(h).length === 1, `${where}: a handler is { function } or { custom }`);
  if ('function' in h) return `a.handler.function(${str(h.function)})`;
  checkKeys(h, ['custom'], where);
  checkKeys(h.custom, ['entry', 'dataSource'], `${where}.custom`);
  const props = [`entry: ${str(h.custom.entry)}`];
  if ('dataSource' in h.custom) props.push(`dataSource: ${str(h.custom.dataSource)}`);
  return `a.handler.custom({ ${props.join(', ')} })`;
}

/** A subscription source: a custom mutation's name, or { model, mutations }. */
function sourceExpr(s, where) {
  if (typeof s === 'string') return `a.ref(${str(s)})`;
  checkKeys(s, ['model', 'mutations'], where);
  const mutations = asWords(s.mutations, MODEL_MUTATIONS, `${where}.mutations`);
  return `a.ref(${str(s.model)}).mutations(${strList(mutations)})`;
}

function returnsExpr(r, where) {
  if (isMap(r)) {
    checkKeys(r, ['customType'], where);
    return customTypeExpr(r.customType, where, 2);
  }
  return typeExpr(r, where);
}

function operationExpr(section, op, where) {
  const isSub = section === 'subscriptions';
  checkKeys(op, isSub ? ['for', 'arguments', 'handler', 'authorization']
    : ['arguments', 'returns', 'handler', 'authorization'], where);
  let e = OP_BUILDER[section];
  if ('arguments' in op) e += `\n    .arguments(${fieldsObject(op.arguments, `${where}.arguments`, 2)})`;
  if ('returns' in op) e += `\n    .returns(${returnsExpr(op.returns, `${where}.returns`)})`;
  if ('for' in op) {
    const srcs = Array.isArray(op.for)
      ? `[${op.for.map((s, i) => sourceExpr(s, `${where}.for[${i}]`)).join(', ')}]`
      : sourceExpr(op.for, `${where}.for`);
    e += `\n    .for(${srcs})`;
  }
  if ('handler' in op) e += `\n    .handler(${handlerExpr(op.handler, `${where}.handler`)})`;
  if ('authorization' in op) e += `\n    ${authCall(op.authorization, `${where}.authorization`)}`;
  return e;
}

// ---------------------------------------------------------------- the schema

function declarationExpr(section, decl, where) {
  switch (section) {
    case 'models': return modelExpr(decl, where);
    case 'enums': return enumExpr(decl, where);
    case 'types': return customTypeExpr(decl, where, 1);
    default: return operationExpr(section, decl, where);
  }
}

/**
 * The JavaScript source of a function body `(a) => schema` for a parsed dschema document:
 * `a.schema({...})` with every declaration in file order, then the schema's rules.
 */
export function toBuilderSource(doc) {
  checkKeys(doc, SECTIONS, 'the file');
  const entries = [];
  for (const [section, decls] of Object.entries(doc)) {
    if (section === 'authorization') continue;
    need(isMap(decls), `${section} must be a map`);
    for (const [name, decl] of Object.entries(decls)) {
      entries.push(`  ${asName(name, section)}: ${declarationExpr(section, decl, `${section}.${name}`)},`);
    }
  }
  let src = `a.schema({\n${entries.join('\n')}\n})`;
  if ('authorization' in doc) src += authCall(doc.authorization, 'authorization');
  return `return ${src};\n`;
}
