//! herald's claims stage: **who says so**, and does it agree?
//!
//! News is claims. For every coded event this stage finds:
//!
//! - its **accounts**: each claimant the text attributes the event (or a
//!   sentence about it) to, such as the Kremlin (`RUSGOV`) or KCNA
//!   (`PRKMED`), or the outlet itself where the text names nobody; the
//!   attribution verb's **stance** (a report, an assessment or belief, an
//!   allegation, a denial); and the details each account gives (other
//!   parties, topics, the date, numbers) or, by the text's own word, omits
//!   ("the North Korean statement did not mention ...");
//! - its **corroboration** across the documents of a run: independent
//!   claimants and outlets, single-source events, events carried only by the
//!   state media of a party to them;
//! - **flags** on the document: numbers or dates for the same event that
//!   disagree beyond their hedges, dates that conflict with a known anchor
//!   fact ([`anchors`]), denials of what another claimant reports, the
//!   differences between accounts, and events only a party's own media
//!   carry. Each flag says what the text claims, what is known and from
//!   where, and why (`why`), so that `herald explain` can show the reasoning.
//!
//! [`analyze`] reads one document; [`compare`] then links the events of all
//! the documents of a run. No IO: the anchor facts and the state-media list
//! are embedded, and users add their own through [`anchors::Anchors::parse`].

pub mod anchors;
mod text;

use herald_core::{ActorMention, Attribution, Date, DateValue, Event, Precision, Quantity, Sentence, Timex, Token};

use anchors::Anchors;

/// What an attribution verb says of its claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    /// "said", "reported", "according to", "announced", or the outlet's own voice.
    Report,
    /// "believes", "assessed", "estimates", "according to ... assessments".
    Assessment,
    /// "alleged", "claimed", "accused".
    Allegation,
    /// "denied", "rejected", "dismissed".
    Denial,
}

impl Stance {
    /// Lower-case name, as output: `report`, `assessment`, `allegation`, `denial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Report => "report",
            Stance::Assessment => "assessment",
            Stance::Allegation => "allegation",
            Stance::Denial => "denial",
        }
    }

    /// The stance of an attribution cue ("believes") and the claimant's
    /// phrase ("South Korean assessments": an assessment whatever the cue).
    pub fn of(cue: &str, claimant: &str) -> Stance {
        let cue = cue.to_lowercase();
        let head = claimant.to_lowercase();
        let cue_word = cue.split_whitespace().next().unwrap_or("");
        if text::one_of(cue_word, &["denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed", "dismisses", "refuted", "refutes"]) {
            return Stance::Denial;
        }
        if text::one_of(cue_word, &["alleged", "alleges", "claimed", "claims", "claim", "accused", "accuses", "charged", "insisted", "insists", "asserted", "asserts"]) {
            return Stance::Allegation;
        }
        if text::one_of(cue_word, &["believes", "believe", "believed", "assessed", "assesses", "estimated", "estimates", "thinks", "thought", "suspects", "suspected", "judged", "judges", "suggested", "suggests", "indicated", "indicates"]) {
            return Stance::Assessment;
        }
        let last = head.split_whitespace().last().unwrap_or("");
        if text::one_of(last, &["assessment", "assessments", "estimate", "estimates", "intelligence", "analysts", "analysis", "believes"]) {
            return Stance::Assessment;
        }
        Stance::Report
    }
}

/// Who makes a claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Claimant {
    /// Actor code, when the phrase resolves ("RUSGOV" for "the Kremlin").
    pub code: Option<String>,
    /// The phrase ("the Kremlin"), or the outlet's name.
    pub text: String,
    /// True when the text attributes the claim to nobody: the outlet's own voice.
    pub outlet: bool,
    /// The country whose state media the claimant is ("PRK" for KCNA).
    pub state_media_of: Option<String>,
}

impl Claimant {
    /// A key that says when two claimants are the same: the code, or the
    /// lower-cased phrase.
    pub fn key(&self) -> String {
        match &self.code {
            Some(c) if !c.starts_with("---") => c.clone(),
            _ => self.text.to_lowercase(),
        }
    }

    /// The claimant for an attribution frame.
    pub fn of_frame(a: &Attribution) -> Claimant {
        Claimant { code: a.code.clone(), text: a.text.clone(), outlet: false, state_media_of: text::state_media(&a.text, a.code.as_deref()) }
    }

    /// The outlet's own voice.
    pub fn of_outlet(outlet: Option<&str>) -> Claimant {
        Claimant { code: None, text: outlet.unwrap_or("the outlet").to_string(), outlet: true, state_media_of: outlet.and_then(|o| text::state_media(o, None)) }
    }

    /// Its country: the code's first three letters.
    pub fn country(&self) -> Option<&str> {
        self.code.as_deref().filter(|c| c.len() >= 3 && !c.starts_with("---")).map(|c| &c[..3])
    }

    /// "the Kremlin (RUSGOV)".
    pub fn label(&self) -> String {
        match &self.code {
            Some(c) if !self.outlet => format!("{} ({c})", self.text),
            _ => self.text.clone(),
        }
    }
}

/// One claimant's account of an event in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Who says so.
    pub claimant: Claimant,
    /// What the attribution verb says of it.
    pub stance: Stance,
    /// The cue ("said", "according to"); empty for the outlet's own voice.
    pub cue: String,
    /// The sentences of the account (indices).
    pub sentences: Vec<usize>,
    /// Codes of the other parties it names (neither the source's nor the target's country).
    pub parties: Vec<(String, String)>,
    /// What it says was discussed or raised ("the preparations for the Alaska summit").
    pub topics: Vec<String>,
    /// The date it gives, with its wording.
    pub date: Option<(DateValue, String)>,
    /// The numbers it gives.
    pub quantities: Vec<Quantity>,
    /// What the text says it leaves out ("the discussion about Mr Putin and Mr Trump's talks").
    pub omits: Vec<String>,
    /// Character offsets of the claimant's phrase in the account's first
    /// sentence, or of that sentence for the outlet's own voice.
    pub span: (usize, usize),
    /// The text at `span`.
    pub span_text: String,
}

