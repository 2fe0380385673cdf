#!/usr/bin/env python3
"""Validate `dschemac -f json` against schemas/dschema-output.schema.json.

For every valid case of the conformance corpus (tests/corpus/NAME.yaml with a
NAME.graphql beside it), runs `dschemac -f json NAME.yaml` and checks that:
  - the output is JSON text with 2-space indent and a final newline;
  - it validates against the JSON Schema (draft 2020-12), with the small
    validator below (the subset of JSON Schema the schema uses; no network,
    no third-party module) and, when the `jsonschema` module happens to be
    importable, with it too;
  - its relationships are consistent: the related model, the counterpart
    (which points back), the parent's identifier and the child's reference
    fields all exist and line up.

DSCHEMAC names the compiler, maybe with a wrapper ("valgrind -q build/dschemac").
Usage: tests/json_schema.py [CASE.yaml...]
"""
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCHEMA_PATH = os.path.join(ROOT, "schemas", "dschema-output.schema.json")

# ---------------------------------------------------------------- validator

ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class Validator:
    """The subset of JSON Schema 2020-12 that dschema-output.schema.json uses:
    type, enum, const, properties, required, additionalProperties, items,
    $ref (to #/$defs/...), anyOf, minimum, pattern. Any other keyword is an
    error, so the schema cannot silently outgrow the validator."""

    def __init__(self, root):
        self.root = root

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise ValueError(f"unsupported $ref {ref}")
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def errors(self, schema, value, path="$"):
        """Yield one message per violation."""
        for key in schema:
            if key not in ANNOTATIONS and key not in KEYWORDS:
                raise ValueError(f"schema keyword {key} is outside the validator's subset")
        if "$ref" in schema:
            yield from self.errors(self.resolve(schema["$ref"]), value, path)
        if "type" in schema:
            kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(TYPES[k](value) for k in kinds):
                yield f"{path}: {json.dumps(value)[:60]} is not of type {'/'.join(kinds)}"
                return
        if "const" in schema and not same(value, schema["const"]):
            yield f"{path}: {json.dumps(value)[:60]} is not {json.dumps(schema['const'])}"
        if "enum" in schema and not any(same(value, e) for e in schema["enum"]):
            yield f"{path}: {json.dumps(value)[:60]} is not one of {schema['enum']}"
        if "minimum" in schema and TYPES["number"](value) and value < schema["minimum"]:
            yield f"{path}: {value} is less than {schema['minimum']}"
        if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
            yield f"{path}: {value!r} does not match {schema['pattern']}"
        if "anyOf" in schema:
            if all(list(self.errors(s, value, path)) for s in schema["anyOf"]):
                yield f"{path}: {json.dumps(value)[:60]} matches none of anyOf"
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for name in schema.get("required", []):
                if name not in value:
                    yield f"{path}: missing required key {name}"
            for name, item in value.items():
                if name in props:
                    yield from self.errors(props[name], item, f"{path}.{name}")
                elif "additionalProperties" in schema:
                    extra = schema["additionalProperties"]
                    if extra is False:
                        yield f"{path}: unexpected key {name}"
                    elif isinstance(extra, dict):
                        yield from self.errors(extra, item, f"{path}.{name}")
        if isinstance(value, list) and "items" in schema:
            for i, item in enumerate(value):
                yield from self.errors(schema["items"], item, f"{path}[{i}]")


KEYWORDS = {"type", "enum", "const", "properties", "required", "additionalProperties",
            "items", "$ref", "anyOf", "minimum", "pattern"}


