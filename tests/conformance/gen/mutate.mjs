// gen.mjs --mutate: breaks a valid generated schema in one way, so that dschemac must
// refuse it. Each mutation says what it expects:
//   throws  data-schema throws on the result (the oracle exits 1);
//   error   FORMAT.md calls the result an error although data-schema may accept it
//           (duplicate names, undeclared index fields, bad YAML, ...).
// dschemac must exit 1 on every mutant.
//
// Mutations edit the YAML document tree (`doc`) using the generator's semantic model
// (`meta`) to find their targets. A few edit the YAML text itself (`textEdit`).

import { Flow } from './yaml-emit.mjs';

// ---------------------------------------------------------------- helpers on the doc tree

const fieldsOf = (doc, model) => doc.models[model].fields;

function typeOf(fdoc) {
  if (fdoc instanceof Flow) return `[${fdoc.value[0]}]`;
  return typeof fdoc === 'object' && fdoc !== null ? fdoc.type : fdoc;
}

function setType(fields, name, type) {
  const f = fields[name];
  if (f && typeof f === 'object' && !(f instanceof Flow) && 'type' in f) f.type = type;
  else fields[name] = type;
}

/** A copy of `obj` with `key` renamed, keeping its place among the keys. */
function renameKey(obj, key, to) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === key ? to : k, v]));
}

const refsList = (r) => (Array.isArray(r) ? r : [r]);
const ops = (meta) => [...meta.ops.queries, ...meta.ops.mutations];
const hasRules = (doc, section, name) => Boolean(doc[section]?.[name]?.authorization);

/** Plain scalar model fields: [model, field name, field spec]. */
function plainScalars(meta) {
  return meta.models.flatMap((m) => [...m.fields]
    .filter(([, f]) => f.kind === 'scalar' && !f.key && !f.reference && !f.authField)
    .map(([n, f]) => [m, n, f]));
}

// ---------------------------------------------------------------- mutations

