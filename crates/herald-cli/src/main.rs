//! The `herald` command: flags and wiring only. The work is done by the
//! library crates (see ARCHITECTURE.md).

mod alloc;
mod bench;
mod dicts;
mod ingest;
mod input;
mod parse_cmd;
mod stats;
mod store_cmd;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use herald_core::{Date, Document};
use herald_pipeline::{output, Pipeline};

use input::{Format, Skipped};

#[global_allocator]
static GLOBAL: alloc::HugePages = alloc::HugePages;

#[derive(Parser)]
#[command(name = "herald", version, about = "Turns news into political event data (CAMEO and PLOVER): who did what to whom, when, where, according to whom.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Out {
    /// One event per line.
    Events,
    /// One document per line, in the gold format (shared/gold/FORMAT.md).
    Docs,
}

/// How to build the coder: shared by `code`, `explain` and `eval`.
#[derive(clap::Args)]
struct CoderOpts {
    /// A TABARI or PETRARCH dictionary folder (or a compiled .hdict file) whose
    /// verb patterns are layered over herald's; may be repeated.
    #[arg(long = "dict")]
    dicts: Vec<String>,
    /// Use only the --dict dictionaries, not herald's own knowledge base and patterns.
    #[arg(long)]
    dict_only: bool,
    /// Code without the dependency parse (word-order rules only): faster, less accurate.
    #[arg(long)]
    no_parse: bool,
    /// An issue dictionary in the PETRARCH/Phoenix format (`<ISSUE CATEGORY=..>`,
    /// `phrase [CODE]`, `~exclusion`): every event gets the issues its sentence names.
    #[arg(long)]
    issues: Option<String>,
    /// More anchor facts (dated well-known events) to check dates against, in
    /// the format of herald-claims' `data/anchors.tsv`; may be repeated.
    #[arg(long = "anchors")]
    anchors: Vec<String>,
}

