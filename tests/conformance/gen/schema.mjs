// Generates a random, valid and deployable dschema file (shared/FORMAT.md) from a seed.
//
// The generator first builds a semantic model (models, fields, relationships, operations)
// in which every constraint of FORMAT.md's "What is an error" holds by construction, then
// renders it as the YAML document tree that yaml-emit.mjs writes. `meta` keeps the
// semantic model for the mutation mode and `hits` tallies the constructs used.

import { Rng } from './rng.mjs';
import { Flow } from './yaml-emit.mjs';
import {
  FIELD_WORDS, NOUNS, ENUM_SUFFIXES, TYPE_SUFFIXES, ENUM_VALUES, RESERVED_FIELDS,
  QUERY_VERBS, MUTATION_VERBS, SUBSCRIPTION_VERBS, NameRegistry, capitalize, lcfirst,
} from './vocab.mjs';
import {
  deriveFieldRules, genIgnoredRules, genModelRules, genOpRules, impliedField, opCompatible, ruleDoc,
} from './auth.mjs';
import { GRAPHQL_NAME, IDENTIFIER_SCALARS, INDEX_SCALARS, SCALARS, pickDefault } from './values.mjs';

const SHAPES = { 'T': 10, 'T!': 4, '[T]': 1.5, '[T!]': 1.5, '[T]!': 1, '[T!]!': 1 };
const DISABLE_OPS = ['queries', 'mutations', 'subscriptions', 'get', 'list', 'create', 'update',
  'delete', 'onCreate', 'onUpdate', 'onDelete'];

/** A type string: base name wrapped in one of the six modifier shapes. */
function typeString(base, shape) {
  return shape.replace('T', base);
}

const isList = (shape) => shape.startsWith('[');

class Generator {
  constructor(seed) {
    this.rng = new Rng(seed);
    this.names = new NameRegistry();
    this.hits = new Map();
    this.models = [];
    this.enums = [];
    this.types = [];
    this.ops = { queries: [], mutations: [], subscriptions: [] };
    this.queryFields = new Set(); // every field of the Query type, to keep them unique
    this.schemaRules = null;
    this.relations = [];
  }

  hit(tag) {
    this.hits.set(tag, (this.hits.get(tag) ?? 0) + 1);
  }

  // ------------------------------------------------------------------ names

  /** A fresh declared type name made of a noun and one of `suffixes`. */
  typeName(suffixes, { lowerOk = false } = {}) {
    for (let i = 0; ; i++) {
      let name = this.rng.pick(NOUNS) + this.rng.pick(suffixes) + (i > 20 ? i : '');
      if (lowerOk && this.rng.chance(0.08)) {
        name = lcfirst(name);
        this.hit('name:lowercase-type');
      } else if (lowerOk && this.rng.chance(0.04)) {
        name += '_v2';
        this.hit('name:underscore-type');
      }
      if (this.names.claim(name)) return name;
    }
  }

  opName(verbs) {
    for (let i = 0; ; i++) {
      const name = this.rng.pick(verbs) + this.rng.pick(NOUNS) + (i > 20 ? i : '');
      if (this.names.claim(name)) return name;
    }
  }

  /** A field name not in `taken` (a Set) nor reserved; `prefer` is tried first. */
  fieldName(taken, prefer = null) {
    for (let i = 0; ; i++) {
      const base = i === 0 && prefer ? prefer : this.rng.pick(FIELD_WORDS);
      const name = i > 30 ? `${base}${i}` : base;
      if (!taken.has(name) && !RESERVED_FIELDS.has(name)) return name;
    }
  }

  // ------------------------------------------------------------------ fields

  shape() {
    const s = this.rng.weighted(SHAPES);
    this.hit(`shape:${s}`);
    return s;
  }

  scalarField(base = this.rng.pick(SCALARS), shape = this.shape()) {
    const spelling = this.rng.chance(0.5) ? base : GRAPHQL_NAME[base];
    this.hit(`scalar:${spelling}`);
    return { kind: 'scalar', base, spelling, shape };
  }

  /** Enum values: distinct GraphQL names, some of them words YAML 1.1 reads as booleans. */
  enumValues() {
    return this.rng.subset(this.rng.shuffle(ENUM_VALUES), 1, 6);
  }

