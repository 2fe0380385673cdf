#!/usr/bin/env python3
"""Check dschemac's SARIF output against the shape SARIF 2.1.0 requires.

Runs `dschemac --check --diagnostics-format=sarif` on every invalid case of
the conformance corpus (tests/corpus/NAME.yaml with a NAME.err) and on every
golden diagnostics case (tests/diagnostics/NAME.yaml, with its NAME.args),
and checks each log against what the SARIF 2.1.0 schema
(sarif-schema-2.1.0.json, OASIS) demands of the parts dschemac writes, and
what GitHub code scanning reads:

  - sarifLog: version "2.1.0", a $schema URI, a non-empty runs array;
  - run.tool.driver: a name; rules[] each with an id (unique) and
    shortDescription.text;
  - results[]: ruleId, ruleIndex pointing at the rule with that id, level
    one of error/warning/note, message.text, locations[] with
    physicalLocation.artifactLocation.uri and a region whose startLine and
    startColumn are >= 1 (and whose end, when given, does not come before
    its start); relatedLocations likewise, each with an id and a message;
  - no property the schema does not define on these objects (the schema
    sets additionalProperties to false on each of them).

Python 3 standard library only. DSCHEMAC names the compiler (default
build/dschemac). Prints one line per failing log and a closing line
"sarif: N passed, M failed"; exits 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DSCHEMAC = os.environ.get("DSCHEMAC", os.path.join(ROOT, "build", "dschemac")).split()

# The properties sarif-schema-2.1.0.json defines on each object dschemac writes.
ALLOWED = {
    "sarifLog": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {
        "tool", "invocations", "conversion", "language", "versionControlProvenance",
        "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
        "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
        "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
        "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
        "translations", "policies", "webRequests", "webResponses", "specialLocations",
        "properties"},
    "tool": {"driver", "extensions", "properties"},
    "toolComponent": {
        "guid", "name", "organization", "product", "productSuite", "shortDescription",
        "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
        "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings",
        "notifications", "rules", "taxa", "locations", "language", "contents",
        "isComprehensive", "localizedDataSemanticVersion",
        "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
        "translationMetadata", "supportedTaxonomies", "properties"},
    "reportingDescriptor": {
        "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
        "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration",
        "helpUri", "help", "relationships", "properties"},
    "multiformatMessageString": {"text", "markdown", "properties"},
    "result": {
        "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
        "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
        "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations",
        "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri",
        "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse",
        "properties"},
    "message": {"text", "markdown", "id", "arguments", "properties"},
    "location": {
        "id", "physicalLocation", "logicalLocations", "message", "annotations",
        "relationships", "properties"},
    "physicalLocation": {"address", "artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {
        "startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
        "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"},
}

# A URI reference (RFC 3986): unreserved, reserved and percent-encoded characters.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$")


class Shape:
    """Collects what is wrong with one log, each problem with its JSON path."""

    def __init__(self):
        self.problems = []

    def fail(self, path, what):
        self.problems.append(f"{path}: {what}")

    def obj(self, value, path, kind):
        """value is an object with only the properties the schema gives kind."""
        if not isinstance(value, dict):
            self.fail(path, f"must be an object ({kind})")
            return False
        for key in sorted(set(value) - ALLOWED[kind]):
            self.fail(path, f"property {key!r} is not defined on {kind}")
        return True

    def string(self, value, path, nonempty=True):
        if not isinstance(value, str) or (nonempty and not value):
            self.fail(path, "must be a non-empty string")
            return False
        return True

    def integer(self, value, path, minimum):
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(path, f"must be an integer >= {minimum}")
            return False
        return True

    def array(self, value, path, nonempty=False):
        if not isinstance(value, list) or (nonempty and not value):
            self.fail(path, "must be a non-empty array" if nonempty else "must be an array")
            return False
        return True


def check_text(shape, value, path, kind="message"):
    """A message or multiformatMessageString with its text."""
    if shape.obj(value, path, kind):
        shape.string(value.get("text"), path + ".text")


def check_region(shape, region, path):
    if not shape.obj(region, path, "region"):
        return
    ok = shape.integer(region.get("startLine"), path + ".startLine", 1)
    ok = shape.integer(region.get("startColumn"), path + ".startColumn", 1) and ok
    if "endLine" in region:
        ok = shape.integer(region["endLine"], path + ".endLine", 1) and ok
    if "endColumn" in region:
        ok = shape.integer(region["endColumn"], path + ".endColumn", 1) and ok
    if not ok:
        return
    end_line = region.get("endLine", region["startLine"])
    if end_line < region["startLine"]:
        shape.fail(path, "endLine comes before startLine")
    elif end_line == region["startLine"] and region.get("endColumn", region["startColumn"]) < \
            region["startColumn"]:
        shape.fail(path, "endColumn comes before startColumn on one line")


def check_location(shape, location, path, related):
    if not shape.obj(location, path, "location"):
        return
    if related:
        shape.integer(location.get("id"), path + ".id", 0)
        check_text(shape, location.get("message"), path + ".message")
    physical = location.get("physicalLocation")
    p = path + ".physicalLocation"
    if not shape.obj(physical, p, "physicalLocation"):
        return
    artifact = physical.get("artifactLocation")
    if shape.obj(artifact, p + ".artifactLocation", "artifactLocation"):
        uri = artifact.get("uri")
        if shape.string(uri, p + ".artifactLocation.uri") and not URI_REFERENCE.match(uri):
            shape.fail(p + ".artifactLocation.uri", f"{uri!r} is not a URI reference")
    check_region(shape, physical.get("region"), p + ".region")


def check_rules(shape, driver, path):
    """The rules table; returns the rule ids by index."""
    rules = driver.get("rules")
    if not shape.array(rules, path + ".rules", nonempty=True):
        return []
    ids = []
    for i, rule in enumerate(rules):
        rp = f"{path}.rules[{i}]"
        if not shape.obj(rule, rp, "reportingDescriptor"):
            ids.append(None)
            continue
        shape.string(rule.get("id"), rp + ".id")
        check_text(shape, rule.get("shortDescription"), rp + ".shortDescription",
                   "multiformatMessageString")
        ids.append(rule.get("id"))
    for rule_id in sorted({x for x in ids if isinstance(x, str) and ids.count(x) > 1}):
        shape.fail(path + ".rules", f"the id {rule_id} is given twice")
    return ids


def check_result(shape, result, path, rule_ids):
    if not shape.obj(result, path, "result"):
        return
    rule_id = result.get("ruleId")
    shape.string(rule_id, path + ".ruleId")
    index = result.get("ruleIndex")
    if shape.integer(index, path + ".ruleIndex", 0):
        if index >= len(rule_ids):
            shape.fail(path + ".ruleIndex", f"{index} is past the {len(rule_ids)} rules")
        elif rule_ids[index] != rule_id:
            shape.fail(path + ".ruleIndex", f"rules[{index}] is {rule_ids[index]}, not {rule_id}")
    if result.get("level") not in ("error", "warning", "note"):
        shape.fail(path + ".level", f"{result.get('level')!r} is not error, warning or note")
    check_text(shape, result.get("message"), path + ".message")
    locations = result.get("locations")
    if shape.array(locations, path + ".locations", nonempty=True):
        for i, location in enumerate(locations):
            check_location(shape, location, f"{path}.locations[{i}]", related=False)
    related = result.get("relatedLocations", [])
    if shape.array(related, path + ".relatedLocations"):
        for i, location in enumerate(related):
            check_location(shape, location, f"{path}.relatedLocations[{i}]", related=True)


def check_log(log):
    """What is wrong with one SARIF log (an empty list when nothing is)."""
    shape = Shape()
    if not shape.obj(log, "$", "sarifLog"):
        return shape.problems
    if log.get("version") != "2.1.0":
        shape.fail("$.version", f"{log.get('version')!r} is not \"2.1.0\"")
    schema = log.get("$schema")
    if shape.string(schema, "$.$schema") and not re.match(r"^https?://\S+$", schema):
        shape.fail("$.$schema", f"{schema!r} is not a URI")
    runs = log.get("runs")
    if not shape.array(runs, "$.runs", nonempty=True):
        return shape.problems
    for r, run in enumerate(runs):
        path = f"$.runs[{r}]"
        if not shape.obj(run, path, "run"):
            continue
        tool = run.get("tool")
        rule_ids = []
        if shape.obj(tool, path + ".tool", "tool"):
            driver = tool.get("driver")
            if shape.obj(driver, path + ".tool.driver", "toolComponent"):
                shape.string(driver.get("name"), path + ".tool.driver.name")
                rule_ids = check_rules(shape, driver, path + ".tool.driver")
        results = run.get("results")
        if shape.array(results, path + ".results", nonempty=True):
            for i, result in enumerate(results):
                check_result(shape, result, f"{path}.results[{i}]", rule_ids)
    return shape.problems


def cases():
    """(label, working directory, extra arguments, file) of every log to check."""
    corpus = os.path.join(ROOT, "tests", "corpus")
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".err") and os.path.exists(os.path.join(corpus, name[:-4] + ".yaml")):
            yield "corpus/" + name[:-4], corpus, [], name[:-4] + ".yaml"
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".yaml"):
            continue
        args_file = os.path.join(HERE, name[:-5] + ".args")
        args = open(args_file).read().split() if os.path.exists(args_file) else []
        yield "diagnostics/" + name[:-5], HERE, args, name


def main():
    passed = failed = 0
    for label, cwd, args, name in cases():
        command = DSCHEMAC + ["--check"] + args + ["--diagnostics-format=sarif", name]
        run = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        try:
            problems = check_log(json.loads(run.stderr))
        except json.JSONDecodeError as e:
            problems = [f"standard error is not one JSON document: {e}"]
        if run.returncode not in (0, 1):
            problems.append(f"exit status {run.returncode}")
        if problems:
            failed += 1
            print(f"FAIL: {label}")
            for problem in problems[:10]:
                print(f"    {problem}")
        else:
            passed += 1
    print(f"sarif: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
