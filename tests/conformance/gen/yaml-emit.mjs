// Writes a generated schema (plain objects, arrays and scalars) as YAML text, varying the
// style at random so that dschemac's YAML reader sees what people write: block and flow
// collections, plain/single/double-quoted scalars, comments, anchors and aliases.
//
// Every choice keeps the meaning: a string always reads back as the same string under
// the YAML 1.2 core schema (the yaml package and the oracle are the judges of that).

/**
 * A scalar written exactly as given (e.g. `0x1F`, `TRUE`, `~`, or '' for an empty value),
 * with the value a YAML 1.2 core-schema reader makes of it.
 */
export class Raw {
  constructor(text, value) {
    this.text = text;
    this.value = value;
  }
}

/** A collection that must be written in flow style (`[string]` as an unquoted type). */
export class Flow {
  constructor(value) {
    this.value = value;
  }
}

const CORE_SPECIAL = [
  /^(true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/,
  /^[-+]?[0-9]+$/, /^0o[0-7]+$/, /^0x[0-9a-fA-F]+$/,
  /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(inf|Inf|INF)$/, /^\.(nan|NaN|NAN)$/,
];

/** Whether `s` may be written as a plain scalar, in block and in flow context alike. */
function plainSafe(s) {
  if (!/^[A-Za-z0-9_./@+-][A-Za-z0-9_./@+!-]*$/.test(s)) return false;
  if (/^[-.][-.]/.test(s) || s.startsWith('-') || s.startsWith('@')) return false;
  return !CORE_SPECIAL.some((re) => re.test(s));
}

function doubleQuoted(s, rng) {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code > 0x7f && code <= 0xffff && rng.chance(0.5)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function singleQuoted(s) {
  return `'${s.replace(/'/g, "''")}'`;
}

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
  && !(v instanceof Raw) && !(v instanceof Flow);
const isCollection = (v) => Array.isArray(v) || isMap(v) || v instanceof Flow;

function leafCount(v) {
  if (v instanceof Flow) return leafCount(v.value);
  if (Array.isArray(v)) return v.reduce((n, x) => n + leafCount(x), 0);
  if (isMap(v)) return Object.values(v).reduce((n, x) => n + 1 + leafCount(x), 0);
  return 1;
}

const COMMENTS = ['generated', 'see FORMAT.md', 'keep in sync', 'TODO: review', 'ünïcödé comment', 'a: not a key'];

class Emitter {
  constructor(rng, doc) {
    this.rng = rng;
    this.anchors = new Map(); // signature -> anchor name, once written
    this.repeats = countAuthorizationLists(doc);
  }

  scalar(v) {
    if (v instanceof Raw) return v.text;
    if (v === null) return this.rng.pick(['null', '~', 'Null']);
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (plainSafe(v) && this.rng.chance(0.9)) return v;
    const canSingle = !/[\x00-\x1f]/.test(v);
    return canSingle && this.rng.chance(0.35) ? singleQuoted(v) : doubleQuoted(v, this.rng);
  }

  key(k) {
    return this.rng.chance(0.02) ? this.rng.pick([`"${k}"`, `'${k}'`]) : k;
  }

  flow(v) {
    if (v instanceof Flow) return this.flow(v.value);
    if (Array.isArray(v)) return `[${v.map((x) => this.flow(x)).join(', ')}]`;
    if (isMap(v)) {
      const body = Object.entries(v).map(([k, x]) => `${this.key(k)}: ${this.flow(x)}`).join(', ');
      if (!body) return '{}';
      return this.rng.chance(0.8) ? `{ ${body} }` : `{${body}}`;
    }
    return this.scalar(v);
  }

  /** Whether to write a collection in flow style. */
  wantsFlow(v) {
    if (v instanceof Flow) return true;
    const n = leafCount(v);
    if (n === 0) return true; // {} and [] have no block form
    return n <= 8 && this.rng.chance(n <= 3 ? 0.7 : 0.35);
  }

  /** Anchor or alias for repeated authorization lists; returns [prefix, aliased]. */
  anchorFor(key, value) {
    if (key !== 'authorization') return ['', false];
    const sig = JSON.stringify(value);
    if (this.anchors.has(sig)) {
      return this.rng.chance(0.7) ? [`*${this.anchors.get(sig)}`, true] : ['', false];
    }
    if ((this.repeats.get(sig) ?? 0) > 1 && this.rng.chance(0.5)) {
      const name = `rules${this.anchors.size + 1}`;
      this.anchors.set(sig, name);
      return [`&${name} `, false];
    }
    return ['', false];
  }

  /** Lines of a block map at `indent`. */
  blockMap(map, indent) {
    const pad = ' '.repeat(indent);
    const lines = [];
    for (const [k, v] of Object.entries(map)) {
      if (lines.length && this.rng.chance(0.02)) lines.push(`${pad}# ${this.rng.pick(COMMENTS)}`);
      const [anchor, aliased] = this.anchorFor(k, v);
      if (aliased) {
        lines.push(`${pad}${this.key(k)}: ${anchor}`);
      } else if (!isCollection(v)) {
        const comment = this.rng.chance(0.02) ? `  # ${this.rng.pick(COMMENTS)}` : '';
        lines.push(`${pad}${this.key(k)}: ${anchor}${this.scalar(v)}${comment}`.trimEnd());
      } else if (this.wantsFlow(v)) {
        lines.push(`${pad}${this.key(k)}: ${anchor}${this.flow(v)}`);
      } else {
        lines.push(`${pad}${this.key(k)}:${anchor ? ` ${anchor.trim()}` : ''}`);
        // A block list may sit at its key's own indentation ("compact" style).
        const inner = Array.isArray(v) && this.rng.chance(0.05) ? indent : indent + 2;
        lines.push(...this.block(v, inner));
      }
    }
    return lines;
  }

  /** Lines of a block list at `indent`. */
  blockList(list, indent) {
    const pad = ' '.repeat(indent);
    const lines = [];
    for (const item of list) {
      if (!isCollection(item)) {
        lines.push(`${pad}- ${this.scalar(item)}`);
      } else if (this.wantsFlow(item) || Array.isArray(item)) {
        lines.push(`${pad}- ${this.flow(item)}`);
      } else {
        const inner = this.blockMap(item, indent + 2);
        inner[0] = `${pad}- ${inner[0].trimStart()}`;
        lines.push(...inner);
      }
    }
    return lines;
  }

  block(v, indent) {
    return Array.isArray(v) ? this.blockList(v, indent) : this.blockMap(v, indent);
  }
}

/** How often each authorization list occurs, so repeated ones can get an anchor. */
function countAuthorizationLists(doc) {
  const counts = new Map();
  const walk = (v) => {
    if (v instanceof Flow) return walk(v.value);
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isMap(v)) return undefined;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'authorization') {
        const sig = JSON.stringify(x);
        counts.set(sig, (counts.get(sig) ?? 0) + 1);
      }
      walk(x);
    }
    return undefined;
  };
  walk(doc);
  return counts;
}

/**
 * The YAML text of `doc` (a map of top-level sections), with `header` comment lines first.
 * Top-level sections are separated by blank lines, as people write them.
 */
export function emitYaml(doc, rng, header = []) {
  const em = new Emitter(rng, doc);
  const out = header.map((h) => `# ${h}`);
  if (rng.chance(0.05)) out.push('---');
  if (rng.chance(0.03)) {
    out.push(em.flow(doc));
  } else {
    for (const [k, v] of Object.entries(doc)) {
      if (out.length) out.push('');
      out.push(...em.blockMap({ [k]: v }, 0));
    }
  }
  if (rng.chance(0.02)) out.push('...');
  return `${out.join('\n')}\n`;
}
