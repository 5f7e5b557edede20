//! The OpenAPI 3.0 document of the API, served at `/api/openapi.json`.
//! `tests/api.rs` keeps it true: every route of [`crate::routes`] is in it
//! with its method, every documented path answers on a test store, and
//! every documented query parameter is accepted (the handlers refuse
//! parameters they do not know).

use axum::Json;
use serde_json::{json, Value};

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn required(mut p: Value) -> Value {
    p["required"] = json!(true);
    p
}

fn path_param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": desc, "schema": schema})
}

fn s() -> Value {
    json!({"type": "string"})
}

fn int(min: i64, max: i64) -> Value {
    json!({"type": "integer", "minimum": min, "maximum": max})
}

fn bucket(default: &str) -> Value {
    param("bucket", "Time bucket.", json!({"type": "string", "enum": ["day", "week", "month"], "default": default}))
}

/// The filters every event view takes (those of `herald query`, plus `q`).
fn filters() -> Vec<Value> {
    vec![
        json!({"name": "actor", "in": "query", "required": false, "description": "Actor: a CAMEO code prefix (RUS, RUSGOV) or a name the knowledge base resolves (\"Vladimir Putin\"); may be repeated (any of them).", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true}),
        param("country", "Country (3-letter code) of the source, the target or the place.", s()),
        param("cameo", "CAMEO code or prefix (04, 041).", json!({"type": "string", "pattern": "^[0-9]{1,4}$"})),
        param("plover", "PLOVER event type (CONSULT, ASSAULT, ...).", s()),
        param("quad", "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.", int(1, 4)),
        param("since", "First event date, inclusive.", json!({"type": "string", "format": "date"})),
        param("until", "Last event date, inclusive.", json!({"type": "string", "format": "date"})),
        param("place", "Place name (substring).", s()),
        param("outlet", "Outlet or URL of a reporting document (substring).", s()),
        param("text", "Words in an evidence sentence or a title (substring).", s()),
        param("min_sources", "Only events reported by at least this many sources.", int(0, 4294967295)),
        param("min_claimants", "Only events told by at least this many distinct claimants (the Kremlin, KCNA, an outlet's own voice ...).", int(0, 4294967295)),
        param("party_only", "true: only events carried by a party's own word alone (its state media, or itself for force it used); false: only the others.", json!({"type": "boolean"})),
        param("q", "Search box: an actor code prefix, or a substring of a place, an evidence sentence, an actor phrase or a title.", s()),
    ]
}

fn with(mut v: Vec<Value>, more: &[Value]) -> Vec<Value> {
    v.extend_from_slice(more);
    v
}

fn ok(desc: &str, schema: Value) -> Value {
    json!({
        "200": {"description": desc, "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
    })
}

fn get(summary: &str, params: Vec<Value>, responses: Value) -> Value {
    json!({"get": {"summary": summary, "parameters": params, "responses": responses}})
}

fn obj(props: Value) -> Value {
    json!({"type": "object", "properties": props})
}

fn code_op() -> Value {
    json!({
        "summary": "Code posted text with herald's pipeline and return its events; with store=true also write the document and its events to the store.",
        "parameters": [
            param("store", "Also store the document and its events.", json!({"type": "boolean", "default": false})),
            param("date", "Publication date of the text (a JSON body's `date` wins).", json!({"type": "string", "format": "date"})),
        ],
        "requestBody": {"required": true, "content": {
            "text/plain": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
                "text": s(), "date": {"type": "string", "format": "date"}, "title": s(), "url": s(), "outlet": s(), "id": s()}}}
        }},
        "responses": {
            "200": {"description": "The events coded in the text (the shape of `herald code --out events`).", "content": {"application/json": {"schema": obj(json!({
                "document": obj(json!({"hash": s(), "id": s(), "date": s(), "lang": s(), "status": s()})),
                "events": {"type": "array", "items": {"type": "object"}},
                "stored": {"type": "boolean"}, "added": {"type": "boolean"}}))}}},
            "400": {"$ref": "#/components/responses/BadRequest"},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "413": {"description": "The body is larger than the server's limit."}
        }
    })
}