/// How well an event is sourced across the documents of a run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Corroboration {
    /// Distinct claimants (the outlets' own voices included), as labels.
    pub claimants: Vec<String>,
    /// Distinct outlets that carry it.
    pub outlets: Vec<String>,
    /// Documents that carry it.
    pub documents: usize,
    /// One claimant only.
    pub single_source: bool,
    /// Carried only by the state media of a party to the event.
    pub party_media_only: bool,
    /// Where two claimants or more tell it: per claimant, the details it
    /// gives that no other claimant does (other parties, topics, a date,
    /// numbers), so that what each leaves out shows.
    pub differences: Vec<(String, Vec<String>)>,
}

/// The claims about one event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventClaims {
    /// Index of the event in the document's event list.
    pub event: usize,
    /// The main claimant: the first account's.
    pub claimant: Claimant,
    /// The main account's stance.
    pub stance: Stance,
    /// Every account, the main one first.
    pub accounts: Vec<Account>,
    /// Filled in by [`compare`].
    pub corroboration: Corroboration,
    /// Cluster number within the run (events of one cluster are the same
    /// real-world event), filled in by [`compare`].
    pub cluster: usize,
    /// Denials of this event told in other documents of the run (found by
    /// [`compare`]).
    pub denied_elsewhere: Vec<(usize, Account)>,
    key: EventKey,
}

impl EventClaims {
    /// Is account `a` a party's own word on this event: the state media of
    /// either side, or the source itself for force it says it used (CAMEO
    /// 14-20; a victim's report, or a party's word on talks, is the usual
    /// source, not a self-report)? A denial never is.
    pub fn is_party_account(&self, a: &Account) -> bool {
        let k = &self.key;
        let sides = [k.source.as_str(), k.target.as_str()];
        let media_of_party = a.claimant.state_media_of.as_deref().is_some_and(|c| sides.contains(&c));
        let conflict = ["14", "15", "16", "17", "18", "19", "20"].iter().any(|r| k.cameo.starts_with(r));
        let news_agency = a.claimant.code.as_deref().is_some_and(|c| c.ends_with("MED")) && a.claimant.state_media_of.is_none();
        let domestic = k.source == k.target;
        let party_itself = conflict && !domestic && !news_agency && !a.claimant.outlet && a.claimant.country() == Some(k.source.as_str());
        (media_of_party || party_itself) && a.stance != Stance::Denial
    }
}

/// What identifies an event across documents.
#[derive(Debug, Clone, PartialEq)]
struct EventKey {
    source: String,
    target: String,
    cameo: String,
    /// The days (since 1970) the event's date covers (the document's day when unsaid).
    day: Option<(i64, i64)>,
    /// The date as the text gives it (explicit only), with its span.
    date: Option<(DateValue, String, usize, usize)>,
    quantities: Vec<Quantity>,
    symmetric: bool,
    trigger: String,
}

/// A problem with a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// `date_conflict`, `number_conflict`, `disputed`, `account_difference`, `single_source`.
    pub kind: &'static str,
    /// The text the flag is about, and its character offsets.
    pub text: String,
    /// Start character offset.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// What the text claims.
    pub claim: String,
    /// What is known instead (another account, an anchor fact).
    pub known: String,
    /// Where that is known from: a reference, or another document and its claimant.
    pub source: String,
    /// A short message.
    pub message: String,
    /// The reasoning, step by step.
    pub why: Vec<String>,
    /// The event the flag is about (index in the document's event list), if one.
    pub event: Option<usize>,
}

/// The claims of one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocClaims {
    /// Document id.
    pub id: String,
    /// Outlet, from the metadata.
    pub outlet: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Per factual event.
    pub events: Vec<EventClaims>,
    /// Flags, in text order after [`compare`].
    pub flags: Vec<Flag>,
    /// Denials that name no event of this document ("Armenia's Defence
    /// Ministry denied that its forces shelled ..."): [`compare`] looks for
    /// the event in the run's other documents.
    pub denials: Vec<Denial>,
}

/// A denial not yet linked to an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Denial {
    /// The denier's account (stance [`Stance::Denial`]).
    pub account: Account,
    /// The denier's country.
    pub country: String,
    /// What it denies (lower-case words).
    pub object: String,
}

/// One coded document, as the claims stage reads it.
pub struct DocView<'a> {
    /// Document id.
    pub id: &'a str,
    /// Publication date.
    pub date: Option<Date>,
    /// Outlet, from the metadata.
    pub outlet: Option<&'a str>,
    /// The text.
    pub text: &'a str,
    /// Tokens.
    pub tokens: &'a [Token],
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// The coder's events (all of them; only factual ones are read).
    pub events: &'a [Event],
    /// The coder's attribution frame per sentence (may be empty).
    pub frames: &'a [Option<Attribution>],
    /// Actor mentions after coreference.
    pub actors: &'a [ActorMention],
    /// Time expressions.
    pub timexes: &'a [Timex],
}

fn country(code: &str) -> &str {
    if code.len() >= 3 && !code.starts_with("---") {
        &code[..3]
    } else {
        code
    }
}

