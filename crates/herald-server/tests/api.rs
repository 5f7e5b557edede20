//! The API on a store made from the bundled examples (`examples/*.txt`,
//! coded by the real pipeline with the dates of `examples/dates.tsv`):
//! JSON shapes, filters, paging, errors, the OpenAPI document, token auth,
//! the body limit, query interruption, `POST /api/code`, and hostile text.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use herald_pipeline::Pipeline;
use serde_json::Value;
use tower::ServiceExt;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// A store file with the examples, made once; tests that write copy it.
fn fixture() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("examples.db");
        let pipeline = Pipeline::new();
        let dates = std::fs::read_to_string(examples_dir().join("dates.tsv")).unwrap();
        let mut recs = Vec::new();
        for line in dates.lines().filter(|l| !l.trim().is_empty()) {
            let (file, date) = line.split_once('\t').unwrap();
            let text = std::fs::read_to_string(examples_dir().join(file)).unwrap();
            let doc = herald_core::Document {
                id: file.to_string(),
                date: herald_core::Date::parse(date.trim()),
                title: Some(format!("Example {file}")),
                url: Some(format!("https://example.org/{file}")),
                outlet: Some(if recs.len() % 2 == 0 { "Example Wire" } else { "Other Herald" }.to_string()),
                text,
                ..Default::default()
            };
            let hash = herald_formats::content_hash(&doc.text);
            recs.push(herald_server::record::doc_record(&pipeline, &hash, file, &doc));
        }
        let mut store = herald_store::Store::open(&path).unwrap();
        store.write_batch(&recs, 1).unwrap();
        (dir, path)
    });
    path
}

/// A consistent copy of the fixture (it is in WAL mode), for tests that write.
fn copy_of_fixture(dir: &tempfile::TempDir) -> PathBuf {
    let db = dir.path().join("copy.db");
    let src = rusqlite::Connection::open(fixture()).unwrap();
    src.execute("VACUUM INTO ?1", [db.to_str().unwrap()]).unwrap();
    db
}

fn app_for(db: &Path, token: Option<&str>, max_body: usize) -> Router {
    let st = herald_server::state(db, token.map(str::to_string), Duration::from_secs(10)).unwrap();
    herald_server::app(st, max_body, Duration::from_secs(30))
}

fn app() -> Router {
    app_for(fixture(), None, 1 << 20)
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Value, header::HeaderMap) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, v, headers)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (s, v, _) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    (s, v)
}

async fn ok(app: &Router, uri: &str) -> Value {
    let (s, v) = get(app, uri).await;
    assert_eq!(s, StatusCode::OK, "{uri}: {v}");
    v
}

