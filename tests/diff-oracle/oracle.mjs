#!/usr/bin/env node
// Differential test of `dschemac diff` against the real deployment and the real
// graphql-inspector. For each pair (OLD.yaml, NEW.yaml):
//   - the SDL of each side is @aws-amplify/data-schema 1.26.2's (the conformance oracle);
//   - each SDL goes through the Amplify transformer (an AmplifyGraphqlApi of
//     @aws-amplify/graphql-api-construct in a CDK app, nothing sent to AWS): its
//     AWS::DynamoDB::Table resources give each model's key schema and GSIs, its schema
//     asset the client-facing schema;
//   - the tables of the two sides give each model's verdict (created, deleted, replaced
//     when the key schema or a key attribute's type differs, updated when the GSIs
//     differ, else unchanged) and the GSI operations (one a GSI created or deleted, two a
//     GSI of the same name declared differently);
//   - @graphql-inspector/core diffs the two client schemas;
// and `dschemac diff --diagnostics-format=json --fail-on=any OLD NEW` must say the same:
// the same verdict, GSI operations and GSI count for every model, and the same client
// API changes (change type, path, level), less the deliberate differences of
// dschemac(1): the transformer's shared helper types, directive usages (rules, which
// dschemac reports as AUTH_WIDENED / AUTH_NARROWED instead) and the schema definition's
// root types (SCHEMA_*_TYPE_CHANGED: the TYPE_ADDED of Subscription says it).
//
//   node oracle.mjs --pairs FILE     lines "NAME OLD.yaml NEW.yaml"
//   node oracle.mjs --random N FROM  N random pairs: generator seeds FROM.. and an edit each
//
// Prints one line a pair (OK, SKIP with a reason, FAIL with the differences) and closes
// with "N passed, N failed, N skipped". Environment: DSCHEMAC (the compiler), KEEP (a
// folder to keep failing pairs in).
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { App, Stack, Duration } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AmplifyGraphqlApi, AmplifyGraphqlDefinition } from '@aws-amplify/graphql-api-construct';
import { buildSchema } from 'graphql';
import { diff as inspectorDiff } from '@graphql-inspector/core';
import { runOracle, OK } from '../conformance/oracle/oracle.mjs';
import { randomPair } from './edits.mjs';

const DSCHEMAC = process.env.DSCHEMAC || new URL('../../build/dschemac', import.meta.url).pathname;
const KEEP = process.env.KEEP || '';

/* ------------------------------------------------------------ deployment */

function lambda(stack, id) {
  return new LambdaFunction(stack, id, {
    runtime: Runtime.NODEJS_20_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => null'),
  });
}

/** The key schema of a table or GSI as one comparable string: "id:S" or "pk:S sk:N". */
function keyText(keySchema, types) {
  return keySchema.map((k) => `${k.AttributeName}:${types[k.AttributeName] || '?'}`).join(' ');
}

/** A projection as one string ("ALL", "INCLUDE a,b"). */
function projectionText(p) {
  if (!p) return 'ALL';
  return p.ProjectionType + (p.NonKeyAttributes ? ' ' + [...p.NonKeyAttributes].join(',') : '');
}