impl DocView<'_> {
    fn sentence_text(&self, s: usize) -> &str {
        let s = &self.sentences[s];
        &self.text[s.byte_start..s.byte_end]
    }
    fn frame(&self, s: usize) -> Option<&Attribution> {
        self.frames.get(s).and_then(Option::as_ref)
    }
    fn mentions_in(&self, s: usize) -> impl Iterator<Item = &ActorMention> {
        let sent = &self.sentences[s];
        self.actors.iter().filter(move |m| m.tok_start >= sent.tok_start && m.tok_end <= sent.tok_end)
    }
    /// Codes named in sentence `s` (a mention's further codes included).
    fn codes_in(&self, s: usize) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for m in self.mentions_in(s) {
            for c in std::iter::once(&m.code).chain(m.also.iter()) {
                if !c.starts_with("---") && !v.contains(c) {
                    v.push(c.clone());
                }
            }
        }
        v
    }
    /// The sentence holding character offset `c`.
    fn sentence_at(&self, c: usize) -> Option<usize> {
        self.sentences.iter().position(|s| s.start <= c && c < s.end)
    }
}

/// Read the claims of one document: the accounts of each factual event,
/// the omissions the text states, and the dates that conflict with an
/// anchor fact.
pub fn analyze(view: &DocView<'_>, anchors: &Anchors) -> DocClaims {
    let mut out = DocClaims { id: view.id.to_string(), outlet: view.outlet.map(str::to_string), date: view.date, ..Default::default() };
    let factual: Vec<usize> = (0..view.events.len()).filter(|&i| view.events[i].modality.is_factual()).collect();
    // sentences that carry an event of their own
    let mut own: Vec<bool> = vec![false; view.sentences.len()];
    for &i in &factual {
        for &s in &view.events[i].mention_sentences {
            if let Some(o) = own.get_mut(s) {
                *o = true;
            }
        }
    }
    for &i in &factual {
        let e = &view.events[i];
        let mut accounts: Vec<Account> = Vec::new();
        let mut sentences: Vec<usize> = e.mention_sentences.clone();
        sentences.sort_unstable();
        sentences.dedup();
        for &s in &sentences {
            add_to_account(view, &mut accounts, s, e, true);
        }
        // later sentences that tell of this event in someone's words
        for t in e.sentence + 1..view.sentences.len() {
            if sentences.contains(&t) || view.frame(t).is_none() {
                continue;
            }
            if refers_to(view, t, i, &factual, &own) {
                add_to_account(view, &mut accounts, t, e, false);
            }
        }
        // the main account: the first attributed one, else the outlet's
        let main = accounts.iter().position(|a| !a.claimant.outlet).unwrap_or(0);
        let (claimant, stance) = accounts.get(main).map_or((Claimant::of_outlet(view.outlet), Stance::Report), |a| (a.claimant.clone(), a.stance));
        if main > 0 {
            let a = accounts.remove(main);
            accounts.insert(0, a);
        }
        let explicit = e.date_explicit.then_some(()).and(e.date).and_then(|d| {
            let t = e.date_text.as_deref()?;
            let tx = view.timexes.iter().find(|x| x.text == t && x.start >= e.start && x.end <= e.end.max(x.end) && view.sentence_at(x.start) == Some(e.sentence))?;
            Some((d, t.to_string(), tx.start, tx.end))
        });
        let key = EventKey {
            source: country(&e.source).to_string(),
            target: e.target.as_deref().map(country).unwrap_or("").to_string(),
            cameo: e.cameo.clone(),
            day: e.date.map(interval).or_else(|| view.date.map(|d| (d.to_days(), d.to_days()))),
            date: explicit,
            quantities: e.quantities.clone(),
            symmetric: e.pair.is_some(),
            trigger: e.trigger.clone(),
        };
        out.events.push(EventClaims { event: i, claimant, stance, accounts, corroboration: Corroboration::default(), cluster: usize::MAX, denied_elsewhere: Vec::new(), key });
    }
    omissions(view, &mut out);
    denials(view, &mut out);
    out.flags.extend(anchors.date_flags(view));
    out
}

/// "Israel denied carrying out the strike": a denial by the actor named
/// before the verb is its account, with the stance of a denial, of the
/// event it did (its source) or stands accused of (the target of an
/// accusation or criticism, CAMEO 11 and 12), the latest in the document.
fn denials(view: &DocView<'_>, out: &mut DocClaims) {
    for s in 0..view.sentences.len() {
        let sent = &view.sentences[s];
        // "denied ..."; "rejected" and "dismissed" only of a claim ("rejected the accusation"), not of an offer
        let claim_noun = |k: usize| (k + 1..(k + 5).min(sent.tok_end)).any(|q| text::one_of(view.tokens[q].norm.as_str(), &["accusation", "accusations", "allegation", "allegations", "claim", "claims", "report", "reports", "charge", "charges", "suggestion", "suggestions", "involvement", "responsibility"]));
        let Some(v) = (sent.tok_start..sent.tok_end).find(|&k| {
            let w = view.tokens[k].norm.as_str();
            text::one_of(w, &["denied", "denies", "deny", "denying"]) || (text::one_of(w, &["rejected", "rejects", "dismissed", "dismisses"]) && claim_noun(k))
        }) else {
            continue;
        };
        // the subject: the nearest actor before the verb, in its clause
        let Some(m) = view.mentions_in(s).filter(|m| m.tok_end <= v && (m.tok_end..v).all(|q| !matches!(view.tokens[q].norm.as_str(), "," | ";" | "that" | "which"))).last() else { continue };
        let Some(c) = Some(country(&m.code).to_string()).filter(|c| c.len() == 3 && !c.starts_with('-')) else { continue };
        // what is denied must name the event's act: a word of its trigger,
        // or an act of the same family ("denied carrying out a strike" of
        // "accused Israel of attacking")
        let object: String = view.tokens[v + 1..sent.tok_end].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
        let names_act = |e: &Event| text::same_act(&object, &e.trigger);
        let target = |ec: &EventClaims| {
            let e = &view.events[ec.event];
            (ec.key.source == c || (ec.key.target == c && (e.cameo.starts_with("11") || e.cameo.starts_with("12")))) && names_act(e)
        };
        let claimant = Claimant { code: Some(m.code.clone()), text: m.text.clone(), outlet: false, state_media_of: text::state_media(&m.text, Some(&m.code)) };
        let account = Account {
            claimant: claimant.clone(),
            stance: Stance::Denial,
            cue: view.tokens[v].norm.clone(),
            sentences: vec![s],
            parties: Vec::new(),
            topics: Vec::new(),
            date: None,
            quantities: Vec::new(),
            omits: Vec::new(),
            span: (m.start, m.end),
            span_text: m.text.clone(),
        };
        let Some(k) = out.events.iter().enumerate().filter(|(_, ec)| target(ec)).min_by_key(|(_, ec)| (view.events[ec.event].sentence as i64 - s as i64).abs()).map(|(k, _)| k) else {
            out.denials.push(Denial { account, country: c.clone(), object });
            continue;
        };
        let ec = &mut out.events[k];
        if ec.accounts.iter().any(|a| a.claimant.key() == claimant.key() && a.stance == Stance::Denial) {
            continue;
        }
        ec.accounts.push(account);
    }
}