  /**
   * Fields of a custom type or inline custom type named `owner`: scalars (no default),
   * refs to enums and to custom types in `refTypes`, inline enums and (up to `depth`)
   * inline custom types. Implicit names are claimed as they are made.
   */
  customTypeFields(owner, refTypes, depth) {
    const fields = new Map();
    const n = this.rng.int(1, 4);
    while (fields.size < n) {
      const name = this.fieldName(new Set(fields.keys()));
      const kind = this.rng.weighted({
        scalar: 6, enumRef: this.enums.length ? 1.5 : 0, typeRef: refTypes.length ? 1.5 : 0,
        inlineEnum: 1, inlineType: depth > 0 ? 1 : 0,
      });
      const f = this.customTypeField(kind, owner, name, refTypes, depth);
      if (!f) continue;
      if (f.kind !== 'inlineEnum' && f.kind !== 'inlineType' && this.rng.chance(0.05)) {
        f.rules = genIgnoredRules(this.rng);
        this.hit('auth:customtype-field(ignored)');
      }
      fields.set(name, f);
    }
    return fields;
  }

  customTypeField(kind, owner, name, refTypes, depth) {
    switch (kind) {
      case 'scalar': return this.scalarField();
      case 'enumRef': return this.refField(this.rng.pick(this.enums).name, 'enum');
      case 'typeRef': return this.refField(this.rng.pick(refTypes).name, 'type');
      case 'inlineEnum': return this.inlineEnum(owner, name, 'type');
      default: return this.inlineType(owner, name, refTypes, depth - 1, 'type');
    }
  }

  refField(target, targetKind) {
    this.hit(`ref:${targetKind}`);
    return { kind: 'ref', target, targetKind, shape: this.shape() };
  }

  /** An inline enum on owner.field, named Owner+Field; null if that name is taken. */
  inlineEnum(owner, field, where) {
    const name = capitalize(owner) + capitalize(field);
    if (!this.names.claim(name)) return null;
    this.hit(`enum:inline-${where}`);
    return { kind: 'inlineEnum', name, values: this.enumValues() };
  }

  inlineType(owner, field, refTypes, depth, where) {
    const name = capitalize(owner) + capitalize(field);
    if (!this.names.claim(name)) return null;
    this.hit(`type:inline-${where}`);
    if (where === 'type') this.hit('type:nested-inline');
    return { kind: 'inlineType', name, fields: this.customTypeFields(name, refTypes, depth) };
  }

  // ------------------------------------------------------------------ declarations

  declareEnums() {
    const n = this.rng.weighted({ 0: 3, 1: 3, 2: 2, 3: 1 });
    for (let i = 0; i < n; i++) {
      this.enums.push({ name: this.typeName(ENUM_SUFFIXES), values: this.enumValues() });
      this.hit('enum:toplevel');
    }
  }

  /**
   * Custom types come in two groups that never meet: those models use, and those custom
   * operations take or return. Both data-schema (for arguments) and the transformer (for
   * model fields) derive an input type <Type>Input; keeping the groups apart keeps their
   * inputs apart. A type refers only to types of its group declared before it (no cycles).
   */
  declareTypes() {
    const n = this.rng.weighted({ 0: 3, 1: 3, 2: 2, 3: 1, 4: 0.5 });
    for (let i = 0; i < n; i++) {
      const group = this.rng.chance(0.5) ? 'model' : 'op';
      const name = this.typeName(TYPE_SUFFIXES);
      const refTypes = this.types.filter((t) => t.group === group);
      this.types.push({ name, group, fields: this.customTypeFields(name, refTypes, 2) });
      this.hit('type:toplevel');
    }
  }

  typesOf(group) {
    return this.types.filter((t) => t.group === group);
  }

  // ------------------------------------------------------------------ models

  declareModels() {
    const n = Number(this.rng.weighted({ 0: 1, 1: 3, 2: 5, 3: 5, 4: 4, 5: 2, 6: 1 }));
    const withSchemaRules = n > 0 ? this.rng.chance(0.75) : this.rng.chance(0.4);
    if (withSchemaRules) {
      this.schemaRules = genModelRules(this.rng, (t) => this.hit(t), 3);
      this.hit('auth:schema');
    }
    for (let i = 0; i < n; i++) this.models.push(this.newModel());
    for (const m of this.models) this.baseFields(m);
    this.relationships();
    for (const m of this.models) {
      this.indexes(m);
      this.disableOperations(m);
      this.decorateFields(m);
    }
  }

