//! Load test for `herald serve`, in two steps (see crates/herald-server/LOAD.md).
//!
//! 1. `load corpus GOLD_DIR COPIES OUT.jsonl` writes the dev sets' documents
//!    that carry events, COPIES times, each copy with distinct ids
//!    (`ID~copyK`), its publication date moved 2·K days later (so relative
//!    dates, and the events dated by them, move too and do not cluster with
//!    the other copies') and a last line naming the copy (a store knows a
//!    document by the hash of its text, so identical copies would be stored
//!    once). `herald ingest --db load.db OUT.jsonl` then stores them.
//! 2. `load run BASE_URL [CONNECTIONS] [SECONDS]` opens CONNECTIONS
//!    keep-alive HTTP/1.1 connections (default 32) to a running `herald
//!    serve` and sends `GET /api/events...` requests back to back for
//!    SECONDS (default 30), cycling through a fixed mix of pages and filters;
//!    it prints the request count, p50, p90, p99 and max latency, and the
//!    errors (any answer but 200, and connection failures).

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The requests, in turn: pages of the newest events, deep pages, and the
/// filters the dashboard sends most (QuadClass, actor, date range).
const PATHS: &[&str] = &[
    "/api/events?limit=50",
    "/api/events?limit=50&offset=500",
    "/api/events?limit=50&offset=5000",
    "/api/events?limit=25&quad=4",
    "/api/events?limit=25&quad=1&offset=100",
    "/api/events?limit=50&actor=RUS",
    "/api/events?limit=50&actor=USA&actor=CHN",
    "/api/events?limit=50&since=2020-01-01&until=2024-12-31",
    "/api/events?limit=50&cameo=19",
    "/api/events?limit=100&min_sources=1",
];