/// Adds sentence `s` to the account of its claimant (a new account if the
/// claimant has none yet). `mention`: the sentence is one of the event's
/// own mentions (its target, date and numbers are the account's).
fn add_to_account(view: &DocView<'_>, accounts: &mut Vec<Account>, s: usize, e: &Event, mention: bool) {
    let claimant = view.frame(s).map_or_else(|| Claimant::of_outlet(view.outlet), Claimant::of_frame);
    let (stance, cue) = view.frame(s).map_or((Stance::Report, String::new()), |a| (Stance::of(&a.cue, &a.text), a.cue.clone()));
    let idx = match accounts.iter().position(|a| a.claimant.key() == claimant.key()) {
        Some(i) => i,
        None => {
            let sent = &view.sentences[s];
            let st = &view.text[sent.byte_start..sent.byte_end];
            let (span, span_text) = match view.frame(s).and_then(|f| st.find(f.text.as_str()).map(|p| (p, f.text.len()))) {
                Some((p, n)) => ((char_at(view.text, sent.byte_start + p), char_at(view.text, sent.byte_start + p + n)), st[p..p + n].to_string()),
                None => ((sent.start, sent.end), st.to_string()),
            };
            accounts.push(Account { claimant: claimant.clone(), stance, cue, sentences: Vec::new(), parties: Vec::new(), topics: Vec::new(), date: None, quantities: Vec::new(), omits: Vec::new(), span, span_text });
            accounts.len() - 1
        }
    };
    let a = &mut accounts[idx];
    if !a.sentences.contains(&s) {
        a.sentences.push(s);
    }
    let sides = [country(&e.source).to_string(), e.target.as_deref().map(country).unwrap_or("").to_string()];
    let claimant_country = claimant.country().map(str::to_string);
    for m in view.mentions_in(s) {
        for c in std::iter::once(&m.code).chain(m.also.iter()) {
            let k = country(c);
            if c.starts_with("---") || sides.iter().any(|x| x == k) || claimant_country.as_deref() == Some(k) || a.parties.iter().any(|(x, _)| x == c) {
                continue;
            }
            // the claimant's own phrase is not a party ("the Kremlin said")
            if view.frame(s).is_some_and(|f| f.text.contains(m.text.as_str())) {
                continue;
            }
            a.parties.push((c.clone(), m.text.clone()));
        }
    }
    for t in text::topics(view.sentence_text(s)) {
        if !a.topics.contains(&t) {
            a.topics.push(t);
        }
    }
    if mention {
        if a.date.is_none() && e.date_explicit {
            if let (Some(d), Some(t)) = (e.date, &e.date_text) {
                a.date = Some((d, t.clone()));
            }
        }
        if s == e.sentence {
            a.quantities.extend(e.quantities.iter().cloned());
        }
    } else {
        let sent = &view.sentences[s];
        a.quantities.extend(herald_coder::plover::quantities(view.text, view.tokens, sent));
    }
}

/// Does framed sentence `t`, which may have no event of its own, tell of
/// event `i`? When it names the event ("during the phone call", "the
/// talks") and `i` is the latest event of that kind before it; or when its
/// actors are both of `i`'s sides, it has no event of its own, and `i` is
/// the latest such event, within five sentences.
fn refers_to(view: &DocView<'_>, t: usize, i: usize, factual: &[usize], own: &[bool]) -> bool {
    let e = &view.events[i];
    let before = |j: usize| view.events[j].sentence < t;
    if let Some(roots) = text::event_noun_roots(view.sentence_text(t)) {
        let latest = factual.iter().copied().filter(|&j| before(j) && roots.iter().any(|r| view.events[j].cameo.starts_with(r))).max_by_key(|&j| view.events[j].sentence);
        return latest.is_some_and(|j| same_event(view, i, j));
    }
    if own.get(t).copied().unwrap_or(false) || t > e.sentence + 5 {
        return false;
    }
    let codes = view.codes_in(t);
    let has = |c: &str| codes.iter().any(|x| x == c);
    let both = |j: usize| {
        let ej = &view.events[j];
        ej.target.as_deref().is_some_and(|tg| has(tg)) && has(&ej.source)
    };
    if !both(i) {
        return false;
    }
    let latest = factual.iter().copied().filter(|&j| before(j) && both(j)).max_by_key(|&j| view.events[j].sentence);
    latest.is_some_and(|j| same_event(view, i, j))
}