fn enc(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

#[tokio::test]
async fn events_shape_filters_and_paging() {
    let app = app();
    let all = ok(&app, "/api/events?limit=1000").await;
    let events = all["events"].as_array().unwrap();
    assert!(events.len() >= 20, "the examples give events: {}", events.len());
    assert_eq!(all["has_more"], false);
    for k in ["id", "date", "source", "target", "cameo", "cameo_name", "root", "plover", "quad_class", "goldstein", "mentions", "sources", "articles", "corroborated", "place"] {
        assert!(events[0].get(k).is_some(), "event lacks {k}: {}", events[0]);
    }
    // newest first
    let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0][..7] >= w[1][..7]), "{dates:?}");

    // paging: pages are disjoint and cover the list
    let p1 = ok(&app, "/api/events?limit=5").await;
    let p2 = ok(&app, "/api/events?limit=5&offset=5").await;
    assert_eq!(p1["events"].as_array().unwrap().len(), 5);
    assert_eq!((p1["has_more"].as_bool(), p1["next_offset"].as_i64()), (Some(true), Some(5)));
    let ids = |v: &Value| v["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect::<Vec<_>>();
    let all_ids = ids(&all);
    assert_eq!(ids(&p1), all_ids[..5]);
    assert_eq!(ids(&p2), all_ids[5..10]);
    assert_eq!(ok(&app, "/api/events").await["limit"], 50);

    // filters, as herald query's
    let rus = ok(&app, "/api/events?actor=RUS&limit=1000").await;
    let rus = rus["events"].as_array().unwrap();
    assert!(!rus.is_empty());
    assert!(rus.iter().all(|e| e["source"].as_str().unwrap().starts_with("RUS") || e["target"].as_str().unwrap_or("").starts_with("RUS")));
    let named = ok(&app, "/api/events?actor=Vladimir%20Putin&limit=1000").await;
    assert!(named["events"].as_array().unwrap().iter().all(|e| e["source"] == "RUSGOV" || e["target"] == "RUSGOV"));
    let q4 = ok(&app, "/api/events?quad=4&limit=1000").await;
    assert!(!q4["events"].as_array().unwrap().is_empty());
    assert!(q4["events"].as_array().unwrap().iter().all(|e| e["quad_class"] == 4));
    let two = ok(&app, "/api/events?actor=ISR&actor=UKR&limit=1000").await;
    assert!(two["events"].as_array().unwrap().len() > ok(&app, "/api/events?actor=ISR&limit=1000").await["events"].as_array().unwrap().len());
    let ranged = ok(&app, "/api/events?since=2025-09-01&until=2025-09-30&limit=1000").await;
    assert!(!ranged["events"].as_array().unwrap().is_empty());
    assert!(ranged["events"].as_array().unwrap().iter().all(|e| e["date"].as_str().unwrap().starts_with("2025-09")));
    let cameo = ok(&app, "/api/events?cameo=19&limit=1000").await;
    assert!(cameo["events"].as_array().unwrap().iter().all(|e| e["root"] == "19"));
    let outlet = ok(&app, "/api/events?outlet=other%20herald&limit=1000").await;
    assert!(outlet["events"].as_array().unwrap().len() < events.len());
    // the search box: a code prefix, a place, words of the sentence
    for q in ["ISR", "Tyre", "shelled"] {
        let r = ok(&app, &format!("/api/events?q={q}")).await;
        assert!(!r["events"].as_array().unwrap().is_empty(), "q={q}");
    }

    // errors: 400 with a message naming the parameter, never 500
    for (uri, word) in [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?quad=7", "quad"),
        ("/api/events?since=yesterday", "since"),
        ("/api/events?since=2025-02-01&until=2025-01-01", "since"),
        ("/api/events?cameo=abc", "cameo"),
        ("/api/events?country=Russia", "country"),
        ("/api/events?actor=Nobody%20Atall%20Xyzzy", "actor"),
        ("/api/events?colour=red", "colour"),
        ("/api/timeline?bucket=year", "bucket"),
        ("/api/dyad?a=RUS", "b"),
        ("/api/documents?coded=maybe", "coded"),
    ] {
        let (s, v) = get(&app, uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert!(v["error"].as_str().unwrap().contains(word), "{uri}: {v}");
    }
    let (s, v) = get(&app, "/api/no/such/path").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].is_string());
}