  newModel() {
    const m = { name: this.typeName([''], { lowerOk: true }), fields: new Map(), indexes: [] };
    if (!this.schemaRules || this.rng.chance(0.35)) {
      m.rules = genModelRules(this.rng, (t) => this.hit(t), 3);
      this.hit('auth:model');
    }
    m.effectiveRules = m.rules ?? this.schemaRules;
    // Fields the rules imply (owner, ownerDefinedIn(F), ...): declared only as the
    // String / [String] the rule expects, and never used for anything else.
    m.authFields = new Map(m.effectiveRules.map(impliedField).filter(Boolean));
    return m;
  }

  /** Identifier fields first, then plain fields, then some implied auth fields declared. */
  baseFields(m) {
    this.identifier(m);
    const n = this.rng.int(1, 6);
    for (let i = 0; i < n; i++) this.plainField(m);
    if (!m.fields.size) m.fields.set(this.fieldName(this.taken(m)), this.scalarField()); // never empty
    for (const [name, plurality] of m.authFields) {
      if (!m.fields.has(name) && this.rng.chance(0.25)) {
        m.fields.set(name, this.scalarField('string', plurality === 'list' ? '[T]' : 'T'));
        m.fields.get(name).authField = true;
        this.hit('auth:implied-field-declared');
      }
    }
  }

  taken(m) {
    return new Set([...m.fields.keys(), ...m.authFields.keys()]);
  }

  identifier(m) {
    const kind = this.rng.weighted({ default: 6, declaredId: 1, single: 2, composite: 2 });
    this.hit(`identifier:${kind}`);
    if (kind === 'default' || kind === 'declaredId') {
      m.identifier = [{ name: 'id', base: 'id' }];
      if (kind === 'declaredId') m.fields.set('id', { ...this.scalarField('id', this.rng.pick(['T', 'T!'])), key: true });
      if (kind === 'declaredId' && this.rng.chance(0.5)) m.explicitIdentifier = true;
      return;
    }
    const keys = [];
    const count = kind === 'single' ? 1 : this.rng.int(2, 3);
    for (let i = 0; i < count; i++) {
      const useId = i === 0 && kind === 'composite' && this.rng.chance(0.3);
      const name = useId ? 'id' : this.fieldName(this.taken(m));
      const base = useId ? 'id' : this.rng.pick(IDENTIFIER_SCALARS);
      // The partition key may be a nullable `id` (it prints ID!); everything else is required.
      const shape = i === 0 && base === 'id' && this.rng.chance(0.4) ? 'T' : 'T!';
      m.fields.set(name, { ...this.scalarField(base, shape), key: true });
      keys.push({ name, base });
    }
    m.identifier = keys;
    m.explicitIdentifier = true;
  }

  plainField(m) {
    const name = this.fieldName(this.taken(m));
    const modelTypes = this.typesOf('model');
    const kind = this.rng.weighted({
      scalar: 10, enumRef: this.enums.length ? 2 : 0, typeRef: modelTypes.length ? 1.5 : 0,
      inlineEnum: 1, inlineType: 1,
    });
    let f;
    if (kind === 'scalar') f = this.scalarField();
    else if (kind === 'enumRef') f = this.refField(this.rng.pick(this.enums).name, 'enum');
    else if (kind === 'typeRef') f = this.refField(this.rng.pick(modelTypes).name, 'type');
    else if (kind === 'inlineEnum') f = this.inlineEnum(m.name, name, 'model');
    else f = this.inlineType(m.name, name, modelTypes, 1, 'model');
    if (f) m.fields.set(name, f);
  }

  // ------------------------------------------------------------------ relationships

  /**
   * Pairs of hasOne/hasMany on a parent and belongsTo on a child, each pair with reference
   * fields of its own on the child that match the parent's identifier in number and type.
   */
  relationships() {
    if (!this.models.length) return;
    const pairs = this.rng.weighted({ 0: 2, 1: 3, 2: 3, 3: 2, 4: 1 });
    const seen = new Set();
    for (let i = 0; i < pairs; i++) {
      const parent = this.rng.pick(this.models);
      const child = this.rng.chance(0.15) ? parent : this.rng.pick(this.models);
      const key = `${parent.name}>${child.name}`;
      if (seen.has(key)) this.hit('rel:same-pair-again');
      seen.add(key);
      this.relations.push(this.relationship(parent, child));
    }
  }