/// Events `i` and `j` are one: the same, or the two directions of a
/// symmetric event ("spoke": A -> B and B -> A).
fn same_event(view: &DocView<'_>, i: usize, j: usize) -> bool {
    let (a, b) = (&view.events[i], &view.events[j]);
    i == j || (a.cameo == b.cameo && a.pair.is_some() && a.pair == b.pair) || (a.cameo == b.cameo && Some(&a.source) == b.target.as_ref() && a.target.as_ref() == Some(&b.source) && a.mention_sentences.iter().any(|s| b.mention_sentences.contains(s)))
}

/// "the North Korean statement did not mention X": an account that, by the
/// text's own word, leaves X out. The omitting claimant is the one of the
/// subject's country; the event, one with an account of that country's; the
/// account that does give X, one whose parties or topics X names.
fn omissions(view: &DocView<'_>, out: &mut DocClaims) {
    for s in 0..view.sentences.len() {
        let st = view.sentence_text(s);
        let Some(om) = text::omission(st) else { continue };
        let sent = &view.sentences[s];
        let subj_lo = sent.byte_start + om.subject.0;
        let subj_hi = sent.byte_start + om.subject.1;
        let obj_lo = sent.byte_start + om.omitted.0;
        let obj_hi = sent.byte_start + om.omitted.1;
        let in_span = |m: &ActorMention, lo: usize, hi: usize| {
            let t = &view.tokens[m.tok_start];
            t.byte_start >= lo && view.tokens[m.tok_end - 1].byte_end <= hi
        };
        let subject_country = view.mentions_in(s).filter(|m| in_span(m, subj_lo, subj_hi)).find_map(|m| Some(country(&m.code).to_string()).filter(|c| c.len() == 3 && !c.starts_with('-')));
        let Some(sc) = subject_country else { continue };
        let omitted_codes: Vec<String> = view.mentions_in(s).filter(|m| in_span(m, obj_lo, obj_hi)).map(|m| m.code.clone()).collect();
        let omitted_text = view.text[obj_lo..obj_hi].trim().trim_end_matches('.').to_string();
        let omitted_words = text::content_words(&omitted_text);
        // the event: the latest one before this sentence with an account of the subject's country
        let Some(ei) = out
            .events
            .iter()
            .enumerate()
            .filter(|(_, ec)| view.events[ec.event].sentence < s && ec.accounts.iter().any(|a| a.claimant.country() == Some(sc.as_str()) || a.claimant.state_media_of.as_deref() == Some(sc.as_str())))
            .max_by_key(|(_, ec)| view.events[ec.event].sentence)
            .map(|(k, _)| k)
        else {
            continue;
        };
        let ec = &mut out.events[ei];
        let omitter = ec.accounts.iter().position(|a| a.claimant.country() == Some(sc.as_str()) || a.claimant.state_media_of.as_deref() == Some(sc.as_str())).expect("found above");
        // the account that gives it
        let giver = ec.accounts.iter().enumerate().filter(|&(k, _)| k != omitter).find_map(|(k, a)| {
            let party = a.parties.iter().find(|(c, _)| omitted_codes.iter().any(|o| country(o) == country(c)));
            let topic = a.topics.iter().find(|t| text::content_words(t).iter().any(|w| omitted_words.contains(w)));
            match (topic, party) {
                (Some(t), _) => Some((k, t.clone())),
                (None, Some((_, ptext))) => Some((k, a.topics.first().cloned().unwrap_or_else(|| format!("talks with {ptext}")))),
                _ => None,
            }
        });
        ec.accounts[omitter].omits.push(omitted_text.clone());
        let subject_text = view.text[subj_lo..subj_hi].trim().to_string();
        let om_label = ec.accounts[omitter].claimant.label();
        let (known, source, message) = match &giver {
            Some((k, what)) => {
                let g = &ec.accounts[*k];
                let gs = g.sentences.first().copied().unwrap_or(0);
                (
                    format!("{} says: {what}", g.claimant.label()),
                    format!("{} (sentence {gs})", g.claimant.label()),
                    format!("{}'s account includes {what}; {}'s account ({subject_text}) does not mention it.", text::capitalize(&g.claimant.text), om_label),
                )
            }
            None => (String::new(), String::new(), format!("{subject_text} ({om_label}) leaves out {omitted_text}.")),
        };
        let mut why = vec![
            format!("sentence {s} says \"{subject_text}\" does not mention \"{omitted_text}\""),
            format!("\"{subject_text}\" names {sc}: the account of {om_label}"),
            format!("that account is of the event in sentence {} ({} {} -> {})", view.events[ec.event].sentence, view.events[ec.event].cameo, view.events[ec.event].source, view.events[ec.event].target.as_deref().unwrap_or("-")),
        ];
        if let Some((k, what)) = &giver {
            why.push(format!("{} gives it: {what}", ec.accounts[*k].claimant.label()));
        }
        let start = char_at(view.text, subj_lo);
        let end = char_at(view.text, obj_hi);
        out.flags.push(Flag {
            kind: "account_difference",
            text: view.text[subj_lo..obj_hi].to_string(),
            start,
            end,
            claim: format!("{om_label}'s account does not mention {omitted_text}"),
            known,
            source,
            message,
            why,
            event: Some(ec.event),
        });
    }
}

/// Character offset of byte offset `b`.
pub(crate) fn char_at(text: &str, b: usize) -> usize {
    text[..b].chars().count()
}