/// The document.
pub fn document() -> Value {
    let paging = [param("limit", "Page size.", int(1, 1000)), param("offset", "Skip this many first.", int(0, 100_000_000))];
    let series = json!({"type": "array", "items": obj(json!({"period": {"type": "string", "format": "date"}, "quad": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4}, "total": {"type": "integer"}, "goldstein_sum": {"type": "number"}}))});
    json!({
        "openapi": "3.0.3",
        "info": {"title": "herald", "version": env!("CARGO_PKG_VERSION"), "description": "Political event data (CAMEO and PLOVER) coded from news by herald, read from a herald store. Every list is newest first; every error is {\"error\": message}."},
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Only when the server was started with --token."}},
            "responses": {
                "BadRequest": {"description": "A parameter is unknown or malformed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "Unauthorized": {"description": "The server needs a bearer token.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "NotFound": {"description": "No such thing.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
                "Error": obj(json!({"error": s()})),
                "Event": obj(json!({
                    "id": {"type": "integer"}, "date": s(), "last_date": s(), "source": s(), "target": s(),
                    "cameo": s(), "cameo_name": s(), "root": s(), "plover": s(), "mode": s(), "quad_class": {"type": "integer"}, "goldstein": {"type": "number"},
                    "place": obj(json!({"name": s(), "country": s(), "kind": s(), "lat": {"type": "number"}, "lon": {"type": "number"}})),
                    "mentions": {"type": "integer"}, "sources": {"type": "integer"}, "articles": {"type": "integer"}, "corroborated": {"type": "boolean"}})),
                "Evidence": obj(json!({
                    "mention": {"type": "integer"}, "text": s(),
                    "highlights": {"type": "array", "items": obj(json!({"kind": {"type": "string", "enum": ["source", "target", "verb", "time", "place"]}, "start": {"type": "integer"}, "end": {"type": "integer"}, "text": s()}))},
                    "source_text": s(), "target_text": s(), "verb": s(), "time_text": s(), "pattern": s(), "cameo": s(), "date": s(),
                    "attribution": obj(json!({"code": s(), "text": s(), "cue": s()})), "modality": {"type": "object"},
                    "document": obj(json!({"hash": s(), "id": s(), "title": s(), "url": s(), "outlet": s(), "date": s()}))}))
            }
        },
        "security": [{}, {"bearer": []}],
        "paths": {
            "/api/health": get("Liveness, version and store size (never needs the token).", vec![],
                ok("Up.", obj(json!({"status": s(), "version": s(), "store": s(), "events": {"type": "integer"}, "documents": {"type": "integer"}, "auth": {"type": "boolean"}})))),
            "/api/openapi.json": get("This document.", vec![], ok("The OpenAPI document.", json!({"type": "object"}))),
            "/api/events": get("Events matching the filters of `herald query`, newest first, paged.", with(filters(), &paging),
                ok("A page of events.", obj(json!({"events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}, "limit": {"type": "integer"}, "offset": {"type": "integer"}, "has_more": {"type": "boolean"}, "next_offset": {"type": "integer", "nullable": true}})))),
            "/api/events/{id}": {"get": {"summary": "One event with every mention: the evidence sentence with source, target, verb, time and place marked, its attribution, modality and article.",
                "parameters": [path_param("id", "Event id.", json!({"type": "integer"}))],
                "responses": {"200": {"description": "The event.", "content": {"application/json": {"schema": {"allOf": [{"$ref": "#/components/schemas/Event"}, obj(json!({"evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}}}))]}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/api/timeline": get("Dated events matching the filters, by period and QuadClass (`quad[0]` is QuadClass 1).", with(filters(), &[bucket("day")]),
                ok("The series.", obj(json!({"bucket": s(), "series": series})))),
            "/api/network": get("The actor network: the heaviest source→target edges among the matching events, with their mean Goldstein score, and their nodes.", with(filters(), &[param("limit", "Most edges.", int(1, 5000))]),
                ok("Nodes and edges.", obj(json!({"nodes": {"type": "array", "items": obj(json!({"id": s(), "events": {"type": "integer"}, "goldstein_mean": {"type": "number", "nullable": true}}))},
                    "edges": {"type": "array", "items": obj(json!({"source": s(), "target": s(), "events": {"type": "integer"}, "goldstein_mean": {"type": "number", "nullable": true}}))}})))),
            "/api/places": get("Places of the matching events, with event counts and mean Goldstein score.", with(filters(), &[param("limit", "Most places.", int(1, 10000))]),
                ok("Places.", obj(json!({"places": {"type": "array", "items": obj(json!({"name": s(), "country": s(), "kind": s(), "lat": {"type": "number"}, "lon": {"type": "number"}, "events": {"type": "integer"}, "goldstein_mean": {"type": "number"}}))}})))),
            "/api/actors": get("Actor search: codes beginning with q, or actors the articles named with words containing q; most events first.",
                vec![param("q", "Code prefix or words.", s()), param("limit", "Most actors.", int(1, 1000))],
                ok("Actors.", obj(json!({"actors": {"type": "array", "items": obj(json!({"code": s(), "events": {"type": "integer"}, "names": {"type": "array", "items": s()}}))}})))),
            "/api/actors/{code}": {"get": {"summary": "One actor (exact code): the phrases used for it, its counterparts with counts both ways and mean Goldstein, and its events over time.",
                "parameters": [path_param("code", "CAMEO actor code.", s()), bucket("month"), param("limit", "Most counterparts.", int(1, 1000))],
                "responses": {"200": {"description": "The profile.", "content": {"application/json": {"schema": obj(json!({"code": s(), "names": {"type": "array", "items": s()}, "as_source": {"type": "integer"}, "as_target": {"type": "integer"}, "events": {"type": "integer"}, "goldstein_mean": {"type": "number"},
                        "counterparts": {"type": "array", "items": obj(json!({"code": s(), "outgoing": {"type": "integer"}, "incoming": {"type": "integer"}, "goldstein_mean": {"type": "number"}}))}, "bucket": s(), "timeline": series}))}}},
                    "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/api/dyad": get("The events between two actors (code prefixes or names) over time, each way, with Goldstein sums per period.",
                vec![required(param("a", "First actor.", s())), required(param("b", "Second actor.", s())), bucket("month")],
                ok("The dyad.", obj(json!({"a": s(), "b": s(), "bucket": s(), "events": {"type": "integer"}, "goldstein_sum": {"type": "number"},
                    "series": {"type": "array", "items": obj(json!({"period": s(), "a_to_b": {"type": "integer"}, "b_to_a": {"type": "integer"}, "goldstein_a_to_b": {"type": "number"}, "goldstein_b_to_a": {"type": "number"}}))}})))),
            "/api/documents": get("Stored documents, newest first.",
                with(vec![param("q", "Words in the title, outlet or id.", s()), param("coded", "Only documents with events.", json!({"type": "boolean"}))], &paging),
                ok("A page of documents.", obj(json!({"documents": {"type": "array", "items": {"type": "object"}}, "limit": {"type": "integer"}, "offset": {"type": "integer"}, "has_more": {"type": "boolean"}})))),
            "/api/documents/{id}": {"get": {"summary": "One document (row id or content hash) with its text cut into segments; a coded segment carries the events whose evidence covers it.",
                "parameters": [path_param("id", "Row id or content hash.", s())],
                "responses": {"200": {"description": "The document.", "content": {"application/json": {"schema": obj(json!({"id": {"type": "integer"}, "hash": s(), "title": s(), "date": s(), "url": s(), "outlet": s(), "text": s(),
                        "coded": {"type": "array", "items": {"type": "object"}},
                        "segments": {"type": "array", "items": obj(json!({"text": s(), "events": {"type": "array", "items": {"type": "integer"}}, "cameo": {"type": "array", "items": s()}, "quad_class": {"type": "integer"}}))}}))}}},
                    "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/api/stats": get("The figures of `herald stats --db`.", vec![], ok("Figures.", obj(json!({"documents": {"type": "integer"}, "events": {"type": "integer"}, "mentions": {"type": "integer"}})))),
            "/api/code": {"post": code_op()},
            "/code": {"post": code_op()},
        }
    })
}

/// `GET /api/openapi.json`.
pub async fn serve() -> Json<Value> {
    Json(document())
}
