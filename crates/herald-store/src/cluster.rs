//! Cross-document dedupe: mentions of one real-world event become one event.
//!
//! Two mentions are of the same event when they have the same source and
//! target codes and CAMEO root, their dates are within the window of the
//! event's first date (default ±1 day; undated mentions only join undated
//! ones), and their places are compatible (the same country, or one of them
//! without a place). Mentions are taken in a fixed order — date, then the
//! document's content hash, then the mention's index — and each joins the
//! first open event it fits, so the events are a function of the set of
//! stored mentions, not of the order documents arrived in.
//!
//! An event's CAMEO code and PLOVER type are its mentions' most frequent
//! (ties: the smallest code); its date is its first mention's; its place the
//! first place named; `n_claimants` counts distinct claimants (an outlet's
//! own voice is one), `party_only` says every mention is a party's own word
//! (its state media, or the party itself for force it used);
//! `n_sources` counts distinct outlets (a document with no
//! known outlet counts as a source of its own); its id is its lowest mention
//! id, so ids stay put when later mentions join.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Transaction};

use crate::Result;

struct M {
    id: i64,
    event: Option<i64>,
    cameo: String,
    plover: Option<String>,
    mode: Option<String>,
    quad_class: Option<i64>,
    goldstein: Option<f64>,
    date: Option<String>,
    days: Option<i64>,
    place_name: Option<String>,
    country: Option<String>,
    place_kind: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    doc: i64,
    outlet: String,
    /// The outlet's own voice as a claimant: `outlet:NAME`.
    outlet_key: String,
    party_claim: bool,
    /// The claimants its document gives (keys).
    claimants: Vec<String>,
    /// Told in the outlet's own voice too (or attributed to nobody).
    outlet_voice: bool,
}

struct Cluster {
    anchor: Option<i64>,
    country: Option<String>,
    members: Vec<usize>,
}

/// Re-cluster the mentions of one (source, target, root) and rewrite its events.
pub fn recluster_key(tx: &Transaction<'_>, key: &(String, String, String), window_days: i64) -> Result<()> {
    let (source, target, root) = key;
    let ms: Vec<M> = {
        let mut st = tx.prepare_cached(
            "SELECT m.id, m.event, m.cameo, m.plover, m.mode, m.quad_class, m.goldstein, m.date, m.date_days, m.place_name,
                    m.place_country, m.place_kind, m.lat, m.lon, m.doc, coalesce(d.outlet, d.url, '#' || d.hash),
                    'outlet:' || coalesce(d.outlet, d.url, '#' || d.hash), m.party_claim, m.claimants, m.outlet_voice
             FROM mentions m JOIN documents d ON d.id = m.doc
             WHERE m.source = ?1 AND m.target = ?2 AND m.root = ?3
             ORDER BY m.date_days IS NULL, m.date_days, d.hash, m.idx",
        )?;
        let rows = st.query_map(params![source, target, root], |r| {
            Ok(M {
                id: r.get(0)?,
                event: r.get(1)?,
                cameo: r.get(2)?,
                plover: r.get(3)?,
                mode: r.get(4)?,
                quad_class: r.get(5)?,
                goldstein: r.get(6)?,
                date: r.get(7)?,
                days: r.get(8)?,
                place_name: r.get(9)?,
                country: r.get(10)?,
                place_kind: r.get(11)?,
                lat: r.get(12)?,
                lon: r.get(13)?,
                doc: r.get(14)?,
                outlet: r.get(15)?,
                outlet_key: r.get(16)?,
                party_claim: r.get::<_, i64>(17)? != 0,
                claimants: r.get::<_, Option<String>>(18)?.map(|c| c.split('|').map(str::to_string).collect()).unwrap_or_default(),
                outlet_voice: r.get::<_, i64>(19)? != 0,
            })
        })?;
        rows.collect::<Result<_>>()?
    };
    let mut clusters: Vec<Cluster> = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        let fits = |c: &Cluster| {
            let dates = match (c.anchor, m.days) {
                (Some(a), Some(d)) => (d - a).abs() <= window_days,
                (None, None) => true,
                _ => false,
            };
            let places = match (&c.country, &m.country) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            dates && places
        };
        match clusters.iter_mut().find(|c| fits(c)) {
            Some(c) => {
                if c.country.is_none() {
                    c.country = m.country.clone();
                }
                c.members.push(i);
            }
            None => clusters.push(Cluster { anchor: m.days, country: m.country.clone(), members: vec![i] }),
        }
    }
    tx.prepare_cached("DELETE FROM events WHERE source = ?1 AND target = ?2 AND root = ?3")?.execute(params![source, target, root])?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO events (id, source, target, cameo, root, plover, mode, quad_class, goldstein, date, date_days, last_date,
           place_name, place_country, place_kind, lat, lon, n_mentions, n_sources, n_articles, n_claimants, party_only)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    )?;
    let mut upd = tx.prepare_cached("UPDATE mentions SET event = ?1 WHERE id = ?2")?;
    for c in &clusters {
        let members: Vec<&M> = c.members.iter().map(|&i| &ms[i]).collect();
        let id = members.iter().map(|m| m.id).min().unwrap_or_default();
        let first = members[0];
        let cameo = most_frequent(members.iter().map(|m| Some(m.cameo.clone()))).unwrap_or_else(|| first.cameo.clone());
        let rep = members.iter().find(|m| m.cameo == cameo).copied().unwrap_or(first);
        let plover = most_frequent(members.iter().map(|m| m.plover.clone()));
        let mode = most_frequent(members.iter().map(|m| m.mode.clone()));
        let place = members.iter().find(|m| m.place_name.is_some()).copied();
        let last_date = members.iter().filter_map(|m| m.days.map(|d| (d, m.date.clone()))).max_by_key(|x| x.0).and_then(|x| x.1);
        let sources: BTreeSet<&str> = members.iter().map(|m| m.outlet.as_str()).collect();
        let articles: BTreeSet<i64> = members.iter().map(|m| m.doc).collect();
        let claimants: BTreeSet<&str> = members
            .iter()
            .flat_map(|m| m.claimants.iter().map(String::as_str).chain((m.outlet_voice || m.claimants.is_empty()).then_some(m.outlet_key.as_str())))
            .collect();
        let party_only = members.iter().all(|m| m.party_claim);
        ins.execute(params![
            id,
            source,
            target,
            cameo,
            root,
            plover,
            mode,
            rep.quad_class,
            rep.goldstein,
            first.date,
            first.days,
            last_date,
            place.and_then(|p| p.place_name.clone()),
            place.and_then(|p| p.country.clone()),
            place.and_then(|p| p.place_kind.clone()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            members.len() as i64,
            sources.len() as i64,
            articles.len() as i64,
            claimants.len() as i64,
            party_only as i64
        ])?;
        for m in &members {
            if m.event != Some(id) {
                upd.execute(params![id, m.id])?;
            }
        }
    }
    Ok(())
}

fn most_frequent(it: impl Iterator<Item = Option<String>>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for s in it.flatten() {
        *counts.entry(s).or_default() += 1;
    }
    // highest count; BTreeMap order makes the smallest code win ties
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(s, _)| s)
}