  relationship(parent, child) {
    const kind = this.rng.chance(0.6) ? 'hasMany' : 'hasOne';
    const required = this.rng.chance(0.25);
    const refs = parent.identifier.map((key) => {
      const name = this.fieldName(this.taken(child), lcfirst(parent.name) + capitalize(key.name));
      // ID and String match each other (FORMAT.md); other types must be the same.
      const stringLike = key.base === 'id' || key.base === 'string';
      const base = stringLike ? this.rng.pick(['id', 'id', 'string']) : key.base;
      if (stringLike && base !== key.base) this.hit('rel:string-for-id');
      child.fields.set(name, { ...this.scalarField(base, required ? 'T!' : 'T'), reference: true });
      return name;
    });
    const parentField = this.fieldName(this.taken(parent),
      kind === 'hasMany' ? `${lcfirst(child.name)}s` : lcfirst(child.name));
    parent.fields.set(parentField, { kind: 'rel', rel: kind, model: child.name, refs });
    const childField = this.fieldName(this.taken(child), lcfirst(parent.name));
    child.fields.set(childField, { kind: 'rel', rel: 'belongsTo', model: parent.name, refs });
    this.hit(`rel:${kind}`);
    this.hit('rel:belongsTo');
    if (parent === child) this.hit('rel:self');
    if (refs.length > 1) this.hit('rel:composite');
    if (required) this.hit('rel:required-references');
    return { parent: parent.name, parentField, child: child.name, childField, refs, kind };
  }

  // ------------------------------------------------------------------ indexes

  /**
   * Fields a secondary index may use as a key: scalar or enum, not a list, no Boolean or
   * JSON; not the table's partition key (see indexes()).
   */
  indexKeyCandidates(m) {
    const pk = m.identifier[0].name;
    return [...m.fields].filter(([name, f]) => name !== pk && !f.authField && (
      (f.kind === 'scalar' && INDEX_SCALARS.includes(f.base) && !isList(f.shape))
      || (f.kind === 'ref' && f.targetKind === 'enum' && !isList(f.shape))
      || f.kind === 'inlineEnum')).map(([name]) => name);
  }

  indexes(m) {
    const candidates = this.indexKeyCandidates(m);
    if (!candidates.length || !this.rng.chance(0.35)) return;
    // The transformer takes an index on the table's partition key only when the table has
    // a sort key; FORMAT.md words it as "not without a sort key". Both readings accept an
    // index on the partition key that has sort keys, in a table that has sort keys.
    const pk = m.identifier[0].name;
    const pkToo = m.identifier.length > 1 && m.fields.has(pk);
    const signatures = new Set();
    const names = new Set();
    for (let i = this.rng.int(1, 3); i > 0; i--) {
      const onPk = pkToo && this.rng.chance(0.2);
      const field = onPk ? pk : this.rng.pick(candidates);
      const others = candidates.filter((c) => c !== field);
      const sortKeys = onPk || this.rng.chance(0.5) ? this.rng.subset(this.rng.shuffle(others), 1, 2) : [];
      const sig = [field, ...sortKeys].join(',');
      if (!sortKeys.length && onPk) continue;
      if (signatures.has(sig)) continue;
      signatures.add(sig);
      if (onPk) this.hit('index:on-table-partition-key');
      m.indexes.push(this.index(m, field, sortKeys, names));
    }
  }

  index(m, field, sortKeys, names) {
    const ix = { field, sortKeys };
    if (this.rng.chance(0.3)) {
      let name;
      do name = `by${capitalize(field)}${names.size || ''}`; while (names.has(name));
      names.add(name);
      ix.name = name;
      this.hit('index:name');
    }
    // The query field data-schema derives must not repeat another Query field.
    const derived = `list${capitalize(m.name)}By${capitalize(field)}${sortKeys.map((k) => `And${capitalize(k)}`).join('')}`;
    if (this.rng.chance(0.15)) {
      ix.queryField = null;
      this.hit('index:queryField-null');
    } else if (this.rng.chance(0.3) || this.queryFields.has(derived)) {
      let q;
      for (let i = 0; this.queryFields.has(q = `${lcfirst(m.name)}By${capitalize(field)}${i || ''}`) || !this.names.isFree(q); i++);
      ix.queryField = q;
      this.queryFields.add(q);
      this.hit('index:queryField');
    } else {
      this.queryFields.add(derived);
    }
    this.projection(m, ix);
    if (sortKeys.length) this.hit(`index:sortKeys-${sortKeys.length}`);
    const f = m.fields.get(field);
    if (f.kind !== 'scalar') this.hit('index:on-enum');
    if (f.reference) this.hit('index:on-reference');
    return ix;
  }

