//! `herald query` and `herald stats --db`: read the store.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use herald_core::Date;
use herald_store::export;
use herald_store::query::Filter;
use herald_store::Store;

/// `--format` of `herald query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per event with every mention and its evidence.
    Jsonl,
    /// CSV with a header.
    Csv,
    /// GDELT 2.0 event table (61 tab-separated columns).
    Gdelt,
    /// PLOVER JSON lines.
    Plover,
    /// Parquet (needs a herald built with `--features parquet`, and `--out FILE`).
    Parquet,
}

/// The filters of `herald query`.
#[derive(clap::Args, Debug, Default)]
pub struct QueryArgs {
    /// Actor: a CAMEO code prefix (RUS, RUSGOV) or a name looked up in the
    /// knowledge base ("Vladimir Putin", "the Kremlin"); may be repeated.
    #[arg(long = "actor")]
    pub actors: Vec<String>,
    /// Country (3-letter code) of the source, the target or the place.
    #[arg(long)]
    pub country: Option<String>,
    /// CAMEO code (a prefix: 04, 041, 0331).
    #[arg(long)]
    pub cameo: Option<String>,
    /// PLOVER event type (CONSULT, ASSAULT, ...).
    #[arg(long)]
    pub plover: Option<String>,
    /// QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
    #[arg(long)]
    pub quad: Option<i64>,
    /// First event date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Last event date (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Place name (substring).
    #[arg(long)]
    pub place: Option<String>,
    /// Outlet of a reporting document (substring of its name or URL).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Words in the evidence sentence or the title (substring).
    #[arg(long)]
    pub text: Option<String>,
    /// Only events reported by at least this many sources (2: corroborated).
    #[arg(long)]
    pub min_sources: Option<i64>,
    /// Only events with at least this many distinct claimants (the Kremlin,
    /// KCNA, an outlet's own voice ...; 2: more than one account).
    #[arg(long)]
    pub min_claimants: Option<i64>,
    /// Only events carried by a party's own word alone (its state media, or
    /// the party itself for force it says it used).
    #[arg(long)]
    pub party_only: bool,
    /// At most this many events, newest first.
    #[arg(long)]
    pub limit: Option<i64>,
}

fn open_existing(db: &str) -> Result<Store> {
    if !Path::new(db).is_file() {
        bail!("{db}: no such store (create it with `herald ingest --db {db} PATH...`)");
    }
    Store::open(db).with_context(|| format!("opening the store {db}"))
}

fn day(s: &Option<String>, flag: &str) -> Result<Option<i64>> {
    match s {
        None => Ok(None),
        Some(s) => match Date::parse(s) {
            Some(d) => Ok(Some(d.to_days())),
            None => bail!("--{flag} {s:?} is not a date (expected YYYY-MM-DD)"),
        },
    }
}

/// An actor argument as a code: codes as they are, names through the knowledge base.
fn actor_code(kb: &herald_kb::Kb, a: &str) -> Result<String> {
    let a = a.trim();
    if a.len() >= 3 && a.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        return Ok(a.to_string());
    }
    match kb.resolve_phrase(a, None, None) {
        Some(code) if !code.is_empty() => Ok(code),
        _ => bail!("--actor {a:?}: no actor of that name in the knowledge base (give a CAMEO code such as RUSGOV)"),
    }
}

/// `herald query`.
pub fn query(db: &str, args: &QueryArgs, format: QueryFormat, out: Option<&str>) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let kb = herald_kb::Kb::embedded();
    let mut actors = Vec::new();
    for a in &args.actors {
        let code = actor_code(kb, a)?;
        if !a.trim().eq(&code) {
            eprintln!("herald: --actor {a:?} is {code}");
        }
        actors.push(code);
    }
    if let Some(q) = args.quad {
        if !(1..=4).contains(&q) {
            bail!("--quad {q}: QuadClass is 1, 2, 3 or 4");
        }
    }
    let f = Filter {
        actors,
        country: args.country.clone(),
        cameo: args.cameo.clone(),
        plover: args.plover.clone(),
        quad_class: args.quad,
        since_days: day(&args.since, "since")?,
        until_days: day(&args.until, "until")?,
        place: args.place.clone(),
        outlet: args.outlet.clone(),
        text: args.text.clone(),
        min_sources: args.min_sources,
        min_claimants: args.min_claimants,
        party_only: args.party_only.then_some(true),
        limit: args.limit,
        ..Default::default()
    };
    let events = herald_store::query::events(store.conn(), &f)?;
    let fmt = match format {
        QueryFormat::Table => export::Format::Table,
        QueryFormat::Jsonl => export::Format::Jsonl,
        QueryFormat::Csv => export::Format::Csv,
        QueryFormat::Gdelt => export::Format::Gdelt,
        QueryFormat::Plover => export::Format::Plover,
        QueryFormat::Parquet => return parquet(&store, &events, out),
    };
    match out {
        Some(path) => {
            let f = std::fs::File::create(path).with_context(|| format!("creating {path}"))?;
            let mut w = std::io::BufWriter::new(f);
            export::write(store.conn(), &events, fmt, &mut w)?;
            w.flush()?;
            eprintln!("herald: wrote {} event(s) to {path}", events.len());
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            export::write(store.conn(), &events, fmt, &mut w)?;
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn parquet(store: &Store, events: &[herald_store::query::EventRow], out: Option<&str>) -> Result<ExitCode> {
    let Some(path) = out else { bail!("--format parquet writes a file: give --out FILE.parquet") };
    let f = std::fs::File::create(path).with_context(|| format!("creating {path}"))?;
    herald_store::parquet_out::write_parquet(store.conn(), events, f).with_context(|| format!("writing {path}"))?;
    eprintln!("herald: wrote {} event(s) to {path}", events.len());
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &Store, _: &[herald_store::query::EventRow], _: Option<&str>) -> Result<ExitCode> {
    bail!("this herald was built without Parquet: build it with `cargo build --release -p herald-cli --features parquet`")
}

/// `herald stats --db`.
pub fn stats(db: &str, json: bool) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let st = herald_store::stats::stats(store.conn())?;
    if json {
        println!("{}", st.to_json());
    } else {
        print!("{}", st.render(db));
    }
    Ok(ExitCode::SUCCESS)
}
