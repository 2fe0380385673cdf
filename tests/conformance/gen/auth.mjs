// Authorization rules for generated schemas: what each level admits (FORMAT.md "RULE"),
// and the extra care deployment needs. A rule here is
//   { kind, provider?, to?, field?, groups?, group?, identityClaim?, groupClaim? }
// and ruleDoc() turns it into its YAML form.

import { AUTH_FIELD_WORDS, CLAIMS, GROUP_NAMES } from './vocab.mjs';

const MODEL_KINDS = {
  publicApiKey: 3, guest: 1, authenticated: 3, owner: 3, ownerDefinedIn: 1, ownersDefinedIn: 1,
  group: 1, groups: 2, groupDefinedIn: 1, groupsDefinedIn: 1, custom: 1,
};
const OP_KINDS = { publicApiKey: 3, guest: 1, authenticated: 3, group: 1, groups: 2, custom: 1 };

const PROVIDERS = {
  authenticated: { none: 6, userPools: 1.5, oidc: 1, identityPool: 1.5 },
  owner: { none: 7, userPools: 1.5, oidc: 1.5 },
  group: { none: 7, userPools: 1.5, oidc: 1.5 },
  custom: { none: 6, function: 4 },
};
const providerFamily = (kind) => (kind.startsWith('owner') ? 'owner'
  : kind.startsWith('group') ? 'group' : PROVIDERS[kind] ? kind : null);

const COARSE_OPS = ['create', 'read', 'update', 'delete'];
const FINE_OPS = ['create', 'update', 'delete', 'get', 'list', 'sync', 'listen', 'search'];

/** The field an owner or group rule stores its identities in: [name, 'single' | 'list']. */
export function impliedField(rule) {
  switch (rule.kind) {
    case 'owner': return ['owner', 'single'];
    case 'ownerDefinedIn': case 'groupDefinedIn': return [rule.field, 'single'];
    case 'ownersDefinedIn': case 'groupsDefinedIn': return [rule.field, 'list'];
    default: return null;
  }
}

function pickTo(rng, hit) {
  if (rng.chance(0.75)) {
    hit('rule:to');
    const ops = rng.subset(COARSE_OPS, 1, 3);
    return rng.chance(0.2) ? rng.shuffle(ops) : ops;
  }
  hit('rule:to-fine');
  return rng.subset(FINE_OPS, 1, 4);
}

/**
 * One model-level (or schema-level) rule of `kind`; `field` is the field of *DefinedIn,
 * `groupPool` the group names still free in this list of rules: the transformer refuses
 * a group named by two rules of one list ("...:staticGroup:G:cognito:groups already exists").
 */
function modelRule(rng, kind, field, hit, groupPool = rng.shuffle(GROUP_NAMES)) {
  const rule = { kind };
  if (kind === 'groups') rule.groups = groupPool.splice(0, rng.int(1, 3));
  if (kind === 'group') [rule.group] = groupPool.splice(0, 1);
  if (kind.endsWith('DefinedIn')) rule.field = field;
  const family = providerFamily(kind);
  if (family) {
    const p = rng.weighted(PROVIDERS[family]);
    if (p !== 'none') {
      rule.provider = p;
      hit(`provider:${kind}:${p}`);
    }
  }
  // OIDC owner and group rules name their claim, as every deployed corpus case does.
  const oidc = rule.provider === 'oidc';
  if (family === 'owner' && (oidc || rng.chance(0.15))) rule.identityClaim = rng.pick(CLAIMS);
  if (family === 'group' && (oidc || rng.chance(0.15))) rule.groupClaim = rng.pick(CLAIMS);
  if (rule.identityClaim) hit('rule:identityClaim');
  if (rule.groupClaim) hit('rule:groupClaim');
  if (rng.chance(0.3)) rule.to = pickTo(rng, hit);
  hit(`rule:${kind}`);
  return rule;
}

/**
 * 1..max rules of distinct kinds for a schema or a model. *DefinedIn rules take distinct
 * field names from AUTH_FIELD_WORDS, which the generator uses for nothing else.
 */