  projection(m, ix) {
    const p = this.rng.weighted({ none: 6, KEYS_ONLY: 1, ALL: 1, INCLUDE: 1 });
    if (p === 'none') return;
    this.hit(`index:projection-${p}`);
    if (p !== 'INCLUDE') {
      ix.projection = p;
      return;
    }
    const keys = new Set([ix.field, ...ix.sortKeys, ...m.identifier.map((k) => k.name)]);
    const attrs = [...m.fields].filter(([n, f]) => !keys.has(n) && f.kind === 'scalar').map(([n]) => n);
    ix.projection = attrs.length ? { type: 'INCLUDE', nonKeyAttributes: this.rng.subset(attrs, 1, 2) } : 'KEYS_ONLY';
  }

  disableOperations(m) {
    if (!this.rng.chance(0.15)) return;
    m.disable = this.rng.subset(this.rng.shuffle(DISABLE_OPS), 0, 3);
    this.hit(m.disable.length ? 'disable:some' : 'disable:empty');
    m.disable.forEach((op) => this.hit(`disable:${op}`));
    // An index adds a query; keep models whose queries are off free of them.
    if (m.disable.some((op) => ['queries', 'get', 'list'].includes(op))) m.indexes = [];
  }

  /** Which of create/update/delete a subscription may listen to on model m. */
  enabledMutations(m) {
    const off = new Set(m.disable ?? []);
    if (off.has('mutations')) return [];
    return ['create', 'update', 'delete'].filter((op) => !off.has(op));
  }

  // ------------------------------------------------------------------ defaults, field rules

  /** Field rules go on plain fields only: no key, reference or auth field; defaults on
   *  those and on the identifier's sort keys (data-schema prints them there). */
  decorateFields(m) {
    const keys = new Set(m.indexes.flatMap((ix) => [ix.field, ...ix.sortKeys]));
    const sortKeys = new Set(m.identifier.slice(1).map((k) => k.name));
    let ruled = 0;
    for (const [name, f] of m.fields) {
      const plain = !f.key && !f.reference && !f.authField && !keys.has(name);
      const sortKey = sortKeys.has(name) && !f.reference && !f.authField && !keys.has(name);
      if ((plain || sortKey) && f.kind === 'scalar' && !isList(f.shape) && this.rng.chance(0.3)) {
        f.default = pickDefault(this.rng, f.base);
        if (f.default) this.hit(sortKey ? `default:sort-key:${f.default.kind}` : `default:${f.base}:${f.default.kind}`);
      }
      const nullable = f.kind === 'rel' || !f.shape?.endsWith('!');
      const rulable = f.kind === 'scalar' || f.kind === 'ref' || f.kind === 'rel';
      if (plain && nullable && rulable && ruled < 2 && this.rng.chance(0.1)) {
        f.rules = deriveFieldRules(this.rng, m.effectiveRules);
        if (f.rules) {
          ruled++;
          this.hit(f.kind === 'rel' ? 'auth:relationship-field' : 'auth:field');
        }
      }
    }
  }

  // ------------------------------------------------------------------ custom operations

  declareOperations() {
    const queries = this.rng.weighted({ 0: 3, 1: 3, 2: 2, 3: 1 });
    const mutations = this.rng.weighted({ 0: 3, 1: 3, 2: 2, 3: 1 });
    for (let i = 0; i < queries; i++) this.ops.queries.push(this.operation('queries', QUERY_VERBS));
    for (let i = 0; i < mutations; i++) this.ops.mutations.push(this.operation('mutations', MUTATION_VERBS));
    const sources = this.subscriptionSources();
    if (sources.length) {
      for (let i = this.rng.weighted({ 0: 2, 1: 3, 2: 1 }); i > 0; i--) this.ops.subscriptions.push(this.subscription(sources));
    }
  }

  operation(section, verbs) {
    const op = { name: this.opName(verbs), section };
    this.hit(`op:${section}`);
    op.args = this.arguments(op.name);
    op.returns = this.returns(op.name);
    op.handler = this.handler(op.name);
    this.opRules(op, op.returns.customType);
    return op;
  }