#[tokio::test]
async fn one_event_with_marked_evidence() {
    let app = app();
    let list = ok(&app, "/api/events?limit=1000").await;
    let id = list["events"].as_array().unwrap().iter().find(|e| e["target"].is_string()).unwrap()["id"].as_i64().unwrap();
    let e = ok(&app, &format!("/api/events/{id}")).await;
    assert_eq!(e["id"], id);
    let ev = &e["evidence"].as_array().unwrap()[0];
    let text = ev["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let marks = ev["highlights"].as_array().unwrap();
    let kinds: Vec<&str> = marks.iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"source") && kinds.contains(&"verb"), "{kinds:?} in {text:?}");
    let mut last = 0;
    for m in marks {
        let (a, b) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert!(a >= last && b > a && b <= chars.len(), "marks are ordered and apart: {marks:?}");
        assert_eq!(chars[a..b].iter().collect::<String>(), m["text"].as_str().unwrap());
        last = b;
    }
    assert!(ev["document"]["url"].as_str().unwrap().starts_with("https://example.org/"));
    assert!(ev.get("attribution").is_some() && ev.get("modality").is_some());

    // every example sentence with an attribution says so
    let mut attributed = 0;
    for e in list["events"].as_array().unwrap() {
        let d = ok(&app, &format!("/api/events/{}", e["id"])).await;
        attributed += d["evidence"].as_array().unwrap().iter().filter(|m| m["attribution"].is_object()).count();
    }
    assert!(attributed > 0, "some example events are attributed");

    assert_eq!(get(&app, "/api/events/999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/events/abc").await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn views_timeline_network_places_actors_dyad_documents_stats() {
    let app = app();
    let n_events = ok(&app, "/api/stats").await["events"].as_i64().unwrap();
    let tl = ok(&app, "/api/timeline?bucket=week").await;
    let series = tl["series"].as_array().unwrap();
    let total: i64 = series.iter().map(|p| p["total"].as_i64().unwrap()).sum();
    assert!(total > 0 && total <= n_events);
    for p in series {
        let q: i64 = p["quad"].as_array().unwrap().iter().map(|x| x.as_i64().unwrap()).sum();
        assert!(q <= p["total"].as_i64().unwrap());
        // weeks are named by their Monday
        let d = herald_core::Date::parse(p["period"].as_str().unwrap()).unwrap();
        assert_eq!(d.to_days().rem_euclid(7), 4, "{} is a Monday", p["period"]);
    }
    let month = ok(&app, "/api/timeline?bucket=month&quad=4").await;
    assert!(month["series"].as_array().unwrap().iter().all(|p| p["period"].as_str().unwrap().ends_with("-01")));

    let net = ok(&app, "/api/network?limit=10").await;
    let edges = net["edges"].as_array().unwrap();
    assert!(!edges.is_empty() && edges.len() <= 10);
    let nodes: Vec<&str> = net["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert!(edges.iter().all(|e| nodes.contains(&e["source"].as_str().unwrap()) && nodes.contains(&e["target"].as_str().unwrap())));

    let places = ok(&app, "/api/places").await;
    let places = places["places"].as_array().unwrap();
    assert!(!places.is_empty());
    assert!(places.iter().all(|p| p["events"].as_i64().unwrap() > 0 && p["name"].is_string()));

    let actors = ok(&app, "/api/actors?q=isr").await;
    let first = &actors["actors"].as_array().unwrap()[0];
    assert!(first["code"].as_str().unwrap().starts_with("ISR"));
    let code = first["code"].as_str().unwrap().to_string();
    let prof = ok(&app, &format!("/api/actors/{code}")).await;
    assert_eq!(prof["events"].as_i64().unwrap(), first["events"].as_i64().unwrap());
    assert!(!prof["counterparts"].as_array().unwrap().is_empty());
    assert!(!prof["timeline"].as_array().unwrap().is_empty());
    assert_eq!(get(&app, "/api/actors/ZZZZZZ").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/actors/RUS%20GOV").await.0, StatusCode::BAD_REQUEST);
    // codes with an unknown country (---) are codes too
    let unknown = ok(&app, "/api/actors?q=---").await;
    if let Some(a) = unknown["actors"].as_array().unwrap().first() {
        let code = a["code"].as_str().unwrap();
        assert!(code.starts_with("---"));
        ok(&app, &format!("/api/actors/{code}")).await;
        assert!(!ok(&app, &format!("/api/events?actor={code}")).await["events"].as_array().unwrap().is_empty());
    }

    let dy = ok(&app, "/api/dyad?a=ISR&b=LBN&bucket=day").await;
    assert!(dy["events"].as_i64().unwrap() > 0, "{dy}");
    let g: f64 = dy["series"].as_array().unwrap().iter().map(|p| p["goldstein_a_to_b"].as_f64().unwrap() + p["goldstein_b_to_a"].as_f64().unwrap()).sum();
    assert!((g - dy["goldstein_sum"].as_f64().unwrap()).abs() < 1e-9);

    let docs = ok(&app, "/api/documents?coded=true&limit=3").await;
    assert_eq!(docs["documents"].as_array().unwrap().len(), 3);
    let d0 = &docs["documents"][0];
    for key in [d0["id"].to_string(), d0["hash"].as_str().unwrap().to_string()] {
        let d = ok(&app, &format!("/api/documents/{key}")).await;
        // the segments put the text back together, and the coded ones carry events
        let joined: String = d["segments"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
        assert_eq!(joined, d["text"].as_str().unwrap());
        assert!(d["segments"].as_array().unwrap().iter().any(|s| s["events"].is_array()));
    }
    assert_eq!(get(&app, "/api/documents/424242").await.0, StatusCode::NOT_FOUND);

    let st = ok(&app, "/api/stats").await;
    assert_eq!(st["documents"], 12);
    let h = ok(&app, "/api/health").await;
    assert_eq!((h["status"].as_str(), h["events"].as_i64()), (Some("ok"), Some(n_events)));
}

/// An example value for a documented parameter.
fn example(p: &Value) -> String {
    let schema = &p["schema"];
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.as_str().unwrap().to_string();
    }
    match (p["name"].as_str().unwrap(), schema["type"].as_str().unwrap_or("string")) {
        ("actor" | "a", _) => "RUS".into(),
        ("b", _) => "UKR".into(),
        ("country", _) => "ISR".into(),
        ("cameo", _) => "19".into(),
        ("plover", _) => "ASSAULT".into(),
        ("code", _) => "RUSGOV".into(),
        (_, "integer") => schema["minimum"].as_i64().unwrap_or(1).max(1).to_string(),
        (_, "boolean") => "true".into(),
        (_, _) if schema["format"] == "date" => "2025-01-01".into(),
        _ => "a".into(),
    }
}

#[tokio::test]
async fn openapi_document_is_true() {
    // POST /api/code?store=true writes: a copy
    let dir = tempfile::tempdir().unwrap();
    let app = app_for(&copy_of_fixture(&dir), None, 1 << 20);
    let doc = ok(&app, "/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    // every route is documented with its method, and nothing else is
    let routes: Vec<(String, String)> = herald_server::routes().into_iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let documented: Vec<(String, String)> = paths.iter().flat_map(|(p, ops)| ops.as_object().unwrap().keys().map(move |m| (m.clone(), p.clone()))).collect();
    for r in &routes {
        assert!(documented.contains(r), "route {r:?} is not in the OpenAPI document");
    }
    for d in &documented {
        assert!(routes.contains(d), "the OpenAPI document has {d:?}, which no route serves");
    }
    // every documented path answers, with every documented parameter given
    let event_id = ok(&app, "/api/events?limit=1").await["events"][0]["id"].as_i64().unwrap();
    let doc_id = ok(&app, "/api/documents?limit=1").await["documents"][0]["id"].as_i64().unwrap();
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let mut uri = path.replace("{code}", "RUSGOV");
            uri = uri.replace("{id}", &if path.starts_with("/api/events") { event_id } else { doc_id }.to_string());
            let query: Vec<String> = params.iter().filter(|p| p["in"] == "query").map(|p| format!("{}={}", p["name"].as_str().unwrap(), enc(&example(p)))).collect();
            if !query.is_empty() {
                uri = format!("{uri}?{}", query.join("&"));
            }
            let req = match method.as_str() {
                "get" => Request::get(&uri).body(Body::empty()).unwrap(),
                "post" => Request::post(&uri).header(header::CONTENT_TYPE, "text/plain").body(Body::from("Israeli troops shelled Hezbollah positions in southern Lebanon on Monday.")).unwrap(),
                m => panic!("undocumented method {m}"),
            };
            let (s, v, _) = send(&app, req).await;
            assert_eq!(s, StatusCode::OK, "{method} {uri}: {v}");
            // the documented top-level properties of the answer are there
            if let Some(props) = op["responses"]["200"]["content"]["application/json"]["schema"]["properties"].as_object() {
                for k in props.keys() {
                    assert!(v.get(k).is_some(), "{method} {uri}: the answer lacks the documented {k:?}: {v}");
                }
            }
        }
    }
}

#[tokio::test]
async fn hostile_text_never_breaks_sql() {
    let app = app();
    let before = ok(&app, "/api/stats").await;
    let nasty = [
        "'; DROP TABLE events; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "\\",
        "') UNION SELECT hash, text FROM documents --",
        "RUS%' OR '1'='1",
        "a\u{0}b",
        "<script>alert(1)</script>",
        "Ω≈ç√∫˜µ≤≥÷ 🇺🇦",
    ];
    for n in nasty {
        let e = enc(n);
        for uri in [
            format!("/api/events?q={e}"),
            format!("/api/events?text={e}"),
            format!("/api/events?place={e}"),
            format!("/api/events?outlet={e}"),
            format!("/api/events?plover={e}"),
            format!("/api/events?actor={e}"),
            format!("/api/timeline?q={e}"),
            format!("/api/network?text={e}"),
            format!("/api/places?place={e}"),
            format!("/api/actors?q={e}"),
            format!("/api/actors/{e}"),
            format!("/api/dyad?a={e}&b=RUS"),
            format!("/api/documents?q={e}"),
            format!("/api/documents/{e}"),
        ] {
            let (s, v) = get(&app, &uri).await;
            assert!(matches!(s, StatusCode::OK | StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND), "{uri}: {s} {v}");
            if n.contains('\u{0}') {
                assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: a NUL is refused");
            }
            assert!(v.is_object(), "{uri}: JSON answer");
            if s == StatusCode::OK {
                // a pattern character matches only itself: no row contains these strings
                if let Some(evs) = v["events"].as_array() {
                    assert!(evs.is_empty() || n == "_" || n == "%" || n.starts_with("RUS"), "{uri}: {} events", evs.len());
                }
            }
        }
    }
    assert_eq!(ok(&app, "/api/stats").await, before, "the store is unchanged");
}

#[tokio::test]
async fn token_guards_the_api() {
    let app = app_for(fixture(), Some("s3cret-token"), 1 << 20);
    let req = |uri: &str, auth: Option<&str>| {
        let mut b = Request::get(uri);
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::empty()).unwrap()
    };
    let (s, v, h) = send(&app, req("/api/events", None)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(v["error"].as_str().unwrap().contains("token"));
    assert_eq!(h.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
    for bad in ["Bearer wrong", "Bearer s3cret-toke", "Bearer s3cret-token-and-more", "s3cret-token", "Basic czNjcmV0LXRva2Vu"] {
        assert_eq!(send(&app, req("/api/events", Some(bad))).await.0, StatusCode::UNAUTHORIZED, "{bad}");
    }
    assert_eq!(send(&app, req("/api/events", Some("Bearer s3cret-token"))).await.0, StatusCode::OK);
    assert_eq!(send(&app, req("/api/events/1", None)).await.0, StatusCode::UNAUTHORIZED);
    let post = Request::post("/code").body(Body::from("Israel shelled Lebanon.")).unwrap();
    assert_eq!(send(&app, post).await.0, StatusCode::UNAUTHORIZED);
    // open: the health check and the dashboard's files (they hold no data)
    assert_eq!(send(&app, req("/api/health", None)).await.0, StatusCode::OK);
    assert_eq!(send(&app, req("/", None)).await.0, StatusCode::OK);
    assert_eq!(send(&app, req("/assets/app.js", None)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn requests_are_bounded() {
    // size
    let app = app_for(fixture(), None, 2000);
    let big = "Israeli troops shelled Hezbollah positions. ".repeat(100);
    let (s, _, _) = send(&app, Request::post("/api/code").body(Body::from(big)).unwrap()).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    let (s, v, _) = send(&app, Request::post("/api/code").body(Body::from("Israeli troops shelled Hezbollah positions in Lebanon.")).unwrap()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // time: a request still running at the limit answers 408. Coding forty
    // sentences takes far longer than the 1 ms limit (a cheap query could
    // finish before the timer's first tick, so the test codes text)
    let st = herald_server::state(fixture(), None, Duration::from_secs(10)).unwrap();
    let slow = herald_server::app(st, 1 << 20, Duration::from_millis(1));
    let long = "Israeli troops shelled Hezbollah positions in southern Lebanon on Tuesday, the army said. ".repeat(40);
    let (s, _, _) = send(&slow, Request::post("/api/code").body(Body::from(long)).unwrap()).await;
    assert_eq!(s, StatusCode::REQUEST_TIMEOUT);
    // and a query that would never end is interrupted and answers 503
    let db = std::sync::Arc::new(herald_server::db::Db::open(fixture(), Duration::from_millis(200)).unwrap());
    let r = db.read(|c| Ok(c.query_row("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r", [], |r| r.get::<_, i64>(0))?)).await;
    let err = r.unwrap_err();
    // (the query never ends by itself: an answer at all means it was interrupted)
    assert_eq!(err.status, StatusCode::SERVICE_UNAVAILABLE, "{}", err.message);
    // and the pool still answers afterwards
    let n = db.read(|c| Ok(c.query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))?)).await.unwrap();
    assert!(n > 0);
}

#[tokio::test]
async fn post_code_stores_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_for(&copy_of_fixture(&dir), None, 1 << 20);
    let docs = |v: &Value| v["documents"].as_i64().unwrap();
    let n0 = docs(&ok(&app, "/api/stats").await);
    let text = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday.";
    let (s, v, _) = send(&app, Request::post("/api/code?date=2025-03-05").body(Body::from(text)).unwrap()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let evs = v["events"].as_array().unwrap();
    assert!(evs.iter().any(|e| e["source"][0] == "RUSGOV" && e["target"][0] == "CHNGOV" && e["cameo"].as_str().unwrap().starts_with("04")), "{v}");
    assert_eq!((v["stored"].as_bool(), v["added"].as_bool()), (Some(false), Some(false)));
    assert_eq!(docs(&ok(&app, "/api/stats").await), n0);
    // JSON body, stored
    let body = serde_json::json!({"text": text, "date": "2025-03-05", "title": "Summit", "url": "https://example.org/summit"}).to_string();
    let req = || Request::post("/code?store=true").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.clone())).unwrap();
    let (s, v, _) = send(&app, req()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["stored"].as_bool(), v["added"].as_bool()), (Some(true), Some(true)));
    assert_eq!(docs(&ok(&app, "/api/stats").await), n0 + 1);
    let found = ok(&app, "/api/events?text=Xi%20Jinping").await;
    assert!(!found["events"].as_array().unwrap().is_empty());
    // again: the same text is the same document
    let (_, v, _) = send(&app, req()).await;
    assert_eq!(v["added"], false);
    assert_eq!(docs(&ok(&app, "/api/stats").await), n0 + 1);
    // bad bodies
    for (ct, b, word) in [
        ("application/json", "{not json", "JSON"),
        ("application/json", "{\"title\": \"x\"}", "text"),
        ("application/json", "{\"text\": 5}", "text"),
        ("application/json", "{\"text\": \"Israel shelled Gaza.\", \"date\": \"soon\"}", "date"),
        ("text/plain", "   ", "empty"),
    ] {
        let (s, v, _) = send(&app, Request::post("/api/code").header(header::CONTENT_TYPE, ct).body(Body::from(b)).unwrap()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}: {v}");
        assert!(v["error"].as_str().unwrap().contains(word), "{b}: {v}");
    }
    let (s, _, _) = send(&app, Request::post("/api/code").body(Body::from(vec![0xff, 0xfe, 0x00])).unwrap()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn dashboard_is_embedded_with_a_strict_policy() {
    let app = app();
    let (s, v, h) = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
    assert!(v.as_str().unwrap().contains("/assets/app.js"));
    let csp = h.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    let (s, js, h) = send(&app, Request::get("/assets/app.js").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/javascript"));
    // the bundle holds the libraries and the world shapes: nothing is fetched from elsewhere
    let js = js.as_str().unwrap();
    assert!(js.len() > 100_000);
    assert!(!js.contains("https://unpkg.com") && !js.contains("tile.openstreetmap"));
    assert_eq!(send(&app, Request::get("/assets/app.css").body(Body::empty()).unwrap()).await.0, StatusCode::OK);
    let (s, lic, _) = send(&app, Request::get("/assets/licenses.txt").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    for p in ["uplot", "cytoscape", "d3-geo", "topojson-client", "world-atlas"] {
        assert!(lic.as_str().unwrap().contains(&format!("==== {p} ")), "licence of {p}");
    }
    assert_eq!(send(&app, Request::get("/assets/../Cargo.toml").body(Body::empty()).unwrap()).await.0, StatusCode::NOT_FOUND);
}