/** Synthesizes one SDL: { tables: {Model: {key, gsis: {name: text}}}, schema }. */
export function deploy(sdl) {
  const app = new App();
  const stack = new Stack(app, 'Diff', { env: { account: '123456789012', region: 'us-east-1' } });
  const role = (id) => new Role(stack, id, { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
  const names = new Set([...sdl.matchAll(/@function\(name: "([^"]+)"\)/g)].map((m) => m[1]));
  const api = new AmplifyGraphqlApi(stack, 'Api', {
    definition: AmplifyGraphqlDefinition.fromString(sdl),
    functionNameMap: Object.fromEntries([...names].map((n) => [n, lambda(stack, `Fn${n}`)])),
    authorizationModes: {
      defaultAuthorizationMode: 'API_KEY',
      apiKeyConfig: { expires: Duration.days(7) },
      userPoolConfig: { userPool: new UserPool(stack, 'UserPool') },
      oidcConfig: {
        oidcProviderName: 'oidc', oidcIssuerUrl: 'https://example.com',
        tokenExpiryFromAuth: Duration.hours(1), tokenExpiryFromIssue: Duration.hours(1),
      },
      iamConfig: {
        identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
        authenticatedUserRole: role('AuthRole'), unauthenticatedUserRole: role('UnauthRole'),
      },
      lambdaConfig: { function: lambda(stack, 'Authorizer'), ttl: Duration.minutes(5) },
    },
  });
  const tables = {};
  for (const [model, table] of Object.entries(api.resources.cfnResources.cfnTables)) {
    const cfn = Stack.of(table).resolve(table._toCloudFormation());
    const props = Object.values(cfn.Resources)[0].Properties;
    const types = Object.fromEntries(props.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType]));
    const gsis = {};
    for (const g of props.GlobalSecondaryIndexes || [])
      gsis[g.IndexName] = `${keyText(g.KeySchema, types)} ${projectionText(g.Projection)}`;
    tables[model] = { key: keyText(props.KeySchema, types), gsis };
  }
  const schemaResource = api.resources.cfnResources.cfnGraphqlSchema;
  const location = Stack.of(schemaResource).resolve(schemaResource.definitionS3Location);
  const asset = join(app.outdir, `asset.${location.split('/').pop()}`);
  const schema = readFileSync(asset, 'utf8');
  rmSync(app.outdir, { recursive: true, force: true });
  return { tables, schema };
}

/** What the deployment does to every model's table. */
function tableVerdicts(before, after) {
  const out = {};
  for (const [model, t] of Object.entries(after.tables)) {
    const o = before.tables[model];
    const count = Object.keys(t.gsis).length;
    if (!o) { out[model] = { table: 'created', gsiOperations: 0, gsiCount: count }; continue; }
    if (o.key !== t.key) { out[model] = { table: 'replaced', gsiOperations: 0, gsiCount: count }; continue; }
    let ops = 0;
    for (const [name, text] of Object.entries(o.gsis)) ops += !(name in t.gsis) ? 1 : t.gsis[name] !== text ? 2 : 0;
    for (const name of Object.keys(t.gsis)) ops += name in o.gsis ? 0 : 1;
    out[model] = { table: ops ? 'updated' : 'unchanged', gsiOperations: ops, gsiCount: count };
  }
  for (const model of Object.keys(before.tables))
    if (!(model in after.tables)) out[model] = { table: 'deleted', gsiOperations: 0, gsiCount: 0 };
  return out;
}

/* ------------------------------------------------------------ client API */

// The transformer's shared helpers (dschemac(1): not compared): the scalar filter and
// condition inputs, the key condition inputs, the composite key inputs, the sort enums.
const HELPER = [
  /^Model(Subscription)?(String|ID|Int|Float|Boolean|Size)Input$/, /^Model(String|ID|Int|Float)KeyConditionInput$/,
  /^ModelSortDirection$/, /^ModelAttributeTypes$/, /^Model.*CompositeKey(Condition)?Input$/,
  /^AWS[A-Za-z]+$/,
];
const isHelper = (name) => HELPER.some((re) => re.test(name));
const LEVEL = { BREAKING: 'breaking', DANGEROUS: 'dangerous', NON_BREAKING: 'non-breaking' };

const AWS_SCALARS = ['AWSDate', 'AWSTime', 'AWSDateTime', 'AWSTimestamp', 'AWSEmail', 'AWSJSON', 'AWSPhone', 'AWSURL', 'AWSIPAddress'];

/** An AppSync schema as graphql-js builds it: its scalars declared, its directives trusted. */
function appsyncSchema(sdl) {
  const missing = AWS_SCALARS.filter((n) => !new RegExp(`scalar ${n}\\b`).test(sdl));
  return buildSchema(`${missing.map((n) => `scalar ${n}`).join('\n')}\n${sdl}`, { assumeValidSDL: true });
}

/** graphql-inspector's changes, as "TYPE path level" strings. */
async function inspectorChanges(oldSdl, newSdl) {
  const changes = await inspectorDiff(appsyncSchema(oldSdl), appsyncSchema(newSdl));
  return changes
    .filter((c) => !/^(DIRECTIVE|SCHEMA_)|DESCRIPTION|DEPRECATION/.test(c.type))
    .filter((c) => !isHelper((c.path || '').split('.')[0]))
    .map((c) => `${c.type} ${c.path} ${LEVEL[c.criticality.level] || c.criticality.level}`);
}

/* ------------------------------------------------------------ dschemac */

const API_KINDS = /^(TYPE|FIELD|INPUT_FIELD|ENUM_VALUE)_/;

/** dschemac diff's verdicts and client changes; null with a reason when it fails. */
function dschemacDiff(oldPath, newPath) {
  const r = spawnSync(DSCHEMAC, ['diff', '--diagnostics-format=json', '--fail-on=any', oldPath, newPath], { encoding: 'utf8' });
  if (r.status === 2) {
    const first = r.stderr.split('\n').find((l) => l.startsWith('{'));
    const code = first ? JSON.parse(first).code : '';
    if (/^DS0/.test(code)) return { rejected: `${code} ${JSON.parse(first).message}` };
  }
  if (r.status !== 0 && r.status !== 1) return { error: `dschemac diff exit ${r.status}: ${r.stderr.slice(0, 300)}` };
  const tables = {}, changes = [];
  for (const line of r.stderr.split('\n').filter(Boolean)) {
    const obj = JSON.parse(line);
    if (obj.model) tables[obj.model] = { table: obj.table, gsiOperations: obj.gsiOperations, gsiCount: obj.gsiCount };
    else if (API_KINDS.test(obj.change) && !isHelper(obj.path.split('.')[0])) changes.push(`${obj.change} ${obj.path} ${obj.level}`);
  }
  return { tables, changes };
}

/* ------------------------------------------------------------ one pair */

const sdlCache = new Map();
const deployCache = new Map();

/** The data-schema SDL of a YAML text, or null. */
async function sdlOf(yamlText) {
  if (!sdlCache.has(yamlText)) {
    const r = await runOracle(yamlText, { withIntrospection: false });
    sdlCache.set(yamlText, r.status === OK ? r.sdl : null);
  }
  return sdlCache.get(yamlText);
}

/** The deployment of an SDL (cached: golden pairs share sides). */
function deployed(sdl) {
  if (!deployCache.has(sdl)) deployCache.set(sdl, deploy(sdl));
  return deployCache.get(sdl);
}

/** The differences between two multisets of strings, as "-x" / "+y" lines. */
function setDiff(want, got) {
  const count = new Map();
  for (const w of want) count.set(w, (count.get(w) || 0) + 1);
  for (const g of got) count.set(g, (count.get(g) || 0) - 1);
  const out = [];
  for (const [k, n] of count) {
    if (n > 0) out.push(`  inspector only: ${k}`);
    if (n < 0) out.push(`  dschemac only:  ${k}`);
  }
  return out.sort();
}

/** Compare one pair; returns { status: 'OK'|'FAIL'|'SKIP', detail }. */
async function comparePair(oldPath, newPath) {
  const oldSdl = await sdlOf(readFileSync(oldPath, 'utf8'));
  const newSdl = await sdlOf(readFileSync(newPath, 'utf8'));
  if (oldSdl === null || newSdl === null) return { status: 'SKIP', detail: 'data-schema rejects a side' };
  const mine = dschemacDiff(oldPath, newPath);
  // dschemac rejecting what data-schema accepts is the conformance suite's business (and
  // deliberate where FORMAT.md says so): no diff to compare.
  if (mine.rejected) return { status: 'SKIP', detail: `dschemac rejects a side: ${mine.rejected}` };
  if (mine.error) return { status: 'FAIL', detail: mine.error };
  let before, after;
  try {
    before = deployed(oldSdl);
    after = deployed(newSdl);
  } catch (err) {
    return { status: 'SKIP', detail: `the transformer rejects a side: ${String(err.message).split('\n')[0].slice(0, 200)}` };
  }
  const problems = [];
  const verdicts = tableVerdicts(before, after);
  for (const model of new Set([...Object.keys(verdicts), ...Object.keys(mine.tables)])) {
    const want = JSON.stringify(verdicts[model]), got = JSON.stringify(mine.tables[model]);
    if (want !== got) problems.push(`  table ${model}: deployment ${want}, dschemac ${got}`);
  }
  let theirs;
  try {
    theirs = await inspectorChanges(before.schema, after.schema);
  } catch (err) {  // the transformer's schema names a type it does not define
    return { status: 'SKIP', detail: `graphql-js cannot build a transformed schema: ${String(err.message).split('\n')[0]}` };
  }
  problems.push(...setDiff(theirs, mine.changes));
  return problems.length ? { status: 'FAIL', detail: problems.join('\n') } : { status: 'OK' };
}

/* ------------------------------------------------------------ driver */

async function main(argv) {
  const pairs = [];
  let work = null;
  if (argv[0] === '--pairs') {
    for (const line of readFileSync(argv[1], 'utf8').split('\n').filter(Boolean)) {
      const [name, o, n] = line.split(' ');
      pairs.push({ name, old: o, new: n });
    }
  } else if (argv[0] === '--random') {
    const n = Number(argv[1]), from = Number(argv[2] || 1);
    work = mkdtempSync(join(tmpdir(), 'diff-oracle-'));
    for (let seed = from; seed < from + n; seed++) {
      const { oldText, newText, edit } = randomPair(seed);
      const o = join(work, `pair-${seed}.old.yaml`), nw = join(work, `pair-${seed}.new.yaml`);
      writeFileSync(o, oldText);
      writeFileSync(nw, newText);
      pairs.push({ name: `random-${seed} (${edit})`, old: o, new: nw });
    }
  } else {
    console.error('usage: oracle.mjs --pairs FILE | --random N [FROM]');
    process.exit(2);
  }
  const tally = { OK: 0, FAIL: 0, SKIP: 0 };
  for (const p of pairs) {
    let r;
    try {
      r = await comparePair(p.old, p.new);
    } catch (err) {
      r = { status: 'FAIL', detail: `the oracle failed: ${String(err.stack || err).split('\n').slice(0, 3).join(' | ')}` };
    }
    tally[r.status]++;
    console.log(`${r.status} ${p.name}${r.detail ? (r.status === 'SKIP' ? `: ${r.detail}` : `\n${r.detail}`) : ''}`);
    if (r.status === 'FAIL' && KEEP) {
      mkdirSync(KEEP, { recursive: true });
      const base = join(KEEP, p.name.split(' ')[0]);
      writeFileSync(`${base}.old.yaml`, readFileSync(p.old));
      writeFileSync(`${base}.new.yaml`, readFileSync(p.new));
    }
  }
  if (work && existsSync(work)) rmSync(work, { recursive: true, force: true });
  console.log(`diff-oracle: ${tally.OK} passed, ${tally.FAIL} failed, ${tally.SKIP} skipped`);
  process.exitCode = tally.FAIL ? 1 : 0;
}

// Run as a command, not when imported (to look at one side's deployment by hand).
if (import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) await main(process.argv.slice(2));
