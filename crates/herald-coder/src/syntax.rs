//! Reading a dependency parse for the coder: a predicate's subject, object,
//! agent and prepositional dependents, found through coordination, control,
//! relative clauses and the passive; and the negation, modals and conditions
//! that govern it. Word indices are sentence-relative, as in [`Parse`].

use herald_core::{Parse, Token};

/// A predicate's grammatical subject and its role in the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Subject {
    /// The subject's head word.
    pub word: usize,
    /// The subject undergoes the act (passive voice, "the troops sent by X").
    pub patient: bool,
    /// How it was found, for the audit trail.
    pub how: &'static str,
}

/// A parse together with the sentence's tokens.
pub(crate) struct Tree<'p> {
    pub p: &'p Parse,
    toks: &'p [Token],
}

/// Relations that open a new clause: an actor below one of them is not a
/// participant of the predicate above it.
const BE_GET: &[&str] = &["be", "is", "are", "was", "were", "been", "being", "'s", "'re", "get", "gets", "got", "gotten", "getting"];

const CLAUSAL: &[&str] = &["ccomp", "xcomp", "advcl", "acl", "parataxis", "csubj", "root"];

impl<'p> Tree<'p> {
    /// `toks` are the sentence's tokens, one per parsed word.
    pub fn new(p: &'p Parse, toks: &'p [Token]) -> Tree<'p> {
        Tree { p, toks }
    }

    pub fn len(&self) -> usize {
        self.p.len().min(self.toks.len())
    }

    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    pub fn rel(&self, i: usize) -> &'static str {
        self.p.rel.get(i).copied().unwrap_or("dep")
    }

    pub fn base(&self, i: usize) -> &'static str {
        let r = self.rel(i);
        r.split(':').next().unwrap_or(r)
    }

    fn head(&self, i: usize) -> Option<usize> {
        self.p.head.get(i).copied().flatten().filter(|&h| h < self.len())
    }

    fn children(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&c| self.head(c) == Some(h))
    }

    /// The UPOS tag of word `i`.
    pub fn upos(&self, i: usize) -> &'static str {
        self.p.upos.get(i).copied().unwrap_or("X")
    }

    /// Is word `i` a predicate (a verb, or a clause's head)?
    fn predicate(&self, i: usize) -> bool {
        matches!(self.upos(i), "VERB" | "AUX") || CLAUSAL.contains(&self.base(i)) || self.children(i).any(|c| self.base(c) == "nsubj")
    }

    /// Is the sentence's root a verb (or a copula clause)?
    fn has_verb_root(&self) -> bool {
        (0..self.len()).find(|&i| self.head(i).is_none()).is_some_and(|r| matches!(self.upos(r), "VERB" | "AUX") || self.children(r).any(|c| matches!(self.base(c), "cop" | "nsubj")))
    }

    /// Is `v` in the passive voice ("was attacked", "has been expelled")?
    pub fn passive(&self, v: usize) -> bool {
        // an English passive has its "be" or "get": a passive subject alone
        // is a parse error more often than not ("X “appreciated the support”
        // by Y")
        self.children(v).any(|c| self.rel(c) == "aux:pass" || self.base(c) == "aux" && BE_GET.contains(&self.norm(c)))
            && self.children(v).any(|c| matches!(self.rel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
    }

    /// The subject of predicate `v`: its own, else the one it shares through
    /// coordination ("sent troops and supplied missiles"), control ("agreed to
    /// send", "urged Iran to release"), a relative clause ("troops who
    /// attacked", "troops sent by") or an adverbial participle.
    pub fn subject(&self, v: usize) -> Option<Subject> {
        self.subject_at(v, 0)
    }

    fn subject_at(&self, v: usize, depth: usize) -> Option<Subject> {
        if depth > 8 || v >= self.len() {
            return None;
        }
        let own_passive = self.passive(v);
        if let Some(c) = self.children(v).find(|&c| matches!(self.base(c), "nsubj" | "csubj")) {
            if self.rel(v) == "acl:relcl" && matches!(self.norm(c), "who" | "which" | "that") {
                let h = self.head(v)?;
                return Some(Subject { word: h, patient: own_passive, how: "relative clause" });
            }
            return Some(Subject { word: c, patient: own_passive, how: "subject" });
        }
        let mut h = self.head(v)?;
        // "sent troops to fight ... and supplied shells": a finite verb
        // coordinated with an infinitive belongs with the infinitive's head
        let infinitive = |x: usize| self.children(x).any(|c| self.base(c) == "mark" && self.norm(c) == "to");
        if self.rel(v) == "conj" && matches!(self.base(h), "xcomp" | "advcl") && infinitive(h) && !infinitive(v) && !self.norm(v).ends_with("ing") {
            if let Some(hh) = self.head(h) {
                h = hh;
            }
        }
        let inherit = |how| self.subject_at(h, depth + 1).map(|s| Subject { word: s.word, patient: own_passive, how });
        match self.rel(v) {
            "conj" if self.predicate(h) => inherit("subject shared with a coordinated verb"),
            "xcomp" => match self.children(h).find(|&c| matches!(self.base(c), "obj" | "iobj")) {
                Some(o) => Some(Subject { word: o, patient: own_passive, how: "object of the controlling verb" }),
                None => inherit("subject of the controlling verb"),
            },
            // a relative clause with no subject of its own at all ("where X
            // is resisting" with X misattached) is a parse error: no guess
            "acl:relcl" => None,
            // "the troops sent by X": the noun undergoes the act; "the troops
            // attacking X" do it
            // a "modifier" in a sentence whose root is no verb is the main
            // verb misread ("Thousands of protesters marched ...")
            "acl" if !self.has_verb_root() => Some(Subject { word: h, patient: own_passive, how: "subject (the parse's root is a noun)" }),
            // a participle modifier with an object of its own is a main verb
            // misread ("Egypt, which hosted the talks, praised Qatar"): the
            // parse cannot say whose it is
            "acl" if self.children(v).any(|c| self.base(c) == "obj") => None,
            "acl" if !matches!(self.upos(h), "VERB" | "AUX") => {
                Some(Subject { word: h, patient: !self.norm(v).ends_with("ing"), how: "participle modifying a noun" })
            }
            "advcl" if self.norm(v).ends_with("ing") || self.children(v).any(|c| self.norm(c) == "to" && self.base(c) == "mark") => {
                inherit("subject of the main clause")
            }
            _ => None,
        }
    }

    /// The agent of a passive predicate: "by X".
    pub fn agent(&self, v: usize) -> Option<usize> {
        self.children(v).find(|&c| matches!(self.base(c), "obl" | "nmod") && self.case_is(c, &["by"]))
    }

    /// The direct (or indirect) object of `v`.
    pub fn object(&self, v: usize) -> Option<usize> {
        self.children(v).find(|&c| self.base(c) == "obj").or_else(|| self.children(v).find(|&c| self.base(c) == "iobj"))
    }

    /// Does nominal `w` carry the preposition `prep` (its words)?
    fn case_is(&self, w: usize, prep: &[impl AsRef<str>]) -> bool {
        let mut cs = self.children(w).filter(|&c| self.base(c) == "case");
        let Some(c) = cs.next() else { return false };
        let first = prep.first().map(AsRef::as_ref).unwrap_or("");
        if self.norm(c) != first {
            return false;
        }
        // a multi-word preposition ("on behalf of"): the rest follow in order
        prep.iter().skip(1).enumerate().all(|(i, p)| self.norm(c + 1 + i) == p.as_ref())
    }

    /// The dependent of `v` introduced by `prep` ("met with X", "an attack on
    /// X"): an oblique of the verb, or a modifier of one of `nouns` (the
    /// pattern's own nouns, as in "held talks with X").
    pub fn obliques(&self, v: usize, prep: &[impl AsRef<str>], nouns: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = self.children(v).filter(|&c| matches!(self.base(c), "obl" | "nmod") && self.case_is(c, prep)).collect();
        for &n in nouns {
            out.extend(self.children(n).filter(|&c| matches!(self.base(c), "nmod" | "obl") && self.case_is(c, prep)));
        }
        out
    }

    /// `w` and the words coordinated with it ("Putin and Kim").
    pub fn conjuncts(&self, w: usize) -> Vec<usize> {
        let mut out = vec![w];
        let mut i = 0;
        while i < out.len() && out.len() < 16 {
            let x = out[i];
            // a conjunct hangs from the head or, in parsed names, from the
            // name's last part ("Mr Putin and Mr Kim")
            let parts: Vec<usize> = std::iter::once(x).chain(self.children(x).filter(|&c| matches!(self.base(c), "flat" | "compound"))).collect();
            for p in parts {
                for c in self.children(p).filter(|&c| self.rel(c) == "conj" && !self.predicate(c)) {
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// Words near the head of nominal `w` that may name its actor, nearest
    /// first: the head itself, then its compounds, names, adjectives,
    /// possessors, appositions and "of"/"from" modifiers ("officials from X",
    /// "X's army"), never inside a clause.
    pub fn nominal_words(&self, w: usize) -> Vec<usize> {
        let mut out = vec![w];
        let mut i = 0;
        while i < out.len() && out.len() < 24 {
            let x = out[i];
            for c in self.children(x) {
                let keep = match self.base(c) {
                    "compound" | "flat" | "amod" | "appos" | "det" => true,
                    "nmod" => matches!(self.rel(c), "nmod:poss" | "nmod:desc") || ["of", "from", "in"].iter().any(|p| self.case_is(c, &[p])),
                    _ => false,
                };
                if keep && !out.contains(&c) {
                    out.push(c);
                }
                // "the support provided by X": the participle's agent
                if self.base(c) == "acl" {
                    if let Some(a) = self.agent(c) {
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// Every word that may name an actor of the nominal `w` and its
    /// conjuncts (see [`Tree::nominal_words`]).
    pub fn actor_words(&self, w: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for c in self.conjuncts(w) {
            for x in self.nominal_words(c) {
                for y in self.conjuncts(x) {
                    if !out.contains(&y) {
                        out.push(y);
                    }
                }
            }
        }
        out
    }

    /// The preposition of nominal `w` ("in" for "in Arnor").
    pub fn case_of(&self, w: usize) -> Option<&str> {
        self.case_word(w).map(|c| self.norm(c))
    }

    /// The index of the preposition of nominal `w`.
    pub fn case_word(&self, w: usize) -> Option<usize> {
        self.children(w).find(|&c| self.base(c) == "case")
    }

    /// Is `w` inside the clause of predicate `v` (reached from `v` without
    /// crossing into another clause)?
    pub fn in_clause_of(&self, v: usize, w: usize) -> bool {
        let mut x = w;
        for _ in 0..self.len() {
            if x == v {
                return true;
            }
            let Some(h) = self.head(x) else { return false };
            if x != w && CLAUSAL.contains(&self.base(x)) || (self.rel(x) == "conj" && self.predicate(x)) {
                return false;
            }
            x = h;
        }
        false
    }

    /// Is `v` negated ("did not attack", "never agreed"), or the complement
    /// of a negated verb ("did not agree to send")?
    pub fn negated(&self, v: usize) -> bool {
        // "Neither company made ...", "made no statement": a subject or an
        // object under "no"/"neither"/"none of" denies the act
        let none = |w: usize| self.children(w).any(|c| matches!(self.base(c), "det" | "advmod" | "cc") && matches!(self.norm(c), "no" | "neither"));
        if self.children(v).any(|c| matches!(self.base(c), "nsubj" | "obj") && (none(c) || self.norm(c) == "none" || self.norm(c) == "nobody")) {
            return true;
        }
        let mut x = v;
        for _ in 0..4 {
            if self.children(x).any(|c| matches!(self.base(c), "advmod" | "neg" | "det") && matches!(self.norm(c), "not" | "n't" | "never" | "no")) {
                return true;
            }
            match (self.rel(x), self.head(x)) {
                ("xcomp", Some(h)) => x = h,
                _ => return false,
            }
        }
        false
    }

    /// Is `v` in the future ("will respond", "would retaliate")?
    pub fn future(&self, v: usize) -> bool {
        self.children(v).any(|c| self.base(c) == "aux" && matches!(self.norm(c), "will" | "'ll" | "shall" | "would" | "'d"))
    }

    /// Is `v` hypothetical: under "could", "would", "might", "may", or in an
    /// "if"/"unless" clause, or coordinated with such a predicate?
    pub fn hypothetical(&self, v: usize) -> bool {
        let mut x = v;
        for _ in 0..4 {
            let modal = self.children(x).any(|c| self.base(c) == "aux" && matches!(self.norm(c), "could" | "might" | "may"));
            let condition = self.children(x).any(|c| self.base(c) == "mark" && matches!(self.norm(c), "if" | "unless" | "whether"));
            if modal || condition {
                return true;
            }
            match (self.rel(x), self.head(x)) {
                ("conj", Some(h)) if self.predicate(h) => x = h,
                _ => return false,
            }
        }
        false
    }

    /// The verb of saying whose complement `v` is ("X said (that) ...",
    /// "..., X said"), through coordination and control.
    pub fn reported_by(&self, v: usize) -> Option<usize> {
        let mut x = v;
        for _ in 0..4 {
            let h = self.head(x)?;
            match self.base(x) {
                "ccomp" | "parataxis" => return Some(h),
                "conj" | "xcomp" => x = h,
                _ => return None,
            }
        }
        None
    }

    /// Who does the act an event noun names: its possessor ("Russia's
    /// shelling"), naming modifiers ("Israeli airstrikes", "Hamas attack"),
    /// its "by" phrase; nearest first.
    pub fn noun_agents(&self, w: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.children(w).filter(|&c| self.rel(c) == "nmod:poss").collect();
        out.extend(self.children(w).filter(|&c| matches!(self.base(c), "amod" | "compound")));
        out.extend(self.children(w).filter(|&c| matches!(self.base(c), "nmod" | "obl") && self.case_is(c, &["by"])));
        out
    }

    /// The "by" phrases of nominal `w` (a parse may hang "the arrest of X by
    /// Y"'s agent on X).
    pub fn by_phrases(&self, w: usize) -> Vec<usize> {
        self.children(w).filter(|&c| matches!(self.base(c), "nmod" | "obl") && self.case_is(c, &["by"])).collect()
    }

    /// The phrases of event noun `w` introduced by one of `preps`, in order.
    pub fn noun_targets(&self, w: usize, preps: &[String]) -> Vec<usize> {
        self.children(w)
            .filter(|&c| matches!(self.base(c), "nmod" | "obl" | "acl") && preps.iter().any(|p| self.case_is(c, &[p.as_str()])))
            .collect()
    }

    /// The verb an event noun belongs to ("condemned the attack", "threatened
    /// sanctions"), through coordination of nouns.
    pub fn governing_verb(&self, w: usize) -> Option<usize> {
        let mut x = w;
        for _ in 0..4 {
            let h = self.head(x)?;
            if matches!(self.upos(h), "VERB" | "AUX") {
                return Some(h);
            }
            if self.rel(x) != "conj" {
                return None;
            }
            x = h;
        }
        None
    }

    /// The chain of relations from `w` up to `v` ("nsubj <- attacked").
    pub fn path(&self, v: usize, w: usize, text: &str) -> String {
        let mut parts = Vec::new();
        let mut x = w;
        for _ in 0..self.len() {
            parts.push(format!("{} ({})", self.toks[x].text(text), self.rel(x)));
            if x == v {
                break;
            }
            match self.head(x) {
                Some(h) => x = h,
                None => break,
            }
        }
        parts.join(" -> ")
    }
}
