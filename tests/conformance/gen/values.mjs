// Scalar types and default values. Each default is valid for its type (deployment
// validates @default values), and many are spelled the ways YAML 1.2 allows (0x1F, 0o17,
// 1e3, TRUE, ~, unquoted dates) so that dschemac's scalar reading is put to the test.

import { Raw } from './yaml-emit.mjs';

export const SCALARS = ['string', 'integer', 'float', 'boolean', 'id', 'date', 'time', 'datetime',
  'timestamp', 'email', 'json', 'phone', 'url', 'ipAddress'];

export const GRAPHQL_NAME = {
  string: 'String', integer: 'Int', float: 'Float', boolean: 'Boolean', id: 'ID', date: 'AWSDate',
  time: 'AWSTime', datetime: 'AWSDateTime', timestamp: 'AWSTimestamp', email: 'AWSEmail',
  json: 'AWSJSON', phone: 'AWSPhone', url: 'AWSURL', ipAddress: 'AWSIPAddress',
};

/** Types a primary key field may have (no Boolean, JSON or Float keys). */
export const IDENTIFIER_SCALARS = ['id', 'string', 'integer', 'date', 'datetime', 'time',
  'timestamp', 'email', 'phone', 'url', 'ipAddress'];

/** Types a secondary index key may have: scalars but Boolean and JSON (and enums). */
export const INDEX_SCALARS = SCALARS.filter((s) => s !== 'boolean' && s !== 'json');

const raw = (text, value) => new Raw(text, value);

/** Candidate defaults per type: a plain JS value, or a Raw spelling with its value. */
const DEFAULTS = {
  string: ['untitled', 'hello world', 'en-US', 'yes', 'off', 'n/a', "it's fine", 'café ☕',
    'a: b', '# not a comment', '[bracketed]', '  padded  ', 'Ünïcödé', 'naïve Zürich', '東京',
    '', raw('007', 7),
    raw('2023-12-25', '2023-12-25'), raw('1e3', 1000), 42],
  id: ['none', 'root', 'abc-123', raw('0x10', 16)],
  integer: [0, 1, 10, -5, 2147483647, raw('0x1F', 31), raw('0o17', 15), raw('+7', 7)],
  // JavaScript's number printing decides the text: 4.0 -> 4, -0.0 -> 0, 1e21 -> 1e+21,
  // 0.0000001 -> 1e-7, but 0.000001 and 1.25e20 print in full.
  float: [0.5, 9.99, -0.125, raw('4.0', 4), raw('2.50', 2.5), raw('1e3', 1000),
    raw('1.5e-7', 1.5e-7), raw('-2E+2', -200), 3, raw('123456789.125', 123456789.125), raw('.5', 0.5),
    raw('-0.0', -0), raw('1e21', 1e21), raw('1.25e20', 1.25e20), raw('0.000001', 0.000001),
    raw('0.0000001', 1e-7), 0.1, raw('0.30000000000000004', 0.30000000000000004)],
  boolean: [true, false, raw('TRUE', true), raw('False', false)],
  date: [raw('2000-01-01', '2000-01-01'), '2024-06-01'],
  time: ['07:30:00Z', '12:00:00.000Z'],
  datetime: ['2024-01-31T12:00:00.000Z', '1999-12-31T23:59:59Z'],
  timestamp: [1700000000, 0, raw('0x6553F100', 1700000000)],
  email: ['nobody@example.com', 'ops+alerts@example.org'],
  // No '"' or '\\' in any string: data-schema prints defaults raw, dschemac escapes them.
  json: ['[]', '{}', '[1, 2]', 42, true, raw('1e3', 1000)],
  phone: ['+14155552671'],
  url: ['https://example.com/profile', 'http://localhost:8080/x?y=1'],
  ipAddress: ['127.0.0.1', '10.0.0.1'],
};

/** A null default: prints "undefined", so only for string-like types. */
const NULLS = [null, raw('~', null), raw('null', null), raw('', null)];

/** A random default for `base`, or undefined when none fits. Returns { value, kind }. */
export function pickDefault(rng, base) {
  if ((base === 'string' || base === 'id') && rng.chance(0.1)) {
    return { value: rng.pick(NULLS), kind: 'null' };
  }
  const candidates = DEFAULTS[base];
  if (!candidates) return undefined;
  const value = rng.pick(candidates);
  const kind = value instanceof Raw ? `raw:${value.text === '' ? 'empty' : typeof value.value}`
    : typeof value;
  return { value, kind };
}
