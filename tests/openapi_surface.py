"""The surface of an OpenAPI schema that clients depend on: every path and method, its
parameters, the fields of its body and its status codes."""


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for alt in schema.get("anyOf", []) + schema.get("allOf", []):
        if "$ref" in alt or "properties" in alt:
            return _resolve(alt, spec)
    return schema


def surface(spec: dict) -> dict:
    out = {}
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            body = {}
            for ctype, content in (op.get("requestBody") or {}).get("content", {}).items():
                schema = _resolve(content.get("schema", {}), spec)
                body[ctype] = sorted(schema.get("properties", {}))
            out[f"{method.upper()} {path}"] = {
                "parameters": sorted(f"{p['in']}:{p['name']}" for p in op.get("parameters", [])),
                "body": body,
                "responses": sorted(op.get("responses", {})),
            }
    return out