  /** Arguments: scalars, enum refs, custom types of the op group, inline enums and types. */
  arguments(opName) {
    const args = new Map();
    const opTypes = this.typesOf('op');
    for (let i = this.rng.weighted({ 0: 2, 1: 3, 2: 3, 3: 2, 4: 1 }); i > 0; i--) {
      const name = this.fieldName(new Set(args.keys()));
      const kind = this.rng.weighted({
        scalar: 8, enumRef: this.enums.length ? 1.5 : 0, typeRef: opTypes.length ? 1.5 : 0,
        inlineEnum: 1, inlineType: 1,
      });
      const f = this.argument(kind, opName, name, opTypes);
      if (f) args.set(name, f);
    }
    if (args.size) this.hit('op:arguments');
    return args;
  }

  argument(kind, opName, argName, opTypes) {
    if (kind === 'scalar') return this.scalarField();
    if (kind === 'enumRef') return this.refField(this.rng.pick(this.enums).name, 'enum');
    if (kind === 'typeRef') {
      const t = this.rng.pick(opTypes);
      if (!this.names.claimAll(this.inputNamesOfType(t))) return null;
      this.hit('type:as-argument');
      return this.refField(t.name, 'type');
    }
    if (kind === 'inlineEnum') return this.inlineEnum(opName, argName, 'argument');
    // An inline custom type argument is the input <Op><Arg>Input; its inline enums are
    // enums <Op><Arg><Field> and its inline types inputs <Op><Arg><Field>Input.
    const prefix = capitalize(opName) + capitalize(argName);
    if (!this.names.claim(`${prefix}Input`)) return null;
    this.hit('type:inline-argument');
    const fields = this.customTypeFields(prefix, opTypes, 1);
    if (!this.names.claimAll(this.inputNamesOfFields(prefix, fields))) {
      return this.scalarField();
    }
    return { kind: 'inlineType', name: `${prefix}Input`, fields, argument: true };
  }

  /** The input types data-schema derives when custom type t is an argument. */
  inputNamesOfType(t, seen = new Set()) {
    if (seen.has(t.name)) return [];
    seen.add(t.name);
    return [[`${t.name}Input`, `input:${t.name}`], ...this.inputNamesOfFields(t.name, t.fields, seen)];
  }

  /**
   * Input names for the fields of an argument type: refs to custom types bring their
   * <Type>Input, inline custom types an input <Prefix><Field>Input. (Inline enums keep
   * the enum name <Prefix><Field>, claimed when they were made.)
   */
  inputNamesOfFields(prefix, fields, seen = new Set()) {
    const out = [];
    for (const [fname, f] of fields) {
      const inner = prefix + capitalize(fname);
      if (f.kind === 'ref' && f.targetKind === 'type') {
        out.push(...this.inputNamesOfType(this.types.find((t) => t.name === f.target), seen));
      } else if (f.kind === 'inlineType') {
        out.push([`${inner}Input`, `input:${inner}`], ...this.inputNamesOfFields(inner, f.fields, seen));
      }
    }
    return out;
  }

  returns(opName) {
    const opTypes = this.typesOf('op');
    const kind = this.rng.weighted({
      scalar: 7, enum: this.enums.length ? 1.5 : 0, type: opTypes.length ? 3 : 0,
      model: this.models.length ? 4 : 0, inline: 3,
    });
    this.hit(`returns:${kind}`);
    if (kind === 'scalar') return this.scalarField();
    if (kind === 'enum') return { ...this.refField(this.rng.pick(this.enums).name, 'enum') };
    if (kind === 'type') return { ...this.refField(this.rng.pick(opTypes).name, 'type'), customType: true };
    if (kind === 'model') {
      return { kind: 'ref', target: this.rng.pick(this.models).name, targetKind: 'model', shape: this.rng.pick(['T', 'T', 'T!', '[T]']) };
    }
    const name = `${capitalize(opName)}ReturnType`;
    if (!this.names.claim(name)) return this.scalarField();
    return { kind: 'inlineType', name, fields: this.customTypeFields(name, opTypes, 1), customType: true };
  }

  handler(opName) {
    const kind = this.rng.weighted({ function: 6, pipeline: 1.5, custom: 2.5 });
    this.hit(`handler:${kind}`);
    if (kind === 'function') return { function: `${opName}Fn` };
    if (kind === 'pipeline') {
      return Array.from({ length: this.rng.int(2, 3) }, (_, i) => ({ function: `${opName}Step${i + 1}` }));
    }
    const custom = { entry: `./${opName}.js` };
    if (this.models.length && this.rng.chance(0.5)) {
      custom.dataSource = `${this.rng.pick(this.models).name}Table`;
      this.hit('handler:custom-dataSource');
    }
    return { custom };
  }

