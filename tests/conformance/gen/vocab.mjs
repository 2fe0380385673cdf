// Word lists for generated names, and the registry that keeps every type name unique.
//
// The words are chosen so that no generated name collides with a name data-schema or the
// Amplify transformer derives: no type name starts with Model/Create/Update/Delete or ends
// in Input/Connection/ReturnType, and no custom operation uses the verbs the transformer
// gives model operations (get, list, sync, create, update, delete, on...).

export const NOUNS = [
  'Account', 'Album', 'Artist', 'Badge', 'Basket', 'Booking', 'Branch', 'Budget', 'Campaign',
  'Chapter', 'Client', 'Clinic', 'Coupon', 'Course', 'Crate', 'Deck', 'Device', 'Dossier',
  'Driver', 'Episode', 'Farm', 'Fleet', 'Forum', 'Garden', 'Gift', 'Guild', 'Harbor', 'Hotel',
  'Invoice', 'Journal', 'Kiosk', 'Lesson', 'Ledger', 'Locker', 'Manual', 'Meeting', 'Menu',
  'Mentor', 'Note', 'Orchard', 'Parcel', 'Patient', 'Planet', 'Player', 'Poem', 'Quest',
  'Recipe', 'Region', 'Robot', 'Route', 'Sensor', 'Shelf', 'Skill', 'Song', 'Studio', 'Survey',
  'Ticket', 'Tour', 'Trail', 'Vault', 'Venue', 'Voyage', 'Wallet', 'Widget', 'Zone',
];

/** Suffixes that make enum and custom type names read naturally. */
export const ENUM_SUFFIXES = ['', 'Kind', 'Level', 'Tier', 'Mode', 'State'];
export const TYPE_SUFFIXES = ['', 'Info', 'Spec', 'Details', 'Summary', 'Stats'];

/** Field names, including GraphQL keywords and words YAML 1.1 (not 1.2) reads as booleans. */
export const FIELD_WORDS = [
  'title', 'name', 'label', 'body', 'summary', 'notes', 'count', 'amount', 'price', 'rating',
  'score', 'code', 'slug', 'email', 'phone', 'website', 'address', 'birthday', 'startsAt',
  'endsAt', 'openedOn', 'dueOn', 'weight', 'height', 'color', 'size', 'active', 'enabled',
  'archived', 'payload', 'metadata', 'tags', 'lines', 'region', 'locale', 'version', 'position',
  'priority', 'status', 'stage', 'category', 'kind', 'level', 'mode', 'sku', 'serial', 'quantity',
  'total', 'discount', 'ratio', 'visits', 'lastSeen', 'expiresAt', 'remoteIp', 'homepage',
  'nickname', 'motto', 'theme', 'topic',
  'type', 'enum', 'input', 'query', 'schema', 'model', 'fragment', 'scalar', 'union',
  'on', 'off', 'yes', 'no', 'y', 'n', '_private', 'item_v2',
];

/** Field names that implicit auth fields (ownerDefinedIn & co.) use. */
export const AUTH_FIELD_WORDS = ['author', 'editors', 'createdBy', 'department', 'sharedWith',
  'teams', 'reviewers', 'tenantGroup', 'approvers', 'curator'];

/** Field names never generated as plain fields: reserved by the transformer or by auth. */
export const RESERVED_FIELDS = new Set(['id', 'owner', 'createdAt', 'updatedAt', '__typename',
  '_version', '_deleted', '_lastChangedAt', ...AUTH_FIELD_WORDS]);

export const ENUM_VALUES = ['DRAFT', 'PUBLISHED', 'ARCHIVED', 'LOW', 'MEDIUM', 'HIGH', 'URGENT',
  'OPEN', 'CLOSED', 'PENDING', 'ACTIVE', 'INACTIVE', 'RED', 'GREEN', 'BLUE', 'SMALL', 'LARGE',
  'X_LARGE', 'NORTH', 'SOUTH', 'markdown', 'html', 'plain_text', 'happy', 'sad', 'on_hold',
  'active_1', '_internal', 'YES', 'NO', 'ON', 'OFF', 'Y', 'N', 'n_a', 'MAYBE'];

export const GROUP_NAMES = ['Admin', 'Editors', 'Staff', 'HR', 'Moderators', 'Release Managers',
  'Ops', 'Auditors', 'Team Leads', 'Billing', 'Support'];

export const CLAIMS = ['sub', 'email', 'user_id', 'custom:tenant', 'custom:groups', 'cognito:groups',
  'roles', 'preferred_username'];

export const QUERY_VERBS = ['fetch', 'find', 'count', 'lookup', 'compute', 'summarize', 'echo',
  'ping', 'resolve', 'check'];
export const MUTATION_VERBS = ['publish', 'archive', 'approve', 'import', 'reset', 'send',
  'transfer', 'register', 'mark', 'assign'];
export const SUBSCRIPTION_VERBS = ['watch', 'follow', 'notify', 'track', 'observe'];

export const capitalize = (s) => s[0].toUpperCase() + s.slice(1);
export const lcfirst = (s) => s[0].toLowerCase() + s.slice(1);

const RESERVED_TYPE = /^(Query|Mutation|Subscription|String|Int|Float|Boolean|ID|AWS\w*|EventInvocationResponse)$/;

/**
 * Every top-level name of the schema: declared models, enums, custom types and
 * operations (the keys of the a.schema({...}) object), and the implicit type names
 * data-schema derives. Names are compared case-insensitively, so that two models never
 * get the same transformer-generated operations (createPost for Post and post).
 */
export class NameRegistry {
  constructor() {
    this.owners = new Map(); // lower-case name -> who claimed it
  }

  isFree(name) {
    return !RESERVED_TYPE.test(name) && !this.owners.has(name.toLowerCase());
  }

  /** Claims `name` for `owner`; claiming again for the same owner succeeds (shared inputs). */
  claim(name, owner = Symbol(name)) {
    const key = name.toLowerCase();
    if (this.owners.has(key)) return this.owners.get(key) === owner;
    if (RESERVED_TYPE.test(name)) return false;
    this.owners.set(key, owner);
    return true;
  }

  /** Claims all [name, owner] pairs, or none of them when one is taken. */
  claimAll(pairs) {
    const pending = new Map();
    for (const [name, owner] of pairs) {
      const key = name.toLowerCase();
      const current = pending.get(key) ?? this.owners.get(key);
      if ((current !== undefined && current !== owner) || RESERVED_TYPE.test(name)) return false;
      pending.set(key, owner);
    }
    for (const [key, owner] of pending) this.owners.set(key, owner);
    return true;
  }
}
