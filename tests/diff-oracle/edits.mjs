// Random pairs for the diff oracle: a generator schema (tests/conformance/gen) as OLD,
// and the same schema after one realistic edit as NEW. An edit may make NEW invalid (a
// removed field that an index used); the oracle skips such pairs, as data-schema or
// dschemac rejects them.
import { Rng } from '../conformance/gen/rng.mjs';
import { generateSchema } from '../conformance/gen/schema.mjs';
import { emitYaml } from '../conformance/gen/yaml-emit.mjs';

const SCALARS = ['string', 'integer', 'float', 'boolean', 'id', 'datetime', 'email', 'json'];

/** The names of a field map whose value is a plain type string (no relationship, enum, ...). */
function scalarFields(fields) {
  return Object.keys(fields).filter((k) => typeof fields[k] === 'string');
}

/** The fields a model's keys, indexes, references and rules name: left alone by edits. */
function usedFields(doc, name, model) {
  const used = new Set(model.identifier || ['id']);
  for (const ix of model.secondaryIndexes || []) {
    if (typeof ix === 'string') used.add(ix);
    else { used.add(ix.field); for (const k of ix.sortKeys || []) used.add(k); }
  }
  for (const m of Object.values(doc.models || {}))
    for (const f of Object.values(m.fields || {}))
      if (f && typeof f === 'object' && f.references) for (const r of [].concat(f.references)) used.add(r);
  for (const r of [...(model.authorization || []), ...(doc.authorization || [])])
    if (r && typeof r === 'object' && r.field) used.add(r.field);
  used.add('owner');
  return used;
}

/** Whether nothing but the model itself names it and it has no relationships: removing
 * or renaming it then leaves a valid schema. */
function removable(doc, name, model) {
  if (Object.values(model.fields || {}).some((f) => f && typeof f === 'object' && (f.hasMany || f.hasOne || f.belongsTo)))
    return false;
  const rest = { ...doc, models: { ...doc.models } };
  delete rest.models[name];
  return !new RegExp(`"\\[?${name}!?\\]?!?"`).test(JSON.stringify(rest));
}