  /** An op's own rules, or none when the schema's rules suit it (then it inherits them). */
  opRules(op, returnsCustomType) {
    const constraints = { customHandler: Boolean(op.handler.custom), returnsCustomType: Boolean(returnsCustomType) };
    const inheritable = this.schemaRules && this.schemaRules.every((r) => opCompatible(r, constraints));
    if (inheritable && this.rng.chance(0.4)) {
      this.hit('auth:op-inherits-schema');
      return;
    }
    op.rules = genOpRules(this.rng, (t) => this.hit(t), constraints);
    this.hit('auth:op');
  }

  /**
   * Groups of subscription sources with one return type: a custom mutation alone; one
   * model's enabled mutations; or a model with the custom mutations that return it.
   */
  subscriptionSources() {
    const groups = this.ops.mutations.map((mu) => ({ mutations: [mu], models: [], returns: mu.returns }));
    for (const m of this.models) {
      const enabled = this.enabledMutations(m);
      if (!enabled.length) continue;
      const returning = this.ops.mutations.filter((mu) => mu.returns.kind === 'ref'
        && mu.returns.target === m.name && mu.returns.shape === 'T');
      groups.push({ mutations: returning, models: [{ model: m, enabled }] });
    }
    return groups;
  }

  subscription(sources) {
    const group = this.rng.pick(sources);
    const op = { name: this.opName(SUBSCRIPTION_VERBS), section: 'subscriptions' };
    op.for = this.subscriptionFor(group);
    op.handler = this.rng.chance(0.8) ? { custom: { entry: `./${op.name}.js` } } : { function: `${op.name}Fn` };
    this.hit(`handler:subscription-${op.handler.custom ? 'custom' : 'function'}`);
    // A subscription on a mutation that returns a custom type passes its rules on to it.
    const viaType = group.mutations.some((mu) => mu.returns.customType && mu.returns.kind === 'ref');
    this.opRules(op, viaType);
    this.hit('op:subscriptions');
    return op;
  }

  subscriptionFor(group) {
    const items = [];
    for (const { model, enabled } of group.models) {
      const ops = this.rng.subset(enabled, 1, 3);
      if (ops.length > 1 && this.rng.chance(0.25)) {
        // The same model twice, with disjoint mutations: still one return type.
        const cut = this.rng.int(1, ops.length - 1);
        items.push({ model: model.name, mutations: ops.slice(0, cut) }, { model: model.name, mutations: ops.slice(cut) });
        this.hit('sub:model-twice');
      } else {
        items.push({ model: model.name, mutations: ops });
      }
      this.hit('sub:for-model');
    }
    const mutations = group.models.length ? this.rng.subset(group.mutations, 0, 2) : group.mutations;
    items.push(...mutations.map((mu) => mu.name));
    if (mutations.length) this.hit('sub:for-mutation');
    if (group.models.length && mutations.length) this.hit('sub:for-mixed');
    const ordered = this.rng.shuffle(items);
    if (ordered.length === 1 && this.rng.chance(0.6)) return ordered[0];
    this.hit('sub:for-list');
    return ordered;
  }

  // ------------------------------------------------------------------ rendering

  ruleList(rules) {
    return rules.map((r) => ruleDoc(this.rng, r));
  }

  /**
   * The YAML value of a scalar or ref field: a type string, or a map with its extras.
   * Arguments and return types are always written as type strings.
   */
  typedFieldDoc(f, base, mapOk = true) {
    const type = typeString(base, f.shape);
    const extras = f.default !== undefined || f.rules;
    if (!extras && (!mapOk || !this.rng.chance(0.12))) {
      if (f.shape === '[T]' && this.rng.chance(0.1)) {
        this.hit('yaml:unquoted-list-type');
        return new Flow([base]);
      }
      return type;
    }
    const doc = { type };
    if (f.rules) doc.authorization = this.ruleList(f.rules);
    // An empty value (`default:`) is written last: it reads as null only before `}` or EOL.
    if (f.default !== undefined) doc.default = f.default.value;
    if (!extras) this.hit('field:map-form');
    return doc;
  }

