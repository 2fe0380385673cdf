// Checks schemas/dschema.schema.json the way an editor uses it: every valid
// dschema file must pass, every listed invalid one must be flagged at its line.
// Usage: node check.mjs SCHEMA CORPUS_DIR EXAMPLES_DIR
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parseDocument, LineCounter, isMap, isSeq, isAlias, isPair } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const [schemaPath, corpusDir, examplesDir] = process.argv.slice(2);
let passed = 0;
let failed = 0;

// fail NAME WHY [DETAILS]: count a failure and say why.
function fail(name, why, details = []) {
  failed++;
  console.log(`FAIL: ${name}: ${why}`);
  for (const line of details.slice(0, 8)) console.log(`    ${line}`);
}

// The schema under ajv's strict mode; the editor-only keywords are annotations.
function compileSchema() {
  const warnings = [];
  const logger = { log() {}, warn: (...a) => warnings.push(a.join(' ')), error: (...a) => warnings.push(a.join(' ')) };
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, strictTypes: 'log', logger });
  ajv.addVocabulary(['defaultSnippets', 'patternErrorMessage', 'errorMessage']);
  let validate = null;
  try {
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  } catch (e) {
    fail('schema', `does not compile: ${e.message}`);
    return null;
  }
  if (warnings.length) fail('schema', 'ajv strict mode warns', warnings);
  else passed++;
  return validate;
}

// A file read as dschemac reads it: YAML 1.2 core schema, unique keys, no merge keys.
function load(path) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), {
    version: '1.2', schema: 'core', merge: false, uniqueKeys: true, lineCounter,
  });
  const line = (offset) => lineCounter.linePos(offset).line;
  return { doc, line, yamlErrors: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line, message: e.message })) };
}

// The YAML node at a JSON pointer, with the key that holds it (null for list items).
function nodeAt(doc, pointer) {
  let node = doc.contents;
  let key = null;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(p.key?.value ?? p.key) === seg);
      if (!pair) return { node: null, key: null };
      key = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      key = null;
      node = node.items[Number(seg)];
    } else {
      return { node: null, key: null };
    }
  }
  return { node, key };
}

// The line an editor would mark for one ajv error: the offending key, else the
// key holding the offending value, else the value itself.
function errorLine(doc, line, error) {
  const { node, key } = nodeAt(doc, error.instancePath);
  const offending = error.params?.additionalProperty ?? error.params?.propertyName;
  if (offending !== undefined) {
    const child = nodeAt(doc, `${error.instancePath}/${offending.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (child.key?.range) return line(child.key.range[0]);
  }
  if (error.keyword === 'required' && key?.range) return line(key.range[0]);
  if (error.keyword === 'uniqueItems') {
    const later = nodeAt(doc, `${error.instancePath}/${Math.max(error.params.i, error.params.j)}`);
    if (later.node?.range) return line(later.node.range[0]);
  }
  if (node?.range) return line(node.range[0]);
  if (key?.range) return line(key.range[0]);
  return 0;
}

// What the YAML parser or else the schema says about a file: { yaml, problems },
// each problem a { line, message }.
function diagnose(validate, path) {
  const { doc, line, yamlErrors } = load(path);
  if (yamlErrors.length) return { yaml: true, problems: yamlErrors };
  if (validate(doc.toJS({ maxAliasCount: -1 }))) return { yaml: false, problems: [] };
  const problems = validate.errors.map((e) => ({
    line: errorLine(doc, line, e),
    message: `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`,
  }));
  return { yaml: false, problems };
}

// expectValid NAME PATH: the file passes the schema.
function expectValid(validate, name, path) {
  const { problems } = diagnose(validate, path);
  if (problems.length === 0) passed++;
  else fail(name, 'a valid file is rejected', problems.map((p) => `line ${p.line}: ${p.message}`));
}

// expectInvalid NAME PATH LINE WHY: the file is rejected, by the schema with a
// problem at LINE (the YAML parser places its own errors, e.g. at the end of an
// unclosed quote, so any YAML error will do).
function expectInvalid(validate, name, path, wantLine, why) {
  const { yaml, problems } = diagnose(validate, path);
  if (problems.length === 0) return fail(name, `accepted, but ${why}`);
  if (yaml || problems.some((p) => p.line === wantLine)) return passed++;
  fail(name, `rejected, but not at line ${wantLine}`, problems.map((p) => `line ${p.line}: ${p.message}`));
}

// The corpus cases listed in corpus-rejects.txt, one name a line (# comments).
function listedRejects() {
  return readFileSync(join(here, 'corpus-rejects.txt'), 'utf8')
    .split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

const yamlFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : []);

const validate = compileSchema();
if (validate) {
  // Valid: every corpus case with expected SDL, the bundled examples, our own.
  for (const f of yamlFiles(corpusDir)) {
    if (existsSync(join(corpusDir, f.replace(/\.yaml$/, '.graphql')))) expectValid(validate, `corpus/${f}`, join(corpusDir, f));
  }
  for (const f of yamlFiles(examplesDir)) expectValid(validate, `schemas/${f}`, join(examplesDir, f));
  for (const f of yamlFiles(join(here, 'valid'))) expectValid(validate, `editor/valid/${f}`, join(here, 'valid', f));

  // Invalid: the listed corpus cases, at the line their .err names.
  for (const name of listedRejects()) {
    const errPath = join(corpusDir, `${name}.err`);
    if (!existsSync(errPath)) {
      fail(`corpus/${name}`, 'listed in corpus-rejects.txt but has no .err in the corpus');
      continue;
    }
    const [where, why] = readFileSync(errPath, 'utf8').split('\n');
    expectInvalid(validate, `corpus/${name}.yaml`, join(corpusDir, `${name}.yaml`), Number(where.replace(/^line /, '')), why);
  }

  // Invalid: our own, each starting with "# line N: what is wrong".
  for (const f of yamlFiles(join(here, 'invalid'))) {
    const path = join(here, 'invalid', f);
    const m = /^# line (\d+): (.*)/.exec(readFileSync(path, 'utf8'));
    if (!m) fail(`editor/invalid/${f}`, 'does not start with "# line N: what is wrong"');
    else expectInvalid(validate, `editor/invalid/${f}`, path, Number(m[1]), m[2]);
  }
}

console.log(`editor: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