/// The inclusive day interval a date value covers.
pub(crate) fn interval(d: DateValue) -> (i64, i64) {
    let lo = d.date.to_days();
    match d.precision {
        Precision::Day => (lo, lo),
        Precision::Month => {
            let first = Date { day: 1, ..d.date };
            (first.to_days(), first.add_months(1).to_days() - 1)
        }
        Precision::Year => {
            let first = Date { year: d.date.year, month: 1, day: 1 };
            (first.to_days(), Date { year: d.date.year + 1, month: 1, day: 1 }.to_days() - 1)
        }
    }
}

/// The range of values a quantity allows: its bounds, or the number itself.
fn range(q: &Quantity) -> (u64, u64) {
    let lo = q.low.unwrap_or(q.value);
    let hi = match (q.high, q.hedge.as_deref()) {
        (Some(h), _) => h,
        (None, Some(h)) if text::open_above(h) => u64::MAX,
        _ => q.value,
    };
    (lo.min(q.value), hi.max(q.value))
}

/// Link the events of a run's documents: events with the same sides (either
/// way round for symmetric ones), the same CAMEO root and dates within
/// `window_days` are one real-world event. Fills each event's
/// corroboration and cluster, and adds the flags between accounts:
/// numbers and dates that disagree, denials of what others report, and
/// events carried only by a party's own state media.
pub fn compare(docs: &mut [DocClaims], window_days: i64) {
    link_denials(docs, window_days);
    // (doc, event) per cluster
    let all: Vec<(usize, usize)> = docs.iter().enumerate().flat_map(|(d, dc)| (0..dc.events.len()).map(move |k| (d, k))).collect();
    let mut parent: Vec<usize> = (0..all.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let key = |(d, k): (usize, usize)| &docs[d].events[k].key;
    // bucket by sides and root, so the pairs compared are few
    let mut buckets: std::collections::HashMap<(String, String, String), Vec<usize>> = std::collections::HashMap::new();
    for (n, &de) in all.iter().enumerate() {
        let k = key(de);
        if k.target.is_empty() {
            continue;
        }
        // meetings, agreements and cooperation are joint acts: either side may be named first
        let joint = k.symmetric || ["03", "04", "05", "06"].iter().any(|r| k.cameo.starts_with(r));
        let (a, b) = if joint && k.target < k.source { (k.target.clone(), k.source.clone()) } else { (k.source.clone(), k.target.clone()) };
        buckets.entry((a, b, k.cameo.chars().take(2).collect())).or_default().push(n);
    }
    for members in buckets.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let (ki, kj) = (key(all[i]), key(all[j]));
                // the gap between the two dates' spans ("this month" covers the 19th)
                let close = match (ki.day, kj.day) {
                    (Some(a), Some(b)) => a.0.max(b.0) - a.1.min(b.1) <= window_days,
                    _ => false,
                };
                // within a document, only one event per sides and root is merged already: link
                // others only across documents
                if close && all[i].0 != all[j].0 {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    parent[ri] = rj;
                }
            }
        }
    }
    let mut clusters: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for n in 0..all.len() {
        let r = find(&mut parent, n);
        clusters.entry(r).or_default().push(n);
    }
    let mut new_flags: Vec<(usize, Flag)> = Vec::new();
    for (cn, members) in clusters.values().enumerate() {
        let evs: Vec<(usize, usize)> = members.iter().map(|&n| all[n]).collect();
        // corroboration
        let mut claimants: Vec<(String, String)> = Vec::new();
        let mut outlets: Vec<String> = Vec::new();
        let mut party_media = true;
        for &(d, k) in &evs {
            let ec = &docs[d].events[k];
            for a in &ec.accounts {
                let key = if a.claimant.outlet { format!("outlet:{}", a.claimant.text.to_lowercase()) } else { a.claimant.key() };
                if !claimants.iter().any(|(k, _)| *k == key) {
                    claimants.push((key, a.claimant.label()));
                }
                // the outlet's own voice, and any other claimant, count as another source
                if !ec.is_party_account(a) {
                    party_media = false;
                }
            }
            if let Some(o) = &docs[d].outlet {
                if !outlets.contains(o) {
                    outlets.push(o.clone());
                }
            }
        }
        let mut docs_n: Vec<usize> = evs.iter().map(|e| e.0).collect();
        docs_n.sort_unstable();
        docs_n.dedup();
        // what each claimant gives that none of the others does
        let mut details: Vec<(String, String, Vec<String>)> = Vec::new(); // (key, label, details)
        for &(d, k) in &evs {
            for a in &docs[d].events[k].accounts {
                let key = if a.claimant.outlet { format!("outlet:{}", a.claimant.text.to_lowercase()) } else { a.claimant.key() };
                let mut mine: Vec<String> = a.parties.iter().map(|(c, t)| format!("names {t} ({c})")).collect();
                mine.extend(a.topics.iter().map(|t| format!("topic: {t}")));
                mine.extend(a.date.iter().map(|(dv, t)| format!("date: {t} ({dv})")));
                mine.extend(a.quantities.iter().map(|q| format!("number: {}", q.text)));
                match details.iter_mut().find(|x| x.0 == key) {
                    Some(x) => x.2.extend(mine),
                    None => details.push((key, a.claimant.label(), mine)),
                }
            }
        }
        let differences: Vec<(String, Vec<String>)> = if details.len() < 2 {
            Vec::new()
        } else {
            details
                .iter()
                .map(|(key, label, mine)| {
                    let others: Vec<&String> = details.iter().filter(|x| &x.0 != key).flat_map(|x| &x.2).collect();
                    // a detail is shared when another claimant gives it: the same party,
                    // or a topic with most of its words
                    let shared = |m: &String| {
                        others.iter().any(|o| {
                            *o == m
                                || (m.starts_with("names ") && o.starts_with("names ") && m.rsplit('(').next() == o.rsplit('(').next())
                                || (m.starts_with("topic: ") && o.starts_with("topic: ") && {
                                    let (a, b) = (text::content_words(m), text::content_words(o));
                                    let common = a.iter().filter(|w| b.contains(w)).count();
                                    common * 2 >= a.len().min(b.len()).max(1)
                                })
                        })
                    };
                    let mut own: Vec<String> = Vec::new();
                    for m in mine.iter().filter(|m| !shared(m)) {
                        if !own.contains(m) {
                            own.push(m.clone());
                        }
                    }
                    (label.clone(), own)
                })
                .filter(|(_, own)| !own.is_empty())
                .collect()
        };
        let corr = Corroboration {
            differences,
            claimants: claimants.iter().map(|(_, l)| l.clone()).collect(),
            outlets,
            documents: docs_n.len(),
            single_source: claimants.len() <= 1,
            party_media_only: party_media && !claimants.is_empty(),
        };
        for &(d, k) in &evs {
            docs[d].events[k].corroboration = corr.clone();
            docs[d].events[k].cluster = cn;
        }
        if corr.party_media_only {
            for &(d, k) in &evs {
                let ec = &docs[d].events[k];
                let a = &ec.accounts[0];
                let (medium, what) = match &a.claimant.state_media_of {
                    Some(c) => (c.clone(), format!("state media of {c}")),
                    None => {
                        let c = a.claimant.country().unwrap_or_default().to_string();
                        (c.clone(), format!("{c} itself"))
                    }
                };
                new_flags.push((
                    d,
                    Flag {
                        kind: "single_source",
                        text: a.span_text.clone(),
                        start: a.span.0,
                        end: a.span.1,
                        claim: format!("{} {} {} -> {}", ec.key.cameo, ec.key.source, ec.key.target, a.stance.as_str()),
                        known: format!("no claimant but {what}, a party to the event, carries it"),
                        source: corr.claimants.join("; "),
                        message: format!("Only {}, {what} (a party to the event), reports this.", a.claimant.text),
                        why: vec![
                            format!("claimants of this event across {} document(s): {}", corr.documents, corr.claimants.join("; ")),
                            format!("{} is {what}; the event's sides are {} and {} ({medium} is one)", a.claimant.text, ec.key.source, ec.key.target),
                        ],
                        event: Some(ec.event),
                    },
                ));
            }
        }
        // a denial of what another claimant reports, anywhere in the cluster
        let accounts = || {
            evs.iter().flat_map(|&(d, k)| {
                let ec = &docs[d].events[k];
                ec.accounts.iter().map(move |a| (d, a)).chain(ec.denied_elsewhere.iter().map(|(dd, a)| (*dd, a)))
            })
        };
        if let Some((dd, den)) = accounts().find(|(_, a)| a.stance == Stance::Denial) {
            if let Some((da, aff)) = accounts().find(|(_, a)| a.stance != Stance::Denial && a.claimant.key() != den.claimant.key()) {
                let mut done: Vec<usize> = Vec::new();
                // the denying document too, when its denial was found here from elsewhere
                // (document flagged, document of the event, event, the denial told there)
                let mut targets: Vec<(usize, usize, usize, Option<&Account>)> = evs.iter().map(|&(d, k)| (d, d, k, None)).collect();
                for &(d, k) in &evs {
                    for (dd2, a) in &docs[d].events[k].denied_elsewhere {
                        targets.push((*dd2, d, k, Some(a)));
                    }
                }
                for (d, ed, k, own) in targets {
                    if done.contains(&d) {
                        continue;
                    }
                    done.push(d);
                    let ec = &docs[ed].events[k];
                    let mine = own.or_else(|| ec.accounts.iter().find(|a| a.stance == Stance::Denial)).or(ec.accounts.first()).expect("an event has an account");
                    let other = if d == dd { da } else { dd };
                    new_flags.push((
                        d,
                        Flag {
                            kind: "disputed",
                            text: mine.span_text.clone(),
                            start: mine.span.0,
                            end: mine.span.1,
                            claim: format!("{} {} it", aff.claimant.label(), if aff.cue.is_empty() { "reports" } else { aff.cue.as_str() }),
                            known: format!("{} {} it", den.claimant.label(), den.cue),
                            source: docs[other].id.clone(),
                            message: format!("{} denies what {} reports.", den.claimant.label(), aff.claimant.label()),
                            why: vec![
                                format!("the same event: {} {} -> {}", ec.key.cameo, ec.key.source, ec.key.target),
                                format!("{} in {}: {}; {} in {}: {}", den.claimant.label(), docs[dd].id, den.stance.as_str(), aff.claimant.label(), docs[da].id, aff.stance.as_str()),
                            ],
                            event: own.is_none().then_some(ec.event),
                        },
                    ));
                }
            }
        }
        // pairs of accounts in different documents
        for (x, &(d1, k1)) in evs.iter().enumerate() {
            for &(d2, k2) in &evs[x + 1..] {
                if d1 == d2 {
                    continue;
                }
                conflicts(docs, (d1, k1), (d2, k2), &mut new_flags);
            }
        }
    }
    for (d, f) in new_flags {
        docs[d].flags.push(f);
    }
    for d in docs.iter_mut() {
        d.flags.sort_by_key(|f| (f.start, f.kind));
        d.flags.dedup_by(|a, b| a.kind == b.kind && a.start == b.start && a.end == b.end && a.known == b.known);
    }
}

