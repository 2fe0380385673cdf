#!/usr/bin/env python3
"""Generate large dschema files for `make bench`.

    gen.py chain N      a chain of N models: each has seven scalars, the
                        reference field to its predecessor, and the
                        belongsTo / hasMany pair to its neighbours
    gen.py mix N        N models in blocks of ten, a realistic mix: enums,
                        custom types, composite identifiers, secondary
                        indexes, defaults, inline enums and custom types,
                        hasOne / hasMany / belongsTo, model and field rules

The file goes to standard output (or -o FILE). Every schema is valid under
FORMAT.md and accepted by @aws-amplify/data-schema 1.26.2, so that the bench
can compare dschemac with it on the same file. Output is deterministic.
"""
import argparse
import sys

SCALARS = [("title", "string!"), ("body", "string"), ("views", "integer"),
           ("rating", "float"), ("published", "boolean"), ("createdOn", "datetime"),
           ("contact", "email")]


def chain(n, out):
    """A chain of n models, Node0 <- Node1 <- ... (each points at its predecessor)."""
    out.write(f"# A chain of {n} models (bench/gen.py chain {n}).\n")
    out.write("authorization:\n  - publicApiKey\n\nmodels:\n")
    for i in range(n):
        out.write(f"  Node{i}:\n    fields:\n")
        for name, typ in SCALARS:
            out.write(f"      {name}: {typ}\n")
        if i > 0:
            out.write(f"      prevId: id\n")
            out.write(f"      prev: {{ belongsTo: Node{i - 1}, references: prevId }}\n")
        if i + 1 < n:
            out.write(f"      next: {{ hasMany: Node{i + 1}, references: prevId }}\n")


def mix_block(g, out):
    """Ten models of a multi-tenant application, numbered g."""
    out.write(f"""  Tenant{g}:
    identifier: [tenantId]
    authorization:
      - owner
      - {{ allow: groups, groups: [Admin] }}
    fields:
      tenantId: string!
      name: string!
      status: Status{g}!
      address: Address{g}
      settings: {{ customType: {{ theme: string, locale: string, beta: boolean }} }}
      projects: {{ hasMany: Project{g}, references: tenantId }}
      billing: {{ hasOne: Billing{g}, references: tenantId }}
      members: {{ hasMany: Member{g}, references: tenantId }}
    secondaryIndexes:
      - name
  Billing{g}:
    identifier: [tenantId]
    authorization:
      - {{ allow: groups, groups: [Admin, Billing] }}
      - {{ allow: owner, to: [read] }}
    fields:
      tenantId: string!
      plan: {{ enum: [FREE, PRO, ENTERPRISE] }}
      seats: {{ type: integer!, default: 5 }}
      renewsOn: date
      tenant: {{ belongsTo: Tenant{g}, references: tenantId }}
  Member{g}:
    identifier: [tenantId, email]
    fields:
      tenantId: string!
      email: email!
      role: Role{g}!
      invitedAt: datetime
      tenant: {{ belongsTo: Tenant{g}, references: tenantId }}
    secondaryIndexes:
      - {{ field: email, queryField: tenantsOfMember{g}, projection: KEYS_ONLY }}
  Project{g}:
    identifier: [tenantId, projectId]
    fields:
      tenantId: string!
      projectId: string!
      title: string!
      dueOn: date
      budget: {{ type: float, default: 0 }}
      archived: {{ type: boolean, default: false }}
      tenant: {{ belongsTo: Tenant{g}, references: tenantId }}
      tasks: {{ hasMany: Task{g}, references: [tenantId, projectId] }}
    secondaryIndexes:
      - field: tenantId
        sortKeys: [dueOn]
        name: byDue{g}
        queryField: projectsByDue{g}
  Task{g}:
    identifier: [tenantId, taskId]
    authorization:
      - owner
      - {{ allow: groups, groups: [Admin] }}
      - {{ allow: publicApiKey, to: [read] }}
    fields:
      tenantId: string!
      taskId: string!
      projectId: string!
      summary: string!
      done: {{ type: boolean, default: false }}
      priority: {{ enum: [LOW, MEDIUM, HIGH] }}
      estimate: {{ type: float, authorization: [{{ allow: groups, groups: [Admin] }}] }}
      tags: "[string!]"
      project: {{ belongsTo: Project{g}, references: [tenantId, projectId] }}
      comments: {{ hasMany: Comment{g}, references: [tenantId, taskId] }}
    secondaryIndexes:
      - {{ field: projectId, sortKeys: [summary] }}
  Comment{g}:
    fields:
      tenantId: string
      taskId: string
      task: {{ belongsTo: Task{g}, references: [tenantId, taskId] }}
      body: string!
      postedAt: datetime!
      edited: {{ type: boolean, default: false }}
      parentId: id
      parent: {{ belongsTo: Comment{g}, references: parentId }}
      replies: {{ hasMany: Comment{g}, references: parentId }}
  Asset{g}:
    disableOperations: [update, onUpdate]
    fields:
      url: url!
      size: integer
      checksum: string
      uploadedAt: timestamp
      kind: Status{g}
  Event{g}:
    identifier: [stream, at]
    disableOperations: [mutations]
    fields:
      stream: string!
      at: datetime!
      actor: string
      payload: json
      source: ipAddress
  Device{g}:
    fields:
      serial: string!
      phone: phone
      lastSeen: time
      label: {{ type: string, default: "new device" }}
      profileId: id
      profile: {{ belongsTo: Profile{g}, references: profileId }}
  Profile{g}:
    authorization:
      - {{ allow: ownerDefinedIn, field: ownerName }}
      - {{ allow: groups, groups: [Admin] }}
    fields:
      ownerName: string
      displayName: string!
      bio: string
      device: {{ hasOne: Device{g}, references: profileId }}
""")


def mix(n, out):
    """n models in blocks of ten (the last block cut short), then enums and types."""
    if n % 10:
        sys.exit("gen.py: mix needs a multiple of 10 models")
    blocks = n // 10
    out.write(f"# A realistic mix of {n} models (bench/gen.py mix {n}).\n")
    out.write("authorization:\n  - { allow: groups, groups: [Admin] }\n  - authenticated\n\n")
    out.write("models:\n")
    for g in range(blocks):
        mix_block(g, out)
    out.write("\nenums:\n")
    for g in range(blocks):
        out.write(f"  Status{g}: [ACTIVE, SUSPENDED, ARCHIVED]\n")
        out.write(f"  Role{g}: [OWNER, ADMIN, EDITOR, VIEWER]\n")
    out.write("\ntypes:\n")
    for g in range(blocks):
        out.write(f"  Address{g}:\n    line1: string!\n    city: string!\n"
                  f"    zip: string\n    country: {{ type: string }}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shape", choices=["chain", "mix"])
    ap.add_argument("models", type=int)
    ap.add_argument("-o", "--output")
    args = ap.parse_args()
    out = open(args.output, "w") if args.output else sys.stdout
    (chain if args.shape == "chain" else mix)(args.models, out)
    out.close()


if __name__ == "__main__":
    main()