/** Each edit changes doc in place and returns its description, or null when it cannot apply. */
const EDITS = [
  ['add-optional-field', (doc, rng, [name, m]) => { m.fields.diffAdded = rng.pick(SCALARS); return `${name}.diffAdded added`; }],
  ['add-required-field', (doc, rng, [name, m]) => { m.fields.diffAdded = `${rng.pick(SCALARS)}!`; return `${name}.diffAdded! added`; }],
  ['remove-field', (doc, rng, [name, m]) => {
    const free = scalarFields(m.fields).filter((f) => !usedFields(doc, name, m).has(f));
    if (free.length < 2) return null;
    const f = rng.pick(free);
    delete m.fields[f];
    return `${name}.${f} removed`;
  }],
  ['retype-field', (doc, rng, [name, m]) => {
    const free = scalarFields(m.fields).filter((f) => !usedFields(doc, name, m).has(f));
    if (!free.length) return null;
    const f = rng.pick(free);
    m.fields[f] = rng.pick(SCALARS) + (m.fields[f].endsWith('!') ? '!' : '');
    return `${name}.${f} retyped`;
  }],
  ['toggle-required', (doc, rng, [name, m]) => {
    const free = scalarFields(m.fields).filter((f) => !usedFields(doc, name, m).has(f));
    if (!free.length) return null;
    const f = rng.pick(free);
    m.fields[f] = m.fields[f].endsWith('!') ? m.fields[f].slice(0, -1) : `${m.fields[f]}!`;
    return `${name}.${f} required toggled`;
  }],
  ['add-index', (doc, rng, [name, m]) => {
    const keys = scalarFields(m.fields).filter((f) => /^(string|id|integer|String|ID|Int)!?$/.test(m.fields[f]) && !(m.identifier || ['id']).includes(f));
    if (!keys.length) return null;
    const f = rng.pick(keys);
    m.secondaryIndexes = [...(m.secondaryIndexes || []), f];
    return `${name} index on ${f} added`;
  }],
  ['add-two-indexes', (doc, rng, [name, m]) => {
    const keys = scalarFields(m.fields).filter((f) => /^(string|id|integer|String|ID|Int)!?$/.test(m.fields[f]) && !(m.identifier || ['id']).includes(f));
    if (keys.length < 2) return null;
    m.secondaryIndexes = [...(m.secondaryIndexes || []), keys[0], keys[1]];
    return `${name} indexes on ${keys[0]}, ${keys[1]} added`;
  }],
  ['remove-indexes', (doc, rng, [name, m]) => {
    if (!m.secondaryIndexes || !m.secondaryIndexes.length) return null;
    delete m.secondaryIndexes;
    return `${name} indexes removed`;
  }],
  ['change-identifier', (doc, rng, [name, m]) => {
    const keys = scalarFields(m.fields).filter((f) => /^(string|id|integer)!$/i.test(m.fields[f]));
    if (!keys.length) return null;
    m.identifier = [rng.pick(keys)];
    return `${name} identifier ${m.identifier[0]}`;
  }],
  ['disable-operation', (doc, rng, [name, m]) => {
    const op = rng.pick(['mutations', 'subscriptions', 'queries', 'delete', 'onUpdate', 'list']);
    m.disableOperations = [...new Set([...(m.disableOperations || []), op])];
    return `${name} disables ${op}`;
  }],
  ['remove-model', (doc, rng, [name, m]) => {
    if (!removable(doc, name, m)) return null;
    delete doc.models[name];
    return `${name} removed`;
  }],
  ['rename-model', (doc, rng, [name, m]) => {
    if (!removable(doc, name, m)) return null;
    delete doc.models[name];
    doc.models[`${name}Renamed`] = m;
    return `${name} renamed`;
  }],
  ['add-model', (doc) => { doc.models ??= {}; doc.models.DiffNewModel = { fields: { title: 'string!', rank: 'integer' }, authorization: ['publicApiKey'] }; return 'model added'; }],
  ['enum-value', (doc, rng) => {
    const enums = Object.keys(doc.enums || {});
    if (!enums.length) return null;
    const e = rng.pick(enums);
    if (rng.chance(0.5) && doc.enums[e].length > 1) { doc.enums[e] = doc.enums[e].slice(1); return `${e} lost a value`; }
    doc.enums[e] = [...doc.enums[e], 'DIFF_ADDED'];
    return `${e} gained a value`;
  }],
  ['reorder-fields', (doc, rng, [name, m]) => { m.fields = Object.fromEntries(Object.entries(m.fields).reverse()); return `${name} fields reordered`; }],
];

/** A deep copy that keeps the emitter's Raw and Flow wrappers what they are. */
function clone(v) {
  if (Array.isArray(v)) return v.map(clone);
  if (!v || typeof v !== 'object') return v;
  const out = Object.create(Object.getPrototypeOf(v));
  for (const [k, x] of Object.entries(v)) out[k] = clone(x);
  return out;
}

/** A pair for seed: { oldText, newText, edit }. */
export function randomPair(seed) {
  const { doc, rng } = generateSchema(seed);
  const oldText = emitYaml(doc, rng, [`diff oracle: seed ${seed}, OLD`]);
  const edit = new Rng(seed * 7919 + 1);
  const next = clone(doc);
  const models = Object.entries(next.models || {});
  let what = null;
  for (let tries = 0; tries < 10 && !what; tries++) {
    const [id, apply] = edit.pick(EDITS);
    if (id !== 'add-model' && id !== 'enum-value' && !models.length) continue;
    what = apply(next, edit, models.length ? edit.pick(models) : [null, null]);
    if (what) what = `${id}: ${what}`;
  }
  const newText = emitYaml(next, new Rng(seed), [`diff oracle: seed ${seed}, NEW (${what || 'no edit'})`]);
  return { oldText, newText, edit: what || 'no edit' };
}