  fieldDoc(f, mapOk = true) {
    switch (f.kind) {
      case 'scalar': return this.typedFieldDoc(f, f.spelling, mapOk);
      case 'ref': return this.typedFieldDoc(f, f.target, mapOk);
      case 'inlineEnum': return { enum: f.values };
      case 'inlineType': return { customType: this.fieldsDoc(f.fields) };
      default: {
        const doc = { [f.rel]: f.model };
        doc.references = f.refs.length === 1 && this.rng.chance(0.6) ? f.refs[0] : f.refs;
        if (f.rules) doc.authorization = this.ruleList(f.rules);
        return doc;
      }
    }
  }

  fieldsDoc(fields, { shuffle = false, mapOk = true } = {}) {
    const entries = shuffle ? this.rng.shuffle([...fields]) : [...fields];
    return Object.fromEntries(entries.map(([n, f]) => [n, this.fieldDoc(f, mapOk)]));
  }

  indexDoc(ix) {
    const bare = !ix.sortKeys.length && !('name' in ix) && !('queryField' in ix) && !ix.projection;
    if (bare && this.rng.chance(0.7)) {
      this.hit('index:bare');
      return ix.field;
    }
    const doc = { field: ix.field };
    if (ix.sortKeys.length) doc.sortKeys = ix.sortKeys;
    if ('name' in ix) doc.name = ix.name;
    if ('queryField' in ix) doc.queryField = ix.queryField;
    if (ix.projection) doc.projection = ix.projection;
    return doc;
  }

  modelDoc(m) {
    const parts = [['fields', this.fieldsDoc(m.fields, { shuffle: true })]];
    if (m.explicitIdentifier) parts.push(['identifier', m.identifier.map((k) => k.name)]);
    if (m.indexes.length) parts.push(['secondaryIndexes', m.indexes.map((ix) => this.indexDoc(ix))]);
    if (m.disable) parts.push(['disableOperations', m.disable]);
    if (m.rules) parts.push(['authorization', this.ruleList(m.rules)]);
    return Object.fromEntries(this.rng.chance(0.3) ? this.rng.shuffle(parts) : parts);
  }

  opDoc(op) {
    const doc = {};
    if (op.for !== undefined) doc.for = op.for;
    if (op.args?.size) doc.arguments = this.fieldsDoc(op.args, { mapOk: false });
    if (op.returns) {
      doc.returns = op.returns.kind === 'inlineType'
        ? { customType: this.fieldsDoc(op.returns.fields) } : this.fieldDoc(op.returns, false);
    }
    doc.handler = op.handler;
    if (op.rules) doc.authorization = this.ruleList(op.rules);
    return doc;
  }

  /** The whole document: sections in random order, declarations in generation order. */
  document() {
    const sections = {
      authorization: this.schemaRules && this.ruleList(this.schemaRules),
      models: this.models.length && Object.fromEntries(this.models.map((m) => [m.name, this.modelDoc(m)])),
      enums: this.enums.length && Object.fromEntries(this.enums.map((e) => [e.name, e.values])),
      types: this.types.length && Object.fromEntries(this.types.map((t) => [t.name, this.fieldsDoc(t.fields)])),
    };
    for (const s of ['queries', 'mutations', 'subscriptions']) {
      sections[s] = this.ops[s].length && Object.fromEntries(this.ops[s].map((op) => [op.name, this.opDoc(op)]));
    }
    const present = Object.keys(sections).filter((k) => sections[k]);
    const order = this.rng.chance(0.6) ? present : this.rng.shuffle(present);
    if (order.join() !== present.join()) this.hit('yaml:sections-reordered');
    return Object.fromEntries(order.map((k) => [k, sections[k]]));
  }

  generate() {
    this.declareEnums();
    this.declareTypes();
    this.declareModels();
    this.declareOperations();
    if (!this.models.length && !this.enums.length && !this.types.length
      && !Object.values(this.ops).some((ops) => ops.length)) {
      // An empty schema prints an empty SDL, which graphql-generator refuses.
      this.enums.push({ name: this.typeName(ENUM_SUFFIXES), values: this.enumValues() });
    }
    if (!this.schemaRules && !this.models.length && this.rng.chance(0.3)) {
      // Schemas without models may still carry rules (for their operations).
      this.schemaRules = genModelRules(this.rng, (t) => this.hit(t), 2);
    }
    return this.document();
  }
}

/**
 * Generates the schema of `seed`: { doc, meta, hits }. `doc` is the YAML document tree,
 * `meta` the semantic model (for mutations), `hits` a Map construct -> count.
 */
export function generateSchema(seed) {
  const g = new Generator(seed);
  const doc = g.generate();
  return { doc, meta: g, hits: g.hits, rng: g.rng };
}