export function genModelRules(rng, hit, max = 3) {
  const kinds = pickKinds(rng, MODEL_KINDS, rng.int(1, max));
  const fields = rng.shuffle(AUTH_FIELD_WORDS);
  const groupPool = rng.shuffle(GROUP_NAMES);
  return kinds.map((k, i) => modelRule(rng, k, fields[i], hit, groupPool));
}

function pickKinds(rng, weights, n) {
  const left = { ...weights };
  const kinds = [];
  while (kinds.length < n && Object.keys(left).length) {
    const k = rng.weighted(left);
    delete left[k];
    kinds.push(k);
  }
  return kinds;
}

/**
 * Whether a rule may stand on a custom operation (allow has no owner rules, no .to(),
 * no claims there), given the op's handler and return type: data-schema turns rules of
 * custom handlers, and of ops returning custom types, into AppSync directives, which
 * have no identity-pool (custom handlers) and no OIDC groups form.
 */
export function opCompatible(rule, { customHandler, returnsCustomType }) {
  if (!OP_KINDS[rule.kind] || rule.to || rule.identityClaim || rule.groupClaim) return false;
  const groups = rule.kind === 'group' || rule.kind === 'groups';
  if ((customHandler || returnsCustomType) && groups && rule.provider === 'oidc') return false;
  if (customHandler && (rule.kind === 'guest' || rule.provider === 'identityPool')) return false;
  return true;
}

/** 1..3 rules for a custom operation that satisfy opCompatible(). */
export function genOpRules(rng, hit, constraints) {
  for (;;) {
    const kinds = pickKinds(rng, OP_KINDS, rng.int(1, 3));
    const groupPool = rng.shuffle(GROUP_NAMES);
    const rules = kinds.map((k) => {
      const rule = modelRule(rng, k, null, () => {}, groupPool);
      delete rule.to;
      delete rule.identityClaim;
      delete rule.groupClaim;
      return rule;
    });
    if (rules.every((r) => opCompatible(r, constraints))) {
      rules.forEach((r) => {
        hit(`oprule:${r.kind}`);
        if (r.provider) hit(`oprule-provider:${r.kind}:${r.provider}`);
      });
      return rules;
    }
  }
}

/**
 * Rules for one field of a model, derived from the model's own (effective) rules: a
 * field's rules may not grant what the model's do not, and deployment refuses `delete`
 * at field level. So each is a model rule, narrowed to read (and update) when it names
 * operations. Returns null when no model rule lends itself.
 */
export function deriveFieldRules(rng, modelRules) {
  const usable = modelRules.filter((r) => !r.to || r.to.includes('read'));
  if (!usable.length) return null;
  return rng.subset(usable, 1, 2).map((r) => {
    const copy = { ...r };
    if (!r.to) {
      const to = rng.pick([null, null, ['read'], ['read', 'update'], ['create', 'read']]);
      if (to) copy.to = to;
      else delete copy.to;
    } else {
      copy.to = r.to.includes('update') && rng.chance(0.5) ? ['read', 'update'] : ['read'];
    }
    // allow.owner() at field level may also be spelled as ownerDefinedIn('owner').
    if (r.kind === 'owner' && rng.chance(0.2)) Object.assign(copy, { kind: 'ownerDefinedIn', field: 'owner' });
    return copy;
  });
}

/** A rule for a custom type field (accepted and ignored by data-schema): no fields implied. */
export function genIgnoredRules(rng) {
  const kind = rng.pick(['publicApiKey', 'guest', 'authenticated', 'groups', 'custom']);
  return [modelRule(rng, kind, null, () => {})];
}

const BARE = ['publicApiKey', 'guest', 'authenticated', 'owner', 'custom'];

/** The YAML form of a rule: a bare name when it takes no argument, else a map. */
export function ruleDoc(rng, rule) {
  const extra = Object.keys(rule).filter((k) => k !== 'kind');
  if (BARE.includes(rule.kind) && !extra.length && rng.chance(0.7)) return rule.kind;
  const doc = { allow: rule.kind };
  for (const k of ['field', 'group', 'groups', 'provider', 'identityClaim', 'groupClaim', 'to']) {
    if (rule[k] !== undefined) doc[k] = rule[k];
  }
  return doc;
}