def same(a, b):
    """JSON equality (true is not 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


# ------------------------------------------------------------ relationships

def relationship_errors(doc):
    """Cross-checks the schema cannot express."""
    models = doc["models"]
    for mname, model in models.items():
        for fname, field in model["fields"].items():
            rel = field.get("relationship")
            if field["kind"] != "relationship":
                if rel is not None:
                    yield f"{mname}.{fname}: a {field['kind']} field with a relationship"
                continue
            where = f"{mname}.{fname}"
            if rel is None:
                yield f"{where}: relationship field without relationship"
                continue
            if rel["relatedModel"] not in models:
                yield f"{where}: related model {rel['relatedModel']} is not a model"
                continue
            cp = rel["counterpart"]
            if cp is None or cp["model"] != rel["relatedModel"]:
                yield f"{where}: counterpart {cp} is not on {rel['relatedModel']}"
                continue
            other = models[cp["model"]]["fields"].get(cp["field"])
            back = other and other.get("relationship")
            if not back or back["counterpart"] != {"model": mname, "field": fname}:
                yield f"{where}: counterpart {cp['model']}.{cp['field']} does not point back"
            elif (rel["kind"] == "belongsTo") == (back["kind"] == "belongsTo"):
                yield f"{where}: a {rel['kind']} paired with a {back['kind']}"
            parent, child = rel["parent"], rel["child"]
            want_parent = rel["relatedModel"] if rel["kind"] == "belongsTo" else mname
            want_child = mname if rel["kind"] == "belongsTo" else rel["relatedModel"]
            if parent["model"] != want_parent or child["model"] != want_child:
                yield f"{where}: parent {parent['model']} / child {child['model']} are the wrong way round"
                continue
            if parent["identifier"] != models[want_parent]["identifier"]:
                yield f"{where}: parent identifier {parent['identifier']} is not {want_parent}'s"
            if len(parent["identifier"]) != len(child["fields"]):
                yield f"{where}: {len(child['fields'])} reference fields for a {len(parent['identifier'])}-field identifier"
            if child["fields"] != rel["references"]:
                yield f"{where}: child fields {child['fields']} are not the references {rel['references']}"
            for ref in child["fields"]:
                if ref not in models[want_child]["fields"]:
                    yield f"{where}: reference field {ref} is not a field of {want_child}"


# --------------------------------------------------------------------- main

def corpus_cases():
    corpus = os.path.join(HERE, "corpus")
    return sorted(os.path.join(corpus, f) for f in os.listdir(corpus)
                  if f.endswith(".yaml") and os.path.exists(os.path.join(corpus, f[:-5] + ".graphql")))


def check_case(command, yaml_path, validator, library):
    """The failures of one case (an empty list when it passes)."""
    run = subprocess.run(command + ["-f", "json", os.path.basename(yaml_path)],
                         cwd=os.path.dirname(yaml_path), capture_output=True, text=True)
    if run.returncode != 0:
        return [f"exit {run.returncode}: {run.stderr.strip()[:300]}"]
    text = run.stdout
    try:
        doc = json.loads(text)
    except ValueError as e:
        return [f"not JSON: {e}"]
    problems = []
    if not text.startswith('{\n  "dschemaVersion": ') or not text.endswith("\n}\n"):
        problems.append("not in 2-space-indent form with a final newline")
    problems += list(validator.errors(validator.root, doc))
    if library:
        problems += [f"jsonschema: {e.message} at {list(e.absolute_path)}"
                     for e in library.iter_errors(doc)]
    if not problems:
        problems += list(relationship_errors(doc))
    return problems


def main(argv):
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    validator = Validator(schema)
    library = None
    try:  # a second opinion when the module is there; never required
        import jsonschema
        jsonschema.Draft202012Validator.check_schema(schema)
        library = jsonschema.Draft202012Validator(schema)
    except ImportError:
        pass
    command = shlex.split(os.environ.get("DSCHEMAC", os.path.join(ROOT, "build", "dschemac")))
    command = [os.path.abspath(c) if os.path.exists(c) else c for c in command]
    cases = [os.path.abspath(a) for a in argv] or corpus_cases()
    failed = 0
    for case in cases:
        problems = check_case(command, case, validator, library)
        if problems:
            failed += 1
            print(f"FAIL: {os.path.basename(case)} (-f json)")
            for p in problems[:10]:
                print(f"    {p}")
    print(f"json schema: {len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
