#!/usr/bin/env python3
"""A synthetic OpenAPI 3.0.3 spec with N operations, for spec -> crate comparisons.

    synth_spec.py N OUT.yaml

N / 5 resources, each with list / create / show / update / delete (GET and POST on
`/v1/{project_id}/<res>s`, GET, PUT and DELETE on `/v1/{project_id}/<res>s/{<res>_id}`).
Every resource has a model with scalars of every kind, an enum, a nested object and
an array of nested objects; create and update take a request body, list has paging
query parameters. Plain OpenAPI (no `x-` extensions), deterministic, valid for all
three tools (ours, cargo-progenitor, openapi-generator).
"""

import json
import sys

WORDS = ["volume", "server", "network", "subnet", "router", "bucket", "queue", "topic", "key", "alarm",
         "policy", "image", "snapshot", "backup", "cluster", "node", "job", "dataset", "model", "service"]


def pascal(s):
    return "".join(p.capitalize() for p in s.split("_"))


def resource_names(n):
    names = []
    i = 0
    while len(names) < n:
        w = WORDS[i % len(WORDS)]
        names.append(w if i < len(WORDS) else f"{w}{i // len(WORDS) + 1}")
        i += 1
    return names


def schemas_for(res):
    p = pascal(res)
    ref = lambda name: {"$ref": f"#/components/schemas/{name}"}
    return {
        f"{p}Tag": {"type": "object", "required": ["key"], "properties": {
            "key": {"type": "string", "description": "Tag key.", "maxLength": 36},
            "value": {"type": "string", "description": "Tag value."}}},
        f"{p}Spec": {"type": "object", "properties": {
            "size": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 65536, "description": "Size in GiB."},
            "ratio": {"type": "number", "format": "double", "description": "A ratio."},
            "encrypted": {"type": "boolean", "description": "Whether it is encrypted."}}},
        p: {"type": "object", "required": ["id", "name", "status"], "properties": {
            "id": {"type": "string", "description": f"The {res} ID."},
            "name": {"type": "string", "description": f"The {res} name.", "minLength": 1, "maxLength": 64},
            "description": {"type": "string", "description": "Free text."},
            "status": {"type": "string", "enum": ["creating", "available", "error", "deleting"], "description": "Status."},
            "created_at": {"type": "string", "format": "date-time", "description": "Creation time."},
            "count": {"type": "integer", "format": "int64", "description": "A counter."},
            "spec": ref(f"{p}Spec"),
            "tags": {"type": "array", "items": ref(f"{p}Tag"), "description": "Tags."},
            "metadata": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Metadata."}}},
        f"Create{p}Request": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string", "description": f"The {res} name."},
            "description": {"type": "string", "description": "Free text."},
            "spec": ref(f"{p}Spec"),
            "tags": {"type": "array", "items": ref(f"{p}Tag")}}},
        f"Update{p}Request": {"type": "object", "properties": {
            "name": {"type": "string"}, "description": {"type": "string"}}},
        f"List{p}sResponse": {"type": "object", "required": [f"{res}s"], "properties": {
            f"{res}s": {"type": "array", "items": ref(p)},
            "count": {"type": "integer", "format": "int32", "description": "Total number."}}},
    }


def json_response(schema_name, description="OK"):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def spec(n_ops):
    n_res = max(1, n_ops // 5)
    paths, schemas = {}, {}
    project = {"name": "project_id", "in": "path", "required": True, "description": "Project ID.",
               "schema": {"type": "string"}}
    for res in resource_names(n_res):
        p = pascal(res)
        schemas.update(schemas_for(res))
        idp = {"name": f"{res}_id", "in": "path", "required": True, "description": f"The {res} ID.",
               "schema": {"type": "string"}}
        body = lambda name: {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{name}"}}}}
        paths[f"/v1/{{project_id}}/{res}s"] = {
            "get": {"operationId": f"List{p}s", "summary": f"List {res}s", "tags": [p], "parameters": [
                project,
                {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "format": "int32"}},
                {"name": "marker", "in": "query", "required": False, "schema": {"type": "string"}},
                {"name": "name", "in": "query", "required": False, "schema": {"type": "string"}}],
                "responses": {"200": json_response(f"List{p}sResponse")}},
            "post": {"operationId": f"Create{p}", "summary": f"Create a {res}", "tags": [p], "parameters": [project],
                     "requestBody": body(f"Create{p}Request"), "responses": {"201": json_response(p, "Created")}},
        }
        paths[f"/v1/{{project_id}}/{res}s/{{{res}_id}}"] = {
            "get": {"operationId": f"Show{p}", "summary": f"Show a {res}", "tags": [p], "parameters": [project, idp],
                    "responses": {"200": json_response(p)}},
            "put": {"operationId": f"Update{p}", "summary": f"Update a {res}", "tags": [p], "parameters": [project, idp],
                    "requestBody": body(f"Update{p}Request"), "responses": {"200": json_response(p)}},
            "delete": {"operationId": f"Delete{p}", "summary": f"Delete a {res}", "tags": [p],
                       "parameters": [project, idp], "responses": {"204": {"description": "Deleted"}}},
        }
    return {"openapi": "3.0.3",
            "info": {"title": f"Synthetic {n_ops}-operation API", "version": "0.1.0"},
            "servers": [{"url": "https://synthetic.example.com"}],
            "paths": paths, "components": {"schemas": schemas}}


if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    # JSON is YAML; every tool reads it, and no YAML library is needed.
    with open(out, "w", encoding="utf-8") as f:
        json.dump(spec(n), f, indent=1)
        f.write("\n")
