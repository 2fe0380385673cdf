// gen.mjs --stats: which constructs the generator exercises, over a range of seeds.
// Prints, per construct, how many schemas use it (and how often in all), then lists the
// constructs of the checklist that no schema used.

/** Constructs read off the YAML text itself (the emitter's choices). */
const TEXT_CONSTRUCTS = {
  'yaml:anchor': /&rules\d/,
  'yaml:alias': /\*rules\d/,
  'yaml:flow-map': /\{ ?\w/,
  'yaml:single-quoted': /: '/,
  'yaml:double-quoted': /: "/,
  'yaml:unicode-escape': /\\u[0-9a-f]{4}/,
  'yaml:comment': /\S {2}# |^\s+# /m,
  'yaml:document-markers': /^(---|\.\.\.)$/m,
  'yaml:whole-file-flow': /^\{/m,
};

/** Constructs every run of a few hundred seeds should show. */
const CHECKLIST = [
  ...['string', 'integer', 'float', 'boolean', 'id', 'date', 'time', 'datetime', 'timestamp',
    'email', 'json', 'phone', 'url', 'ipAddress', 'String', 'Int', 'Float', 'Boolean', 'ID',
    'AWSDate', 'AWSTime', 'AWSDateTime', 'AWSTimestamp', 'AWSEmail', 'AWSJSON', 'AWSPhone',
    'AWSURL', 'AWSIPAddress'].map((s) => `scalar:${s}`),
  ...['T', 'T!', '[T]', '[T!]', '[T]!', '[T!]!'].map((s) => `shape:${s}`),
  'enum:toplevel', 'enum:inline-model', 'enum:inline-type', 'enum:inline-argument',
  'type:toplevel', 'type:inline-model', 'type:nested-inline', 'type:inline-argument',
  'type:as-argument', 'ref:enum', 'ref:type',
  'rel:hasOne', 'rel:hasMany', 'rel:belongsTo', 'rel:self', 'rel:composite', 'rel:same-pair-again',
  'rel:required-references', 'rel:string-for-id',
  'identifier:default', 'identifier:declaredId', 'identifier:single', 'identifier:composite',
  'index:bare', 'index:sortKeys-1', 'index:sortKeys-2', 'index:name', 'index:queryField',
  'index:queryField-null', 'index:projection-KEYS_ONLY', 'index:projection-ALL',
  'index:projection-INCLUDE', 'index:on-enum', 'index:on-reference', 'index:on-table-partition-key',
  'disable:some', 'disable:empty', 'auth:schema', 'auth:model', 'auth:field',
  'auth:relationship-field', 'auth:customtype-field(ignored)', 'auth:op', 'auth:op-inherits-schema',
  'auth:implied-field-declared',
  ...['publicApiKey', 'guest', 'authenticated', 'owner', 'ownerDefinedIn', 'ownersDefinedIn',
    'group', 'groups', 'groupDefinedIn', 'groupsDefinedIn', 'custom'].map((k) => `rule:${k}`),
  'rule:to', 'rule:to-fine', 'rule:identityClaim', 'rule:groupClaim',
  'provider:authenticated:identityPool', 'provider:authenticated:oidc', 'provider:owner:oidc',
  'provider:groups:oidc', 'provider:custom:function',
  'op:queries', 'op:mutations', 'op:subscriptions', 'op:arguments',
  'returns:scalar', 'returns:enum', 'returns:type', 'returns:model', 'returns:inline',
  'handler:function', 'handler:pipeline', 'handler:custom', 'handler:custom-dataSource',
  'handler:subscription-custom', 'handler:subscription-function',
  'sub:for-model', 'sub:for-mutation', 'sub:for-mixed', 'sub:for-list', 'sub:model-twice',
  'field:map-form', 'yaml:unquoted-list-type', 'yaml:sections-reordered',
  'name:lowercase-type', 'name:underscore-type',
  ...Object.keys(TEXT_CONSTRUCTS),
];

export function printStats(from, count, render) {
  const schemas = new Map(); // construct -> number of schemas using it
  const total = new Map(); // construct -> number of uses
  for (let seed = from; seed < from + count; seed++) {
    const { text, hits } = render(seed);
    const seen = new Map(hits);
    for (const [tag, re] of Object.entries(TEXT_CONSTRUCTS)) if (re.test(text)) seen.set(tag, 1);
    for (const [tag, n] of seen) {
      schemas.set(tag, (schemas.get(tag) ?? 0) + 1);
      total.set(tag, (total.get(tag) ?? 0) + n);
    }
  }
  console.log(`constructs over seeds ${from}..${from + count - 1} (schemas using it, uses)`);
  for (const tag of [...schemas.keys()].sort()) {
    console.log(`  ${tag.padEnd(44)} ${String(schemas.get(tag)).padStart(6)} ${String(total.get(tag)).padStart(7)}`);
  }
  const missing = CHECKLIST.filter((t) => !schemas.has(t));
  console.log(missing.length ? `never used: ${missing.join(', ')}` : 'every construct of the checklist was used');
}