fn corpus(gold: &str, copies: usize, out: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let pipeline = herald_pipeline::Pipeline::new();
    let mut files: Vec<_> = std::fs::read_dir(gold)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
    files.sort();
    let mut docs = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f)?;
        let (loaded, _skipped) = herald_formats::text::jsonl_documents(&f.display().to_string(), &bytes, None);
        for d in loaded {
            if d.date.is_some() && pipeline.process(&d).events().next().is_some() {
                docs.push(d);
            }
        }
    }
    eprintln!("load: {} documents with events in {} files", docs.len(), files.len());
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    for k in 0..copies {
        for d in &docs {
            let date = d.date.map(|x| herald_core::Date::from_days(x.to_days() + 2 * k as i64).to_string());
            let v = serde_json::json!({
                "id": format!("{}~copy{k}", d.id),
                "date": date,
                "title": d.title,
                "url": d.url,
                "outlet": d.outlet,
                "text": format!("{}\n\n(Load-test copy {k}.)", d.text),
            });
            serde_json::to_writer(&mut w, &v)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;
    eprintln!("load: wrote {} documents to {out}", docs.len() * copies);
    Ok(())
}

/// One request on a kept-alive connection; the status and the body length.
async fn request(conn: &mut TcpStream, host: &str, path: &str, buf: &mut Vec<u8>) -> anyhow::Result<(u16, usize)> {
    conn.write_all(format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n").as_bytes()).await?;
    buf.clear();
    let mut chunk = [0u8; 16384];
    let head_end = loop {
        let n = conn.read(&mut chunk).await?;
        anyhow::ensure!(n > 0, "connection closed");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = std::str::from_utf8(&buf[..head_end])?;
    let status: u16 = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| anyhow::anyhow!("bad status line"))?;
    let len: usize = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")).map(|(_, v)| v.trim().to_string()))
        .ok_or_else(|| anyhow::anyhow!("no content-length"))?
        .parse()?;
    while buf.len() < head_end + len {
        let n = conn.read(&mut chunk).await?;
        anyhow::ensure!(n > 0, "connection closed in the body");
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok((status, len))
}

#[derive(Default)]
struct Tally {
    lat_us: Vec<u64>,
    /// (path index, latency) of every answer
    by_path: Vec<(usize, u64)>,
    errors: u64,
    bytes: u64,
    first_error: Option<String>,
}

async fn client(addr: String, id: usize, until: Instant) -> Tally {
    let mut t = Tally::default();
    let mut buf = Vec::with_capacity(1 << 16);
    let mut conn: Option<TcpStream> = None;
    let mut i = id;
    while Instant::now() < until {
        if conn.is_none() {
            match TcpStream::connect(&addr).await {
                Ok(c) => {
                    let _ = c.set_nodelay(true);
                    conn = Some(c);
                }
                Err(e) => {
                    t.errors += 1;
                    t.first_error.get_or_insert(format!("connect: {e}"));
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            }
        }
        let pi = i % PATHS.len();
        let path = PATHS[pi];
        i += 1;
        let start = Instant::now();
        let r = request(conn.as_mut().unwrap(), &addr, path, &mut buf).await;
        let us = start.elapsed().as_micros() as u64;
        match r {
            Ok((200, n)) => {
                t.lat_us.push(us);
                t.by_path.push((pi, us));
                t.bytes += n as u64;
            }
            Ok((s, _)) => {
                t.errors += 1;
                t.first_error.get_or_insert(format!("{path}: status {s}"));
            }
            Err(e) => {
                t.errors += 1;
                t.first_error.get_or_insert(format!("{path}: {e}"));
                conn = None;
            }
        }
    }
    t
}

fn pct(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

async fn run(base: &str, conns: usize, secs: u64) -> anyhow::Result<()> {
    let addr = base.trim_start_matches("http://").trim_end_matches('/').to_string();
    anyhow::ensure!(!addr.contains('/'), "give the base URL, e.g. http://127.0.0.1:8080");
    eprintln!("load: {conns} connections for {secs} s against http://{addr} ({} paths in turn)", PATHS.len());
    let until = Instant::now() + Duration::from_secs(secs);
    let t0 = Instant::now();
    let tasks: Vec<_> = (0..conns).map(|i| tokio::spawn(client(addr.clone(), i, until))).collect();
    let mut all = Tally::default();
    for t in tasks {
        let t = t.await?;
        all.lat_us.extend(t.lat_us);
        all.by_path.extend(t.by_path);
        all.errors += t.errors;
        all.bytes += t.bytes;
        if all.first_error.is_none() {
            all.first_error = t.first_error;
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    all.lat_us.sort_unstable();
    let n = all.lat_us.len();
    println!("requests   {n} answered 200 in {wall:.1} s ({:.0}/s, {:.1} MB of JSON)", n as f64 / wall, all.bytes as f64 / 1e6);
    println!("latency    p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms", pct(&all.lat_us, 0.50), pct(&all.lat_us, 0.90), pct(&all.lat_us, 0.99), pct(&all.lat_us, 1.0));
    println!("errors     {}{}", all.errors, all.first_error.map(|e| format!(" (first: {e})")).unwrap_or_default());
    println!("by path    (requests, p50, p99 in ms)");
    for (pi, path) in PATHS.iter().enumerate() {
        let mut l: Vec<u64> = all.by_path.iter().filter(|(p, _)| *p == pi).map(|(_, us)| *us).collect();
        l.sort_unstable();
        println!("  {:>6}  {:>7.2}  {:>7.2}  {path}", l.len(), pct(&l, 0.5), pct(&l, 0.99));
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: load corpus GOLD_DIR COPIES OUT.jsonl | load run BASE_URL [CONNECTIONS] [SECONDS]";
    match args.first().map(String::as_str) {
        Some("corpus") if args.len() == 4 => corpus(&args[1], args[2].parse()?, &args[3]),
        Some("run") if (2..=4).contains(&args.len()) => {
            let conns = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(32);
            let secs = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(30);
            anyhow::ensure!((1..=1024).contains(&conns) && (1..=3600).contains(&secs), "1..=1024 connections, 1..=3600 seconds");
            tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(run(&args[1], conns, secs))
        }
        _ => anyhow::bail!("{usage}"),
    }
}