/// A document's unlinked denials join the event of another document that
/// the denier did (or stands accused of, CAMEO 11-12), whose act the denial
/// names, reported within the window of the denying document's date: as an
/// account of that event in the denying document, so the cluster shows the
/// dispute.
fn link_denials(docs: &mut [DocClaims], window_days: i64) {
    let mut adds: Vec<(usize, usize, usize, Account)> = Vec::new();
    for (d, dc) in docs.iter().enumerate() {
        for den in &dc.denials {
            let day = dc.date.map(Date::to_days);
            let found = docs.iter().enumerate().filter(|(o, _)| *o != d).find_map(|(o, oc)| {
                oc.events.iter().position(|ec| {
                    let k = &ec.key;
                    let accused = k.source == den.country || (k.target == den.country && (k.cameo.starts_with("11") || k.cameo.starts_with("12")));
                    let close = match (day, k.day) {
                        (Some(x), Some((a, b))) => x + window_days >= a && x - window_days <= b,
                        _ => false,
                    };
                    accused && close && text::same_act(&den.object, &k.trigger)
                }).map(|i| (o, i))
            });
            if let Some((o, i)) = found {
                adds.push((o, i, d, den.account.clone()));
            }
        }
    }
    // the denial is told in the denying document, so it joins a copy of the event there
    for (o, i, d, a) in adds {
        let ec = &mut docs[o].events[i];
        if !ec.accounts.iter().any(|x| x.claimant.key() == a.claimant.key() && x.stance == Stance::Denial) {
            ec.denied_elsewhere.push((d, a));
        }
    }
}