impl CoderOpts {
    fn pipeline(&self) -> Result<Pipeline> {
        let mut p = dicts::pipeline(&self.dicts, self.dict_only)?.with_syntax(!self.no_parse);
        if let Some(path) = &self.issues {
            let src = std::fs::read_to_string(path).with_context(|| format!("reading the issue dictionary {path}"))?;
            let (set, errors) = herald_coder::issues::IssueSet::parse(&src);
            for e in &errors {
                eprintln!("herald: {path}:{}: {}; line skipped", e.line, e.message);
            }
            if !errors.is_empty() {
                eprintln!("herald: {path}: {} line(s) skipped, {} phrase(s) read", errors.len(), set.len());
            }
            p = p.with_issues(set);
        }
        for path in &self.anchors {
            let src = std::fs::read_to_string(path).with_context(|| format!("reading the anchor facts {path}"))?;
            let (facts, errors) = herald_claims::anchors::Anchors::parse_lenient(&src, path);
            for e in &errors {
                eprintln!("herald: anchor facts: {e}; line skipped");
            }
            if !errors.is_empty() {
                eprintln!("herald: {path}: {} line(s) skipped, {} fact(s) read", errors.len(), facts.facts().len());
            }
            p = p.with_anchors(facts);
        }
        Ok(p)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events.
    Code {
        /// Input files; none or `-` reads standard input.
        files: Vec<String>,
        /// Publication date of text input (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Input format.
        #[arg(long = "in", value_enum, default_value = "text")]
        input: Format,
        /// Output shape.
        #[arg(long, value_enum, default_value = "events")]
        out: Out,
        /// Also print events that did not happen (negated, hypothetical, future, standing states).
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        coder: CoderOpts,
    },
    /// Show how herald reads one sentence: tokens, actors, times, places, patterns and events.
    Explain {
        /// The sentence (or short text).
        sentence: String,
        /// Publication date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        coder: CoderOpts,
    },
    /// Code a gold file and score it as shared/eval/score.py does.
    Eval {
        /// A gold JSONL file.
        gold: String,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        coder: CoderOpts,
    },
    /// Tag and parse: CoNLL-U with gold tokenization (`--in conllu --out conllu`), or a sentence given as text.
    Parse {
        /// A sentence, or with `--in conllu` a CoNLL-U file (`-` or nothing = standard input).
        input: Option<String>,
        /// Input format: `text` (the argument is a sentence) or `conllu`.
        #[arg(long = "in", default_value = "text")]
        input_format: String,
        /// Output format: `table` (readable) or `conllu`.
        #[arg(long = "out", default_value = "table")]
        output_format: String,
    },
    /// Counts of a coded set (`herald code` output, events or docs, or a gold
    /// file) by CAMEO root, QuadClass and PLOVER type; with `--db`, of a store.
    Stats {
        /// JSONL files (`-` or nothing = standard input).
        files: Vec<String>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// A store written by `herald ingest`: documents, events, mentions, sources, dates and counts.
        #[arg(long)]
        db: Option<String>,
    },
    /// Read articles in any format (files, folders, `-`), code them in
    /// parallel and store documents, mentions and deduplicated events in SQLite.
    Ingest {
        /// Files or folders (read recursively); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<String>,
        /// The store.
        #[arg(long, default_value = "herald.db")]
        db: String,
        /// Input format (default: detected from each file's name and first bytes).
        #[arg(long = "in", value_enum, default_value = "auto")]
        input: ingest::InFormat,
        /// Publication date for documents that carry none (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Mentions of one actor pair and CAMEO root whose dates are at most
        /// this many days apart are one event.
        #[arg(long, default_value_t = 1)]
        window: i64,
        /// Threads for coding (default: every core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        #[command(flatten)]
        coder: CoderOpts,
    },
    /// Select events from a store, by actor, country, code, type, date, place, outlet or text.
    Query {
        /// The store.
        #[arg(long, default_value = "herald.db")]
        db: String,
        #[command(flatten)]
        filter: store_cmd::QueryArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: store_cmd::QueryFormat,
        /// Write to this file instead of standard output (required for parquet).
        #[arg(long)]
        out: Option<String>,
    },
    /// Serve a store: a JSON API under /api/ (OpenAPI at /api/openapi.json) and the dashboard at /.
    Serve {
        /// The store.
        #[arg(long, default_value = "herald.db")]
        db: String,
        /// Address to listen on (loopback by default; port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Require `Authorization: Bearer TOKEN` on the API (all but /api/health).
        /// Also read from the HERALD_TOKEN environment variable.
        #[arg(long, env = "HERALD_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// Largest request body, in bytes.
        #[arg(long, default_value_t = 1 << 20)]
        max_body: usize,
        /// Longest a request may take, in milliseconds.
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: u64,
    },
    /// Ask the knowledge base.
    Kb {
        #[command(subcommand)]
        command: KbCommand,
    },
    /// Measure throughput (sentences/s, median of runs) and peak memory over JSONL or text files.
    Bench {
        /// Files or folders of .jsonl/.txt documents; default ../shared/gold.
        paths: Vec<String>,
        /// Number of timed runs.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Another herald binary (say, a build of the previous commit) to time on
        /// the same JSONL files in the same run, alternating with this one.
        #[arg(long)]
        compare: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum KbCommand {
    /// How a phrase resolves on a date: code, kind, the entry, its dated terms and where it comes from.
    Lookup {
        /// The phrase ("Mr Putin", "North Korean troops", "the Kremlin").
        phrase: String,
        /// The date to resolve on (YYYY-MM-DD); default: latest known.
        #[arg(long)]
        date: Option<String>,
        /// Also look the phrase up in these dictionaries (folders or .hdict files).
        #[arg(long = "dict")]
        dicts: Vec<String>,
    },
    /// Read a TABARI or PETRARCH dictionary folder, report every problem with
    /// its file and line, and write a compiled form that loads fast.
    Import {
        /// The dictionary folder.
        dir: String,
        /// Where to write the compiled dictionary (default: DIR.hdict beside the folder).
        #[arg(long)]
        out: Option<String>,
        /// Also write the verb patterns as translated into herald's `verbs.txt` format.
        #[arg(long)]
        patterns: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if err.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("herald: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn parse_date(s: Option<&str>) -> Result<Option<Date>> {
    match s {
        None => Ok(None),
        Some(s) => match Date::parse(s) {
            Some(d) => Ok(Some(d)),
            None => bail!("--date {s:?} is not a date (expected YYYY-MM-DD)"),
        },
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Code { files, date, input, out, all, coder } => {
            let date = parse_date(date.as_deref())?;
            let files = if files.is_empty() { vec!["-".to_string()] } else { files };
            let pipeline = coder.pipeline()?;
            code(&pipeline, &files, date, input, out, all)
        }
        Command::Explain { sentence, date, coder } => {
            let date = parse_date(date.as_deref())?;
            explain(&coder.pipeline()?, &sentence, date)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, json, coder } => eval(&coder.pipeline()?, &gold, json),
        Command::Stats { files, json, db: Some(db) } => {
            if !files.is_empty() {
                bail!("herald stats: give either --db FILE or coded JSONL files, not both");
            }
            store_cmd::stats(&db, json)
        }
        Command::Stats { files, json, db: None } => stats::run(&if files.is_empty() { vec!["-".to_string()] } else { files }, json),
        Command::Ingest { paths, db, input, date, window, jobs, batch, coder } => {
            let date = parse_date(date.as_deref())?;
            if window < 0 {
                bail!("--window {window}: the window is a number of days, 0 or more");
            }
            let pipeline = coder.pipeline()?;
            ingest::run(&pipeline, &ingest::Options { paths, db, format: input, date, window_days: window, jobs, batch: batch.max(1) })
        }
        Command::Query { db, filter, format, out } => store_cmd::query(&db, &filter, format, out.as_deref()),
        Command::Serve { db, addr, token, max_body, timeout_ms } => {
            if !addr.ip().is_loopback() && token.is_none() {
                eprintln!("herald: warning: serving on {addr}, beyond this machine, without --token: anyone who can reach it reads the store");
            }
            let mut cfg = herald_server::Config::new(db);
            cfg.addr = addr;
            cfg.token = token;
            cfg.max_body = max_body.max(1);
            cfg.timeout = std::time::Duration::from_millis(timeout_ms.max(1));
            herald_server::run(cfg)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { paths, runs, compare } => bench::run(&paths, runs.max(1), compare.as_deref()),
        Command::Parse { input, input_format, output_format } => match (input_format.as_str(), output_format.as_str()) {
            ("conllu", "conllu") => {
                let src = input.unwrap_or_else(|| "-".to_string());
                parse_cmd::conllu_to_conllu(&src, if src == "-" { "<stdin>" } else { &src })
            }
            ("text", _) => match input {
                Some(sentence) => parse_cmd::sentence(&sentence),
                None => bail!("herald parse needs a sentence (or --in conllu FILE)"),
            },
            (i, o) => bail!("unsupported formats --in {i} --out {o} (use --in conllu --out conllu, or a sentence)"),
        },
        Command::Kb { command: KbCommand::Lookup { phrase, date, dicts } } => {
            let date = parse_date(date.as_deref())?;
            kb_lookup(&phrase, date, &dicts)
        }
        Command::Kb { command: KbCommand::Import { dir, out, patterns } } => kb_import(&dir, out.as_deref(), patterns.as_deref()),
    }
}

/// Read every input, report what was skipped (file and line), return the documents.
pub(crate) fn load(files: &[String], date: Option<Date>, format: Format) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for f in files {
        let bytes = match input::read_source(f) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(Skipped { place: f.clone(), reason: format!("cannot read: {e}") });
                continue;
            }
        };
        match format {
            Format::Text => match input::text_documents(f, &bytes, date) {
                Ok(d) => docs.push(d),
                Err(s) => skipped.push(s),
            },
            Format::Jsonl => {
                let (d, s) = input::jsonl_documents(f, &bytes, date);
                docs.extend(d);
                skipped.extend(s);
            }
        }
    }
    (docs, skipped)
}

fn report_skipped(skipped: &[Skipped]) -> ExitCode {
    for s in skipped {
        eprintln!("herald: skipped {s}");
    }
    if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("herald: {} record(s) skipped; the rest were coded", skipped.len());
        ExitCode::from(1)
    }
}

fn code(pipeline: &Pipeline, files: &[String], date: Option<Date>, format: Format, out: Out, all: bool) -> Result<ExitCode> {
    let (docs, skipped) = load(files, date, format);
    // Every document is coded first, then the run's documents are compared
    // (the same event in several reports: corroboration, conflicts), then
    // printed: the output of a run waits for its last document.
    let mut outputs: Vec<(Vec<serde_json::Value>, Vec<usize>)> = Vec::with_capacity(docs.len());
    let mut claims: Vec<herald_claims::DocClaims> = Vec::with_capacity(docs.len());
    for doc in &docs {
        let p = pipeline.process(doc);
        let listed = output::listed(&p, all);
        let values = match out {
            Out::Docs => vec![output::doc_json(&p, all)],
            Out::Events => listed
                .iter()
                .map(|&i| {
                    let mut v = output::event_json(&p, &p.coded.events[i]);
                    if let Some(o) = v.as_object_mut() {
                        o.insert("doc".into(), serde_json::json!(doc.id));
                    }
                    v
                })
                .collect(),
        };
        outputs.push((values, listed));
        claims.push(p.claims);
    }
    herald_claims::compare(&mut claims, herald_claims::WINDOW_DAYS);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for ((mut values, listed), c) in outputs.into_iter().zip(&claims) {
        match out {
            Out::Docs => {
                for v in &mut values {
                    output::attach_claims(v, &listed, c);
                }
            }
            Out::Events => {
                for (v, &i) in values.iter_mut().zip(&listed) {
                    output::add_event_claims(v, c.events.iter().find(|ec| ec.event == i));
                }
            }
        }
        for v in &values {
            serde_json::to_writer(&mut w, v)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;
    Ok(report_skipped(&skipped))
}

fn explain(pipeline: &Pipeline, sentence: &str, date: Option<Date>) -> Result<()> {
    let doc = Document { id: "explain".into(), date, text: sentence.to_string(), ..Default::default() };
    let p = pipeline.process(&doc);
    let text = &doc.text;
    let mut o = String::new();
    use std::fmt::Write as _;
    for (si, s) in p.analysis.sentences.iter().enumerate() {
        writeln!(o, "sentence {si}: {}", &text[s.byte_start..s.byte_end])?;
        let toks: Vec<String> = p.analysis.tokens[s.tok_start..s.tok_end]
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}:{}", i + s.tok_start, t.text(text)))
            .collect();
        writeln!(o, "  tokens: {}", toks.join(" "))?;
        // the dependency parse the coder reads (tagged and parsed by herald-syntax)
        let words: Vec<&str> = p.analysis.tokens[s.tok_start..s.tok_end].iter().map(|t| t.text(text)).collect();
        let parse = herald_core::Analyzer::analyze(&herald_pipeline::EwtSyntax, &words);
        if parse.len() == words.len() {
            writeln!(o, "  parse:")?;
            for (i, w) in words.iter().enumerate() {
                let head = match parse.head[i] {
                    Some(h) => format!("{} {}", h + 1, words[h]),
                    None => "ROOT".into(),
                };
                writeln!(o, "    {:>3} {:<16} {:<6} {:<11} <- {}", i + 1, w, parse.upos[i], parse.rel[i], head)?;
            }
        }
    }
    writeln!(o, "actors:")?;
    for a in &p.actors {
        writeln!(o, "  {:?} [{}..{}] -> {}{} ({:?}{})", a.text, a.start, a.end, a.code,
            if a.also.is_empty() { String::new() } else { format!(" + {}", a.also.join(" + ")) },
            a.kind, a.entry.as_ref().map(|e| format!(", {e}")).unwrap_or_default())?;
    }
    writeln!(o, "time expressions:")?;
    for t in &p.timexes {
        writeln!(o, "  {:?} [{}..{}] {} {}", t.text, t.start, t.end, t.kind.as_str(), t.value)?;
    }
    writeln!(o, "places:")?;
    for pl in &p.places {
        writeln!(o, "  {:?} [{}..{}] {} ({}) {:.2},{:.2}", pl.text, pl.start, pl.end, pl.name, pl.country, pl.lat, pl.lon)?;
    }
    writeln!(o, "patterns:")?;
    for t in &p.coded.trace {
        writeln!(o, "  sentence {}: {:?} matched {} => {}: {}", t.sentence, t.trigger, t.pattern, t.code, t.outcome)?;
    }
    writeln!(o, "events:")?;
    let cb = pipeline.coder().codebook();
    for e in &p.coded.events {
        let entry = cb.get(&e.cameo);
        writeln!(
            o,
            "  {} -> {} {} {} [{}{}] date {}{}{}{}{}{}",
            e.source,
            e.target.as_deref().unwrap_or("-"),
            e.cameo,
            entry.map(|x| x.name.as_str()).unwrap_or("?"),
            e.plover.as_deref().unwrap_or("-"),
            e.mode.as_deref().map(|m| format!(" / {m}")).unwrap_or_default(),
            e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            e.date_text.as_ref().map(|t| format!(" (from {t:?})")).unwrap_or_default(),
            e.location.as_ref().map(|l| format!(" at {}", l.name)).unwrap_or_default(),
            e.attribution.as_ref().map(|a| format!(" according to {:?}", a.text)).unwrap_or_default(),
            if e.modality.is_factual() { String::new() } else { format!(" (not in default output: {:?})", e.modality) },
            e.quantities.iter().map(|q| format!(" {}={} ({:?})", q.kind, q.value, q.text)).collect::<String>(),
        )?;
    }
    let claims = herald_claims::alone(&p.claims);
    writeln!(o, "claims:")?;
    for ec in &claims.events {
        let e = &p.coded.events[ec.event];
        writeln!(o, "  event {} -> {} {} (sentence {}): {}, {}", e.source, e.target.as_deref().unwrap_or("-"), e.cameo, e.sentence, ec.claimant.label(), ec.stance.as_str())?;
        for a in &ec.accounts {
            writeln!(
                o,
                "    account of {} ({}{}), sentences {:?}{}{}{}{}",
                a.claimant.label(),
                a.stance.as_str(),
                if a.cue.is_empty() { String::new() } else { format!(": {:?}", a.cue) },
                a.sentences,
                if a.parties.is_empty() { String::new() } else { format!("; names {}", a.parties.iter().map(|(c, t)| format!("{t} ({c})")).collect::<Vec<_>>().join(", ")) },
                if a.topics.is_empty() { String::new() } else { format!("; topics {:?}", a.topics) },
                a.date.as_ref().map(|(d, t)| format!("; date {d} ({t:?})")).unwrap_or_default(),
                if a.omits.is_empty() { String::new() } else { format!("; omits {:?}", a.omits) },
            )?;
        }
    }
    writeln!(o, "flags:")?;
    for f in &claims.flags {
        writeln!(o, "  {} {:?} [{}..{}]: {}", f.kind, f.text, f.start, f.end, f.message)?;
        writeln!(o, "    claim: {}; known: {} ({})", f.claim, f.known, f.source)?;
        for step in &f.why {
            writeln!(o, "    because {step}")?;
        }
    }
    print!("{o}");
    Ok(())
}

fn eval(pipeline: &Pipeline, gold_path: &str, json: bool) -> Result<ExitCode> {
    let gold = herald_eval::load_jsonl(std::path::Path::new(gold_path)).with_context(|| format!("reading {gold_path}"))?;
    let (docs, skipped) = load(&[gold_path.to_string()], None, Format::Jsonl);
    let preds: Vec<serde_json::Value> = docs.iter().map(|d| output::doc_json(&pipeline.process(d), false)).collect();
    let report = herald_eval::score(&gold, &preds);
    if json {
        println!("{}", report.to_json_string());
    } else {
        print!("{}", report.render(gold_path, "herald"));
    }
    Ok(report_skipped(&skipped))
}

fn kb_import(dir: &str, out: Option<&str>, patterns_out: Option<&str>) -> Result<ExitCode> {
    let (dict, errors) = dicts::load(&[dir.to_string()])?;
    for e in &errors {
        eprintln!("herald: dictionary: {e}");
    }
    let c = dict.counts();
    println!("{dir}: {c:?}");
    let tr = herald_dict::herald::verb_patterns(&dict);
    println!("verb patterns: {} translated to herald's format, {} left out", tr.translated, tr.skipped.len());
    for s in &tr.skipped {
        println!("  left out: {s}");
    }
    if let Some(p) = patterns_out {
        std::fs::write(p, &tr.text).with_context(|| format!("writing {p}"))?;
        println!("wrote the translated patterns to {p}");
    }
    let default_out = format!("{}.{}", dir.trim_end_matches('/'), dicts::COMPILED_EXT);
    let out = out.unwrap_or(&default_out);
    std::fs::write(out, dict.to_bytes()).with_context(|| format!("writing {out}"))?;
    println!("wrote {out}");
    if errors.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("herald: {} dictionary entr(ies) skipped; the rest was imported", errors.len());
        Ok(ExitCode::from(1))
    }
}

fn kb_lookup(phrase: &str, date: Option<Date>, dict_paths: &[String]) -> Result<ExitCode> {
    if !dict_paths.is_empty() {
        let (dict, errors) = dicts::load(dict_paths)?;
        dicts::report(&errors);
        let resolved = dict.resolve_actor(phrase, date);
        for m in dict.lookup_actor(phrase, date) {
            let mark = if resolved.as_ref() == Some(&m) { "  <- resolved" } else { "" };
            println!("{phrase:?}: {} ({}) from {}:{} (entry {:?} at line {}){mark}", m.code, m.role_dates, m.file, m.line, m.entry, m.entry_line);
        }
    }
    let pipeline = Pipeline::new();
    let kb = pipeline.kb();
    let tokens = herald_text::tokenize(phrase);
    let mentions = kb.find_actors(phrase, &tokens, date);
    let when = date.map_or("latest known".to_string(), |d| d.to_string());
    if mentions.is_empty() {
        let resolved = kb.resolve_phrase(phrase, None, date);
        match resolved {
            Some(code) => println!("{phrase:?} on {when}: {code} (phrase resolution, herald's built-in knowledge base)"),
            None => println!("{phrase:?} on {when}: no actor in herald's built-in knowledge base"),
        }
        return Ok(ExitCode::SUCCESS);
    }
    for m in &mentions {
        println!("{:?} on {when}: {} ({:?})", m.text, m.code, m.kind);
        let Some(entry) = &m.entry else { continue };
        if let Some(person) = kb.people().iter().find(|p| &p.name == entry) {
            println!("  person: {} (crates/herald-kb/data/people.tsv)", person.name);
            if !person.aliases.is_empty() {
                println!("  aliases: {}", person.aliases.join("; "));
            }
            for t in &person.terms {
                let covers = date.is_none_or(|d| t.start.is_none_or(|s| s <= d) && t.end.is_none_or(|e| d <= e));
                println!(
                    "  term: {} from {} to {}{}",
                    t.code,
                    t.start.map_or("always".to_string(), |d| d.to_string()),
                    t.end.map_or("now".to_string(), |d| d.to_string()),
                    if covers && date.is_some() { "  <- holds on this date" } else { "" }
                );
            }
        } else if let Some(org) = kb.organizations().iter().find(|o| &o.name == entry) {
            println!("  organisation: {} = {} (crates/herald-kb/data/organizations.tsv)", org.name, org.code);
        } else if let Some(c) = kb.countries().iter().find(|c| &c.name == entry) {
            println!("  country: {} = {} (crates/herald-kb/data/countries.tsv)", c.name, c.code);
        } else {
            println!("  entry: {entry}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
