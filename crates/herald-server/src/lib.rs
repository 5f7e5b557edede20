//! `herald serve`: a JSON API over a herald store and an offline dashboard.
//!
//! The question this crate answers: **what does the record look like, and
//! what is the sentence behind each dot?** It reads the SQLite store that
//! `herald ingest` writes (herald-store does every query, with bound
//! parameters), and serves:
//!
//! - `/api/...`: events (filtered as `herald query` filters them, paged), one
//!   event with its evidence, actors, dyads, places, documents, stats, and
//!   `POST /api/code` to code new text (see [`openapi`] for the document);
//! - `/`: the dashboard, bundled from npm packages by build.rs and embedded
//!   in the binary, so it works with no network.
//!
//! Requests are bounded in size ([`Config::max_body`]) and time
//! ([`Config::timeout`]; a query still running then is interrupted), the
//! server binds loopback unless told otherwise, and with a token every API
//! path but `/api/health` needs `Authorization: Bearer TOKEN`.

#![recursion_limit = "512"]

pub mod api;
pub mod assets;
pub mod db;
pub mod error;
pub mod openapi;
pub mod params;
pub mod record;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::db::Db;
use crate::error::ApiError;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store file.
    pub db: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// A bearer token the API requires (not `/api/health`, not the dashboard's files).
    pub token: Option<String>,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// The longest a request may take.
    pub timeout: Duration,
}

impl Config {
    /// Defaults: loopback port 8080, 1 MiB bodies, 10 s per request.
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config { db: db.into(), addr: SocketAddr::from(([127, 0, 0, 1], 8080)), token: None, max_body: 1 << 20, timeout: Duration::from_secs(10) }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub db: Arc<Db>,
    /// The pipeline for `POST /api/code`, built at its first use.
    pub pipeline: Arc<OnceLock<herald_pipeline::Pipeline>>,
    /// The bearer token, if one is required.
    pub token: Option<Arc<str>>,
    /// The store's dedupe window (days), for documents stored by `POST /api/code`.
    pub window_days: i64,
}

/// Every route: (method, path, handler). The router and the OpenAPI test
/// are both made from this table, so neither can forget one.
pub fn routes() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        ("get", "/api/health", get(api::health)),
        ("get", "/api/openapi.json", get(openapi::serve)),
        ("get", "/api/events", get(api::events)),
        ("get", "/api/events/{id}", get(api::event_one)),
        ("get", "/api/timeline", get(api::timeline)),
        ("get", "/api/network", get(api::network)),
        ("get", "/api/places", get(api::places)),
        ("get", "/api/actors", get(api::actors)),
        ("get", "/api/actors/{code}", get(api::actor_one)),
        ("get", "/api/dyad", get(api::dyad)),
        ("get", "/api/documents", get(api::documents)),
        ("get", "/api/documents/{id}", get(api::document_one)),
        ("get", "/api/stats", get(api::stats)),
        ("post", "/api/code", post(api::code)),
        ("post", "/code", post(api::code)),
    ]
}

/// Paths that answer without the token.
const OPEN_PATHS: &[&str] = &["/api/health"];

async fn auth(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let Some(token) = &st.token else { return next.run(req).await };
    let path = req.uri().path();
    let guarded = (path.starts_with("/api/") || path == "/code") && !OPEN_PATHS.contains(&path);
    if !guarded {
        return next.run(req).await;
    }
    let given = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
    // compare in time independent of where the strings differ
    let ok = given.is_some_and(|g| g.len() == token.len() && g.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0);
    if ok {
        next.run(req).await
    } else {
        let mut r = ApiError { status: StatusCode::UNAUTHORIZED, message: "this server needs a token: send `Authorization: Bearer TOKEN`".into() }.into_response();
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        r
    }
}

async fn not_found() -> Response {
    ApiError::not_found("no such path (see /api/openapi.json)").into_response()
}

/// The application: routes, auth, body and time limits, security headers.
pub fn app(state: AppState, max_body: usize, timeout: Duration) -> Router {
    let mut r: Router<AppState> = Router::new();
    for (_, path, h) in routes() {
        r = r.route(path, h);
    }
    r.route("/", get(assets::index))
        .route("/assets/{file}", get(assets::asset))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .with_state(state)
}

/// The state for a store file.
pub fn state(db: &std::path::Path, token: Option<String>, query_timeout: Duration) -> anyhow::Result<AppState> {
    let db = Db::open(db, query_timeout)?;
    let window_days = herald_store::Store::open(db.path())
        .ok()
        .and_then(|s| s.setting("window_days").ok().flatten())
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    Ok(AppState { db: Arc::new(db), pipeline: Arc::new(OnceLock::new()), token: token.filter(|t| !t.is_empty()).map(Arc::from), window_days })
}

/// Serve until Ctrl-C. `ready` is told the address bound (port 0 picks one).
pub async fn serve(cfg: Config, ready: impl FnOnce(SocketAddr)) -> anyhow::Result<()> {
    // queries stop a little before the request does, so the answer says why
    let st = state(&cfg.db, cfg.token.clone(), cfg.timeout.mul_f64(0.9))?;
    let listener = tokio::net::TcpListener::bind(cfg.addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", cfg.addr))?;
    let addr = listener.local_addr()?;
    ready(addr);
    axum::serve(listener, app(st, cfg.max_body, cfg.timeout))
        .with_graceful_shutdown(async {
            // Ctrl-C, or SIGTERM from a service manager
            #[cfg(unix)]
            {
                let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(t) => t,
                    Err(_) => return std::future::pending::<()>().await,
                };
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            {
                let _ = tokio::signal::ctrl_c().await;
            }
        })
        .await?;
    Ok(())
}

/// [`serve`] on a runtime of its own, printing the address (for the CLI).
pub fn run(cfg: Config) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let db = cfg.db.display().to_string();
    let auth = cfg.token.is_some();
    rt.block_on(serve(cfg, |addr| {
        eprintln!("herald: serving {db} on http://{addr}/ (API under /api/, OpenAPI at /api/openapi.json{}); Ctrl-C or SIGTERM stops", if auth { "; the API needs the bearer token" } else { "" });
    }))
}