/** Each: id, expect, applies(meta, doc) and apply(meta, doc, rng) -> description. */
const MUTATIONS = [
  {
    id: 'drop-belongsTo', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      delete fieldsOf(doc, r.child)[r.childField];
      return `removed ${r.child}.${r.childField}, the belongsTo counterpart of ${r.parent}.${r.parentField}`;
    },
  },
  {
    id: 'drop-hasOne-or-hasMany', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      delete fieldsOf(doc, r.parent)[r.parentField];
      return `removed ${r.parent}.${r.parentField} (${r.kind}), the counterpart of ${r.child}.${r.childField}`;
    },
  },
  {
    id: 'references-differ', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const f = fieldsOf(doc, r.child)[r.childField];
      const refs = refsList(f.references);
      f.references = [...refs.slice(0, -1), `${refs[refs.length - 1]}Other`];
      return `renamed the last reference of ${r.child}.${r.childField} so that it differs from ${r.parent}.${r.parentField}'s`;
    },
  },
  {
    id: 'reference-type-mismatch', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const parent = meta.models.find((m) => m.name === r.parent);
      const i = rng.int(0, r.refs.length - 1);
      const keyBase = parent.identifier[i].base;
      const wrong = ['integer', 'float'].includes(keyBase) || keyBase === 'timestamp' ? 'string' : 'integer';
      const fields = fieldsOf(doc, r.child);
      const required = typeOf(fields[r.refs[i]]).endsWith('!');
      setType(fields, r.refs[i], wrong + (required ? '!' : ''));
      return `${r.child}.${r.refs[i]} retyped ${wrong}; it references ${r.parent}.${parent.identifier[i].name} (${keyBase})`;
    },
  },
  {
    id: 'reference-field-missing', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const ref = rng.pick(r.refs);
      delete fieldsOf(doc, r.child)[ref];
      return `removed the reference field ${r.child}.${ref}`;
    },
  },
  {
    id: 'too-many-references', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const extra = `${r.refs[0]}Extra`;
      for (const [model, field] of [[r.parent, r.parentField], [r.child, r.childField]]) {
        const f = fieldsOf(doc, model)[field];
        f.references = [...refsList(f.references), extra];
      }
      fieldsOf(doc, r.child)[extra] = 'string';
      return `${r.parent}.${r.parentField} and ${r.child}.${r.childField} reference one field more (${extra}) than ${r.parent}'s identifier has`;
    },
  },
  {
    id: 'two-belongsTo-candidates', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const fields = fieldsOf(doc, r.child);
      fields[`${r.childField}Again`] = { ...fields[r.childField] };
      return `${r.child}.${r.childField}Again duplicates the belongsTo ${r.child}.${r.childField}`;
    },
  },
  {
    id: 'related-model-unknown', expect: 'throws',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const f = fieldsOf(doc, r.parent)[r.parentField];
      f[r.kind] = `${r.child}Typo`;
      return `${r.parent}.${r.parentField} points at ${r.child}Typo, which is not declared`;
    },
  },
  {
    id: 'related-is-enum', expect: 'throws',
    applies: (meta) => meta.relations.length > 0 && meta.enums.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const e = rng.pick(meta.enums).name;
      fieldsOf(doc, r.child)[r.childField].belongsTo = e;
      return `${r.child}.${r.childField} belongs to the enum ${e}`;
    },
  },
  {
    id: 'no-authorization', expect: 'throws',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc) {
      delete doc.authorization;
      for (const m of meta.models) delete doc.models[m.name].authorization;
      return 'removed the schema rules and every model\'s rules';
    },
  },
  {
    id: 'default-on-enum-field', expect: 'throws',
    applies: (meta) => meta.models.some((m) => [...m.fields.values()].some((f) => f.kind === 'ref' && f.targetKind === 'enum')),
    apply(meta, doc, rng) {
      const [m, name, f] = rng.pick(meta.models.flatMap((mm) => [...mm.fields]
        .filter(([, x]) => x.kind === 'ref' && x.targetKind === 'enum').map(([n, x]) => [mm, n, x])));
      const enumDecl = meta.enums.find((e) => e.name === f.target);
      fieldsOf(doc, m.name)[name] = { type: typeOf(fieldsOf(doc, m.name)[name]), default: enumDecl.values[0] };
      return `${m.name}.${name} (enum ${f.target}) has a default`;
    },
  },
  {
    id: 'operation-without-handler', expect: 'throws',
    applies: (meta) => ops(meta).length > 0,
    apply(meta, doc, rng) {
      const op = rng.pick(ops(meta));
      delete doc[op.section][op.name].handler;
      return `${op.section}.${op.name} has no handler`;
    },
  },
  {
    id: 'operation-without-returns', expect: 'throws',
    applies: (meta) => ops(meta).length > 0,
    apply(meta, doc, rng) {
      const op = rng.pick(ops(meta));
      delete doc[op.section][op.name].returns;
      return `${op.section}.${op.name} has no returns`;
    },
  },
  {
    id: 'field-type-is-model', expect: 'throws',
    applies: (meta) => plainScalars(meta).length > 0,
    apply(meta, doc, rng) {
      const [m, name] = rng.pick(plainScalars(meta));
      const target = rng.pick(meta.models).name;
      fieldsOf(doc, m.name)[name] = target;
      return `${m.name}.${name} has the model ${target} as its type`;
    },
  },
  {
    id: 'unknown-type', expect: 'throws',
    applies: (meta) => plainScalars(meta).length > 0,
    apply(meta, doc, rng) {
      const [m, name] = rng.pick(plainScalars(meta));
      const typo = rng.pick(['strng', 'integr', 'AWSDatetime', 'Bool', 'ipaddress', 'Email']);
      setType(fieldsOf(doc, m.name), name, typo);
      return `${m.name}.${name} has the unknown type ${typo}`;
    },
  },
  {
    id: 'identifier-field-nullable', expect: 'throws',
    applies: (meta) => meta.models.some((m) => m.explicitIdentifier && m.identifier.some((k) => k.base !== 'id')),
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models.filter((mm) => mm.explicitIdentifier && mm.identifier.some((k) => k.base !== 'id')));
      const key = rng.pick(m.identifier.filter((k) => k.base !== 'id'));
      const fields = fieldsOf(doc, m.name);
      setType(fields, key.name, typeOf(fields[key.name]).replace(/!$/, ''));
      return `the identifier field ${m.name}.${key.name} (${key.base}) is nullable`;
    },
  },
  {
    id: 'owner-field-conflict', expect: 'throws',
    applies: (meta) => meta.models.some((m) => m.authFields.has('owner')),
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models.filter((mm) => mm.authFields.has('owner')));
      fieldsOf(doc, m.name).owner = rng.pick(['integer', '[string]', 'boolean']);
      return `${m.name} declares owner as ${typeOf(fieldsOf(doc, m.name).owner)}; its owner rule needs a String`;
    },
  },
  {
    id: 'enum-value-whitespace', expect: 'throws',
    applies: (meta) => meta.enums.length > 0,
    apply(meta, doc, rng) {
      const e = rng.pick(meta.enums).name;
      doc.enums[e] = [...doc.enums[e], 'IN PROGRESS'];
      return `the enum ${e} has the value 'IN PROGRESS'`;
    },
  },
  {
    id: 'subscription-bare-model', expect: 'throws',
    applies: (meta) => meta.ops.subscriptions.length > 0,
    apply(meta, doc, rng) {
      const sub = rng.pick(meta.ops.subscriptions);
      const model = rng.pick(meta.models)?.name;
      if (!model) return this.fallback(doc, sub);
      doc.subscriptions[sub.name].for = model;
      return `subscription ${sub.name} is for the model ${model} without mutations`;
    },
    fallback(doc, sub) {
      delete doc.subscriptions[sub.name].for;
      return `subscription ${sub.name} has no for`;
    },
  },
  {
    id: 'owner-rule-on-operation', expect: 'throws',
    applies: (meta) => ops(meta).length > 0,
    apply(meta, doc, rng) {
      const op = rng.pick(ops(meta));
      const d = doc[op.section][op.name];
      d.authorization = [...(d.authorization ?? []), 'owner'];
      return `${op.section}.${op.name} has an owner rule`;
    },
  },
  {
    id: 'to-on-operation-rule', expect: 'throws',
    applies: (meta) => ops(meta).length > 0,
    apply(meta, doc, rng) {
      const op = rng.pick(ops(meta));
      const d = doc[op.section][op.name];
      d.authorization = [...(d.authorization ?? []), { allow: 'publicApiKey', to: ['read'] }];
      return `${op.section}.${op.name} has a rule with to`;
    },
  },
  {
    id: 'guest-on-custom-handler', expect: 'throws',
    applies: (meta) => [...ops(meta), ...meta.ops.subscriptions].some((op) => op.handler.custom),
    apply(meta, doc, rng) {
      const op = rng.pick([...ops(meta), ...meta.ops.subscriptions].filter((o) => o.handler.custom));
      const d = doc[op.section][op.name];
      d.authorization = [...(d.authorization ?? ['publicApiKey']), 'guest'];
      return `${op.section}.${op.name} has a custom handler and a guest rule`;
    },
  },
  {
    id: 'provider-not-admitted', expect: 'throws',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models);
      const d = doc.models[m.name];
      d.authorization = [...(d.authorization ?? ['publicApiKey']), { allow: 'owner', provider: 'identityPool' }];
      return `${m.name} has an owner rule with provider identityPool`;
    },
  },
  {
    id: 'identityClaim-on-groups', expect: 'throws',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models);
      const d = doc.models[m.name];
      d.authorization = [...(d.authorization ?? ['publicApiKey']), { allow: 'groups', groups: ['Admin'], identityClaim: 'sub' }];
      return `${m.name} has a groups rule with identityClaim`;
    },
  },
  {
    id: 'custom-type-field-is-model', expect: 'throws',
    applies: (meta) => meta.types.length > 0 && meta.models.length > 0,
    apply(meta, doc, rng) {
      const t = rng.pick(meta.types).name;
      const model = rng.pick(meta.models).name;
      doc.types[t] = { ...doc.types[t], linked: model };
      return `the custom type ${t} has a field of the model type ${model}`;
    },
  },
  {
    id: 'index-on-custom-type-field', expect: 'throws',
    applies: (meta) => meta.models.some((m) => [...m.fields.values()].some((f) => f.kind === 'ref' && f.targetKind === 'type' && !f.shape.startsWith('['))),
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models.filter((mm) => [...mm.fields.values()].some((f) => f.kind === 'ref' && f.targetKind === 'type' && !f.shape.startsWith('['))));
      const [name] = rng.pick([...m.fields].filter(([, f]) => f.kind === 'ref' && f.targetKind === 'type' && !f.shape.startsWith('[')));
      const d = doc.models[m.name];
      d.secondaryIndexes = [...(d.secondaryIndexes ?? []), name];
      return `${m.name} has an index on the custom-type field ${name}`;
    },
  },

  // ---------------------------------------------- errors data-schema itself accepts
  {
    id: 'duplicate-name-implicit', expect: 'error',
    applies: (meta) => meta.models.some((m) => [...m.fields.values()].some((f) => f.kind === 'inlineEnum')),
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models.filter((mm) => [...mm.fields.values()].some((f) => f.kind === 'inlineEnum')));
      const f = rng.pick([...m.fields.values()].filter((x) => x.kind === 'inlineEnum'));
      doc.enums = { ...(doc.enums ?? {}), [f.name]: ['CLASH'] };
      return `the enum ${f.name} is declared and is also the implicit enum of an inline enum of ${m.name}`;
    },
  },
  {
    id: 'duplicate-name-declared', expect: 'error',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models).name;
      doc.types = { ...(doc.types ?? {}), [m]: { clash: 'string' } };
      return `${m} is declared as a model and as a custom type`;
    },
  },
  {
    id: 'empty-enum', expect: 'error',
    applies: () => true,
    apply(meta, doc) {
      doc.enums = { ...(doc.enums ?? {}), NothingKind: [] };
      return 'the enum NothingKind has no values';
    },
  },
  {
    id: 'empty-model', expect: 'error',
    applies: () => true,
    apply(meta, doc) {
      doc.models = { ...(doc.models ?? {}), Hollow: { fields: {}, authorization: ['publicApiKey'] } };
      return 'the model Hollow has no fields';
    },
  },
  {
    id: 'identifier-undeclared-field', expect: 'error',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models);
      doc.models[m.name].identifier = [...m.identifier.map((k) => k.name), 'missingKey'];
      if (!m.explicitIdentifier && !m.fields.has('id')) fieldsOf(doc, m.name).id = 'id!';
      return `the identifier of ${m.name} names missingKey, which is not declared`;
    },
  },
  {
    id: 'index-undeclared-field', expect: 'error',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models).name;
      doc.models[m].secondaryIndexes = [...(doc.models[m].secondaryIndexes ?? []), 'missingField'];
      return `${m} has an index on missingField, which is not declared`;
    },
  },
  {
    id: 'reference-field-list', expect: 'error',
    applies: (meta) => meta.relations.length > 0,
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations);
      const ref = rng.pick(r.refs);
      const fields = fieldsOf(doc, r.child);
      setType(fields, ref, `[${typeOf(fields[ref]).replace(/!$/, '')}]`);
      return `the reference field ${r.child}.${ref} is a list`;
    },
  },
  {
    id: 'reference-nullability-mixed', expect: 'error',
    applies: (meta) => meta.relations.some((r) => r.refs.length > 1),
    apply(meta, doc, rng) {
      const r = rng.pick(meta.relations.filter((x) => x.refs.length > 1));
      const fields = fieldsOf(doc, r.child);
      const last = r.refs[r.refs.length - 1];
      const t = typeOf(fields[last]);
      setType(fields, last, t.endsWith('!') ? t.slice(0, -1) : `${t}!`);
      return `the reference fields of ${r.child}.${r.childField} are not all required nor all nullable`;
    },
  },
  {
    id: 'reserved-type-name', expect: 'error',
    applies: () => true,
    apply(meta, doc, rng) {
      const name = rng.pick(['Query', 'Mutation', 'Subscription']);
      doc.models = { ...(doc.models ?? {}), [name]: { fields: { label: 'string' }, authorization: ['publicApiKey'] } };
      return `a model is named ${name}`;
    },
  },
  {
    id: 'default-in-custom-type', expect: 'error',
    applies: (meta) => meta.types.length > 0,
    apply(meta, doc, rng) {
      const t = rng.pick(meta.types).name;
      doc.types[t] = { ...doc.types[t], weightWithDefault: { type: 'float', default: 0 } };
      return `a field of the custom type ${t} has a default`;
    },
  },
  {
    id: 'unknown-model-key', expect: 'error',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models).name;
      doc.models[m] = renameKey(doc.models[m], 'fields', 'field');
      return `${m} has the key field instead of fields`;
    },
  },
  {
    id: 'field-name-not-graphql', expect: 'error',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models).name;
      const bad = rng.pick(['2faEnabled', 'blog-post', 'with space']);
      fieldsOf(doc, m)[bad] = 'string';
      return `${m} has a field named '${bad}'`;
    },
  },
  {
    id: 'bad-type-string', expect: 'error',
    applies: (meta) => plainScalars(meta).length > 0,
    apply(meta, doc, rng) {
      const [m, name, f] = rng.pick(plainScalars(meta));
      const bad = rng.pick([`${f.spelling}!!`, `[${f.spelling}`, `${f.spelling}]`, `[[${f.spelling}]]`]);
      setType(fieldsOf(doc, m.name), name, bad);
      return `${m.name}.${name} has the type string '${bad}'`;
    },
  },
  {
    id: 'duplicate-rule', expect: 'error',
    applies: (meta, doc) => meta.models.some((m) => hasRules(doc, 'models', m.name)),
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models.filter((mm) => hasRules(doc, 'models', mm.name))).name;
      const rules = doc.models[m].authorization;
      doc.models[m].authorization = [...rules, rng.pick(rules)];
      return `a rule of ${m} is listed twice`;
    },
  },
  {
    id: 'index-on-boolean', expect: 'error',
    applies: (meta) => meta.models.length > 0,
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models).name;
      fieldsOf(doc, m).flagForIndex = 'boolean';
      doc.models[m].secondaryIndexes = [...(doc.models[m].secondaryIndexes ?? []), 'flagForIndex'];
      return `${m} has an index on a Boolean field`;
    },
  },
  {
    id: 'index-on-table-partition-key', expect: 'error',
    // A table without sort keys: an index on its partition key is an error whichever way
    // one reads FORMAT.md's rule (the transformer: only tables with a sort key may).
    applies: (meta) => meta.models.some((m) => m.explicitIdentifier && m.identifier.length === 1),
    apply(meta, doc, rng) {
      const m = rng.pick(meta.models.filter((mm) => mm.explicitIdentifier && mm.identifier.length === 1));
      doc.models[m.name].secondaryIndexes = [...(doc.models[m.name].secondaryIndexes ?? []), m.identifier[0].name];
      return `${m.name} has an index on its partition key ${m.identifier[0].name}, and no sort key`;
    },
  },
  {
    id: 'yaml-tab-indentation', expect: 'error',
    applies: () => true,
    apply() {
      // A whole-file flow document has no indented line: then a tab-indented key follows it.
      this.textEdit = (text) => (/\n {2}\S/.test(text)
        ? text.replace(/\n {2}(\S)/, '\n\t$1') : `${text}\tstray: 1\n`);
      return 'a tab indents a line';
    },
  },
  {
    id: 'yaml-duplicate-key', expect: 'error',
    applies: () => true,
    apply() {
      const line = /\n( +)([A-Za-z_]\w*): ([^\n{[&*]+)\n/;
      // Without a block map entry to repeat (a flow-style file), repeat a top-level key.
      this.textEdit = (text) => (line.test(text)
        ? text.replace(line, '\n$1$2: $3\n$1$2: $3\n') : `${text}enums: {}\nenums: {}\n`);
      return 'a key appears twice in one map';
    },
  },
];

/**
 * Applies one applicable mutation to `doc` (in place) and returns
 * { id, expect, what, textEdit? }; textEdit, if present, is applied to the YAML text.
 */
export function mutateSchema(doc, meta, rng) {
  const applicable = MUTATIONS.filter((m) => m.applies(meta, doc));
  const mutation = Object.create(rng.pick(applicable));
  const what = mutation.apply(meta, doc, rng);
  return { id: mutation.id, expect: mutation.expect, what, textEdit: mutation.textEdit };
}

export const MUTATION_IDS = MUTATIONS.map((m) => m.id);