/// Numbers, dates and denials that disagree between two documents'
/// accounts of one event; a flag on each document.
fn conflicts(docs: &[DocClaims], a: (usize, usize), b: (usize, usize), out: &mut Vec<(usize, Flag)>) {
    let (ea, eb) = (&docs[a.0].events[a.1], &docs[b.0].events[b.1]);
    let who = |d: usize, ec: &EventClaims| format!("{} in {}", ec.claimant.label(), docs[d].outlet.clone().unwrap_or_else(|| docs[d].id.clone()));
    // numbers of the same kind
    for qa in &ea.key.quantities {
        for qb in &eb.key.quantities {
            if qa.kind != qb.kind || !text::same_unit(&qa.unit, &qb.unit) {
                continue;
            }
            let (ra, rb) = (range(qa), range(qb));
            if ra.0 <= rb.1 && rb.0 <= ra.1 {
                continue;
            }
            for (d, q, other_d, oq, me, them) in [(a.0, qa, b.0, qb, ea, eb), (b.0, qb, a.0, qa, eb, ea)] {
                let fmt_r = |r: (u64, u64)| if r.0 == r.1 { r.0.to_string() } else if r.1 == u64::MAX { format!("{} or more", r.0) } else { format!("{}-{}", r.0, r.1) };
                out.push((
                    d,
                    Flag {
                        kind: "number_conflict",
                        text: q.text.clone(),
                        start: q.start,
                        end: q.end,
                        claim: format!("{}: {} ({})", q.kind, q.text, fmt_r(range(q))),
                        known: format!("{}: {} ({})", oq.kind, oq.text, fmt_r(range(oq))),
                        source: format!("{} ({})", who(other_d, them), docs[other_d].id),
                        message: format!("{} says \"{}\"; {} says \"{}\": the ranges do not overlap.", who(d, me), q.text, who(other_d, them), oq.text),
                        why: vec![
                            format!("the same event: {} {} -> {} in both documents, dates within the window", me.key.cameo, me.key.source, me.key.target),
                            format!("\"{}\" allows {}; \"{}\" allows {}", q.text, fmt_r(range(q)), oq.text, fmt_r(range(oq))),
                        ],
                        event: Some(me.event),
                    },
                ));
            }
        }
    }
    // explicit dates, of reports published within days of each other, days
    // apart at most: further apart, they are two events
    let published_close = match (docs[a.0].date, docs[b.0].date) {
        (Some(x), Some(y)) => (x.to_days() - y.to_days()).abs() <= 3,
        _ => false,
    };
    if let (Some(da), Some(db), true) = (&ea.key.date, &eb.key.date, published_close) {
        let (ia, ib) = (interval(da.0), interval(db.0));
        if (ia.1 < ib.0 || ib.1 < ia.0) && ia.0.max(ib.0) - ia.1.min(ib.1) <= 3 {
            for (d, dt, other_d, odt, me, them) in [(a.0, da, b.0, db, ea, eb), (b.0, db, a.0, da, eb, ea)] {
                out.push((
                    d,
                    Flag {
                        kind: "date_conflict",
                        text: dt.1.clone(),
                        start: dt.2,
                        end: dt.3,
                        claim: format!("{} ({})", dt.1, dt.0),
                        known: format!("{} ({})", odt.1, odt.0),
                        source: format!("{} ({})", who(other_d, them), docs[other_d].id),
                        message: format!("{} dates it {}; {} dates it {}.", who(d, me), dt.0, who(other_d, them), odt.0),
                        why: vec![
                            format!("the same event: {} {} -> {} in both documents, within the window", me.key.cameo, me.key.source, me.key.target),
                            format!("\"{}\" is {}; \"{}\" is {}: no day in common", dt.1, dt.0, odt.1, odt.0),
                        ],
                        event: Some(me.event),
                    },
                ));
            }
        }
    }
}

/// The claims of one document compared with nothing else: [`compare`]
/// over it alone.
pub fn alone(claims: &DocClaims) -> DocClaims {
    let mut v = [claims.clone()];
    compare(&mut v, WINDOW_DAYS);
    let [d] = v;
    d
}

/// Days apart two reports' event dates may be and still be one event.
pub const WINDOW_DAYS: i64 = 7;
