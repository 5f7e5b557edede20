//! A greedy transition-based dependency parser.
//!
//! - Transition system: **arc-hybrid** (Kuhlmann et al. 2011) with the
//!   artificial root at the bottom of the stack; a right-arc from the root is
//!   only allowed as the very last transition, so the output always has
//!   exactly one root.
//! - Training: **dynamic oracle** (Goldberg & Nivre 2013) with error
//!   exploration, an **averaged perceptron** over hashed Zhang & Nivre (2011)
//!   style features (words and UPOS of s0, s1, s2, b0, b1, b2, leftmost and
//!   rightmost children and their labels, distance, valency, label sets and
//!   conjunctions), plus evidence that survives tagger errors:
//!   three-character suffixes and casing classes of s0, s1, b0, b1, the XPOS
//!   (Penn Treebank tags) and the tagger's runner-up tags where it was
//!   unsure. Non-projective training sentences are skipped.
//!   [`Parser::train_given`] trains on given (e.g. jackknifed predicted)
//!   tags instead of the gold ones.
//! - Labels: a second averaged perceptron predicts the relation of each arc
//!   when it is made (the dependent is complete at that point in arc-hybrid).
//! - Weights: two hashed feature tables (3 transitions per row; one row of
//!   labels per row), trained in `f32`, pruned by magnitude, quantized to
//!   `i16` (one scale per table) and stored sparsely; parsing sums the
//!   integers (no per-token allocation).
//!
//! Input is words and their UPOS tags (plus XPOS and runner-ups, which
//! [`Parser::parse`] gets from the tagger that made the UPOS, see
//! [`crate::tagger::context_for`]); output is, per word, the 1-based head
//! (0 = root) and the relation.

use crate::conllu::Sentence;
use crate::prefetch;
use std::sync::OnceLock;

const SH: usize = 0;
const LA: usize = 1;
const RA: usize = 2;
const NONE: usize = usize::MAX;
const MAGIC: &[u8; 8] = b"HRLDPARS";
/// Magic of the version-3 format (raw `i16` rows), read only by
/// [`Parser::from_v3_bytes`].
const MAGIC_V3: &[u8; 8] = b"HRLDPAR3";
/// Version of the model file format written by [`Parser::to_bytes`] (after
/// the magic): 4 = sparse rows with varint gaps, non-zero bitmasks, the
/// non-zero `i16` weights only, and a 64-bit checksum.
pub const FORMAT_VERSION: u32 = 4;
/// Bits of the transition table used in training.
const TRAIN_TBITS: u32 = 22;
/// Bits of the label table used in training.
const TRAIN_LBITS: u32 = 17;
/// Pruning budget of the weights, counted in the version-3 layout (a 4-byte
/// row index and the raw `i16` weights of each stored row; see
/// [`Parser::prune_to`]) in which the committed model was trained and
/// pruned, so that retraining reproduces it. Written in the current format
/// (version 4) the same rows take 9.5 MB instead of 19.8 MB.
const MAX_BYTES: usize = 19_800_000;

/// A trained dependency parser.
pub struct Parser {
    labels: Vec<&'static str>,
    root_label: usize,
    tbits: u32,
    trans: Vec<f32>,
    lbits: u32,
    lab: Vec<f32>,
    /// Quantized weights (`i16`, one scale per table) used for parsing and
    /// storage; the `f32` tables are only used during training.
    qt: Vec<i16>,
    ql: Vec<i16>,
    qts: f32,
    qls: f32,
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("labels", &self.labels.len())
            .field("tbits", &self.tbits)
            .field("lbits", &self.lbits)
            .finish()
    }
}

// ---------------------------------------------------------------- hashing

#[inline(always)]
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31)
}

#[inline(always)]
fn fin(h: u64) -> u64 {
    let h = (h ^ (h >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    let h = (h ^ (h >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

fn hash_str(s: &str, lower: bool) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        let b = if lower { b.to_ascii_lowercase() } else { b };
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    fin(h ^ 0x5151)
}

const W_NONE: u64 = 0x1234_5678_9abc_def1;
const W_ROOT: u64 = 0x0fed_cba9_8765_4321;

// ---------------------------------------------------------------- xorshift

struct Rng(u64);
impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(fin(seed ^ 0x2545_F491_4F6C_DD1D) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ---------------------------------------------------------------- state

/// Per-sentence token atoms: node 0 is the root, nodes 1..=n the words.
struct Toks {
    w: Vec<u64>,
    p: Vec<u64>,
    /// Lowercased last three characters (tag-independent evidence of the
    /// word class, robust to tagger errors).
    x: Vec<u64>,
    /// XPOS (Penn Treebank tag; `W_NONE` when not given).
    q: Vec<u64>,
    /// Casing class: lower, Capitalised, ALL CAPS, with a digit, other.
    c: Vec<u64>,
    /// The tagger's runner-up UPOS with a margin class where it was unsure
    /// (see [`crate::tagger::Tagged::alt`]); `A_SURE` otherwise.
    a: Vec<u64>,
}

const A_SURE: u64 = 0x5a5a_1357_2468_a5a5;

/// Hash of the lowercased last `k` characters of `s` (no allocation).
fn suffix_hash(s: &str, k: usize) -> u64 {
    let start = s
        .char_indices()
        .rev()
        .nth(k - 1)
        .map(|(i, _)| i)
        .unwrap_or(0);
    hash_str(&s[start..], true) ^ 0x5u64.wrapping_mul(0x9E37_79B9) ^ k as u64
}

/// Casing class of a word (1 lower, 2 Capitalised, 3 ALL CAPS, 4 with a digit, 5 other).
fn casing(f: &str) -> u64 {
    let mut ch = f.chars();
    let Some(first) = ch.next() else { return 5 };
    if f.chars().any(|c| c.is_ascii_digit()) {
        4
    } else if first.is_uppercase() {
        if f.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
            && f.chars().count() > 1
        {
            3
        } else {
            2
        }
    } else if first.is_alphabetic() {
        1
    } else {
        5
    }
}

impl Toks {
    fn new(words: &[&str], tags: &[&str], xpos: &[&str], alt: &[&str]) -> Toks {
        let mut w = Vec::with_capacity(words.len() + 1);
        let mut p = Vec::with_capacity(words.len() + 1);
        let mut x = Vec::with_capacity(words.len() + 1);
        let mut q = Vec::with_capacity(words.len() + 1);
        w.push(W_ROOT);
        p.push(W_ROOT);
        x.push(W_ROOT);
        q.push(W_ROOT);
        let mut a = Vec::with_capacity(words.len() + 1);
        a.push(W_ROOT);
        let mut c = Vec::with_capacity(words.len() + 1);
        c.push(W_ROOT);
        for (i, f) in words.iter().enumerate() {
            w.push(hash_str(f, true));
            p.push(
                tags.get(i)
                    .map(|t| hash_str(t, false) ^ 0x77)
                    .unwrap_or(W_NONE ^ 0x77),
            );
            x.push(suffix_hash(f, 3));
            c.push(casing(f));
            a.push(match alt.get(i) {
                Some(t) if !t.is_empty() => hash_str(t, false) ^ 0xa1,
                _ => A_SURE,
            });
            q.push(
                xpos.get(i)
                    .map(|t| hash_str(t, false) ^ 0x99)
                    .unwrap_or(W_NONE ^ 0x99),
            );
        }
        Toks { w, p, x, q, a, c }
    }
}

struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    head: Vec<usize>,
    label: Vec<usize>,
    lm: Vec<usize>,
    l2: Vec<usize>,
    rm: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u32>,
    nr: Vec<u32>,
    lset: Vec<u128>,
    rset: Vec<u128>,
}

impl State {
    fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            n,
            stack,
            b: 1,
            head: vec![NONE; n + 1],
            label: vec![NONE; n + 1],
            lm: vec![NONE; n + 1],
            l2: vec![NONE; n + 1],
            rm: vec![NONE; n + 1],
            r2: vec![NONE; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }
    fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }
    fn s(&self, k: usize) -> usize {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            NONE
        }
    }
    fn bf(&self, k: usize) -> usize {
        if self.b + k <= self.n {
            self.b + k
        } else {
            NONE
        }
    }
    fn legal(&self) -> [bool; 3] {
        let has_b = self.b <= self.n;
        let sl = self.stack.len();
        [has_b, has_b && sl >= 2, sl >= 3 || (sl == 2 && !has_b)]
    }
    /// Head and dependent of an arc transition.
    fn arc(&self, t: usize) -> (usize, usize) {
        if t == LA {
            (self.b, self.s(0))
        } else {
            (self.s(1), self.s(0))
        }
    }
    fn apply(&mut self, t: usize, lab: usize) {
        if t == SH {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let (h, d) = self.arc(t);
        self.stack.pop();
        self.head[d] = h;
        self.label[d] = lab;
        let bit = if lab < 128 { 1u128 << lab } else { 0 };
        if d < h {
            self.nl[h] += 1;
            self.lset[h] |= bit;
            if self.lm[h] == NONE || d < self.lm[h] {
                self.l2[h] = self.lm[h];
                self.lm[h] = d;
            } else if self.l2[h] == NONE || d < self.l2[h] {
                self.l2[h] = d;
            }
        } else {
            self.nr[h] += 1;
            self.rset[h] |= bit;
            if self.rm[h] == NONE || d > self.rm[h] {
                self.r2[h] = self.rm[h];
                self.rm[h] = d;
            } else if self.r2[h] == NONE || d > self.r2[h] {
                self.r2[h] = d;
            }
        }
    }
    /// Dynamic-oracle costs (arc-hybrid, Goldberg & Nivre 2013).
    fn costs(&self, gold: &[usize]) -> [u32; 3] {
        let mut c = [u32::MAX; 3];
        let lg = self.legal();
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b = self.b;
        if lg[SH] {
            // b loses its children in the stack and its head below s0.
            let mut k = 0;
            for (i, &x) in self.stack.iter().enumerate() {
                if x != 0 && gold[x] == b {
                    k += 1;
                }
                if gold[b] == x && i + 1 < self.stack.len() {
                    k += 1;
                }
            }
            c[SH] = k;
        }
        let buf_children = || (self.b..=self.n).filter(|&d| gold[d] == s0).count() as u32;
        if lg[LA] {
            let mut k = buf_children();
            let g = gold[s0];
            if (s1 != NONE && g == s1) || (g > b && g <= self.n) {
                k += 1;
            }
            c[LA] = k;
        }
        if lg[RA] {
            let mut k = buf_children();
            let g = gold[s0];
            if g >= b && g <= self.n {
                k += 1;
            }
            c[RA] = k;
        }
        c
    }
}

// ---------------------------------------------------------------- features

#[inline(always)]
fn dist_bucket(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

fn set_hash(s: u128) -> u64 {
    fin((s as u64) ^ ((s >> 64) as u64).rotate_left(17) ^ 0xABCD)
}

/// Transition features of a state.
fn trans_features(st: &State, tk: &Toks, out: &mut Vec<u64>) {
    out.clear();
    let w = |i: usize| if i == NONE { W_NONE } else { tk.w[i] };
    let p = |i: usize| if i == NONE { W_NONE } else { tk.p[i] };
    let l = |i: usize| {
        if i == NONE || st.label[i] == NONE {
            W_NONE
        } else {
            st.label[i] as u64 + 1
        }
    };
    let ch = |v: &Vec<usize>, i: usize| if i == NONE { NONE } else { v[i] };
    let val = |v: &Vec<u32>, i: usize| if i == NONE { 99 } else { v[i] as u64 };
    let set = |v: &Vec<u128>, i: usize| if i == NONE { W_NONE } else { set_hash(v[i]) };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.bf(0), st.bf(1), st.bf(2));
    let (s0l, s0l2, s0r, s0r2) = (
        ch(&st.lm, s0),
        ch(&st.l2, s0),
        ch(&st.rm, s0),
        ch(&st.r2, s0),
    );
    let (b0l, b0l2) = (ch(&st.lm, b0), ch(&st.l2, b0));
    let (s1l, s1r, s1r2) = (ch(&st.lm, s1), ch(&st.rm, s1), ch(&st.r2, s1));
    let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
    let (b1w, b1p, b2w, b2p, s2w, s2p) = (w(b1), p(b1), w(b2), p(b2), w(s2), p(s2));
    let x = |i: usize| if i == NONE { W_NONE } else { tk.x[i] };
    let (s0x, s1x, b0x, b1x) = (x(s0), x(s1), x(b0), x(b1));
    let d = dist_bucket(s0, b0);
    let d10 = dist_bucket(s1, s0);
    let mut t: u64 = 0;
    macro_rules! f {
        ($($x:expr),*) => {{
            t += 1;
            #[allow(unused_mut)]
            let mut h = t.wrapping_mul(0xD6E8_FEB8_6659_FD93);
            $( h = mix(h, $x); )*
            out.push(h);
        }};
    }
    f!(1);
    // unigrams
    f!(s0w);
    f!(s0p);
    f!(s0w, s0p);
    f!(s1w);
    f!(s1p);
    f!(s1w, s1p);
    f!(b0w);
    f!(b0p);
    f!(b0w, b0p);
    f!(b1w);
    f!(b1p);
    f!(b1w, b1p);
    f!(b2w);
    f!(b2p);
    f!(s2w);
    f!(s2p);
    // pairs
    f!(s0w, s0p, b0w, b0p);
    f!(s0w, s0p, b0w);
    f!(s0w, b0w, b0p);
    f!(s0w, s0p, b0p);
    f!(s0p, b0w, b0p);
    f!(s0w, b0w);
    f!(s0p, b0p);
    f!(b0p, b1p);
    f!(s1w, s1p, s0w, s0p);
    f!(s1w, s1p, s0w);
    f!(s1w, s0w, s0p);
    f!(s1w, s1p, s0p);
    f!(s1p, s0w, s0p);
    f!(s1w, s0w);
    f!(s1p, s0p);
    f!(s1p, b0p);
    f!(s1w, b0w);
    f!(s0w, b1w);
    f!(b0w, b1w);
    // tag triples
    f!(b0p, b1p, b2p);
    f!(s0p, b0p, b1p);
    f!(s1p, s0p, b0p);
    f!(s2p, s1p, s0p);
    f!(s1p, s0p, b1p);
    f!(s1w, s0p, b0p);
    f!(s1p, s0w, b0p);
    f!(s1p, s0p, b0w);
    f!(s0p, p(s0l), b0p);
    f!(s0p, p(s0r), b0p);
    f!(s0p, b0p, p(b0l));
    f!(s1p, p(s1r), s0p);
    f!(s1p, s0p, p(s0l));
    f!(s1p, s0p, p(s0r));
    f!(s1p, p(s1l), s0p);
    // distance
    f!(s0w, d);
    f!(s0p, d);
    f!(b0w, d);
    f!(b0p, d);
    f!(s0w, b0w, d);
    f!(s0p, b0p, d);
    f!(s1p, s0p, d10);
    f!(s1w, s0w, d10);
    f!(s1p, s0p, b0p, d, d10);
    // valency
    f!(s0w, val(&st.nr, s0));
    f!(s0p, val(&st.nr, s0));
    f!(s0w, val(&st.nl, s0));
    f!(s0p, val(&st.nl, s0));
    f!(b0w, val(&st.nl, b0));
    f!(b0p, val(&st.nl, b0));
    f!(s1w, val(&st.nr, s1));
    f!(s1p, val(&st.nr, s1));
    f!(s1p, val(&st.nl, s1));
    // children
    f!(w(s0l));
    f!(p(s0l));
    f!(l(s0l));
    f!(w(s0r));
    f!(p(s0r));
    f!(l(s0r));
    f!(w(b0l));
    f!(p(b0l));
    f!(l(b0l));
    f!(w(s1r));
    f!(p(s1r));
    f!(l(s1r));
    f!(p(s1l));
    f!(l(s1l));
    f!(w(s0l2));
    f!(p(s0l2));
    f!(l(s0l2));
    f!(w(s0r2));
    f!(p(s0r2));
    f!(l(s0r2));
    f!(w(b0l2));
    f!(p(b0l2));
    f!(l(b0l2));
    f!(s0p, p(s0l), p(s0l2));
    f!(s0p, p(s0r), p(s0r2));
    f!(b0p, p(b0l), p(b0l2));
    f!(s1p, p(s1r), p(s1r2));
    f!(s0p, l(s0l), l(s0r));
    f!(b0p, l(b0l));
    f!(s0p, l(s0l), b0p);
    f!(s0p, l(s0r), b0p);
    f!(s1p, l(s1r), s0p);
    f!(s1p, l(s1l), s0p);
    // label sets
    f!(s0w, set(&st.rset, s0));
    f!(s0p, set(&st.rset, s0));
    f!(s0w, set(&st.lset, s0));
    f!(s0p, set(&st.lset, s0));
    f!(b0w, set(&st.lset, b0));
    f!(b0p, set(&st.lset, b0));
    f!(s1p, set(&st.rset, s1));
    f!(s1p, set(&st.lset, s1));
    f!(s1p, s0p, set(&st.lset, s0), set(&st.rset, s0));
    // suffixes (robust to tag errors)
    f!(s0x);
    f!(b0x);
    f!(s1x);
    f!(b1x);
    f!(s0x, b0x);
    f!(s1x, s0x);
    f!(s0x, b0p);
    f!(s0p, b0x);
    f!(s0w, b0x);
    f!(s0x, b0w);
    f!(s1x, s0p, b0p);
    f!(s0x, b0x, d);
    // XPOS (verb form, comparative, possessive, wh-words)
    let q = |i: usize| if i == NONE { W_NONE } else { tk.q[i] };
    let (s0q, s1q, b0q, b1q) = (q(s0), q(s1), q(b0), q(b1));
    f!(s0q);
    f!(b0q);
    f!(s1q);
    f!(b1q);
    f!(s0w, s0q);
    f!(b0w, b0q);
    f!(s0q, b0q);
    f!(s1q, s0q);
    f!(s1q, s0q, b0q);
    f!(s0q, b0q, b1q);
    f!(s0q, b0q, d);
    f!(s0q, q(s0l), b0q);
    f!(q(s0l));
    f!(q(s0r));
    f!(q(b0l));
    f!(q(s2));
    f!(q(b2));
    f!(s0q, b0q, q(b0l));
    f!(s0q, q(s0r), b0q);
    f!(b0q, b1q, q(b2));
    // The tagger's runner-up tags (k-best input: recovers from tagging errors)
    let a = |i: usize| if i == NONE { W_NONE } else { tk.a[i] };
    let (s0a, s1a, b0a, b1a) = (a(s0), a(s1), a(b0), a(b1));
    f!(s0p, s0a);
    f!(b0p, b0a);
    f!(s1p, s1a);
    f!(b1p, b1a);
    f!(s0p, s0a, b0p);
    f!(s0p, b0p, b0a);
    f!(s1p, s1a, s0p);
    f!(s0w, s0a);
    f!(b0w, b0a);
    // Casing (names vs common nouns) and further lookahead
    let c = |i: usize| if i == NONE { W_NONE } else { tk.c[i] };
    f!(s0p, c(s0), b0p, c(b0));
    f!(s0p, c(s0));
    f!(b0p, c(b0));
    f!(s1p, c(s1), s0p, c(s0));
    let b3 = st.bf(3);
    f!(p(b3));
    f!(b1p, b2p, p(b3));
}

/// Label features of an arc `h -> d` made by transition `t`.
fn label_features(st: &State, tk: &Toks, t: usize, h: usize, d: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = |i: usize| if i == NONE { W_NONE } else { tk.w[i] };
    let p = |i: usize| if i == NONE { W_NONE } else { tk.p[i] };
    let l = |i: usize| {
        if i == NONE || st.label[i] == NONE {
            W_NONE
        } else {
            st.label[i] as u64 + 1
        }
    };
    let nb = |i: usize, k: isize| {
        let j = i as isize + k;
        if j >= 1 && j as usize <= st.n {
            j as usize
        } else {
            NONE
        }
    };
    let (hw, hp, dw, dp) = (w(h), p(h), w(d), p(d));
    let (dl, dr, dl2, dr2) = (st.lm[d], st.rm[d], st.l2[d], st.r2[d]);
    let (hl, hr) = (st.lm[h], st.rm[h]);
    let dist = dist_bucket(h, d);
    let dset = mix(set_hash(st.lset[d]), set_hash(st.rset[d]));
    let hset = mix(set_hash(st.lset[h]), set_hash(st.rset[h]));
    let mut k: u64 = 0;
    let base = (t as u64 + 1).wrapping_mul(0x9FB2_1C65_1E98_DF25);
    macro_rules! f {
        ($($x:expr),*) => {{
            k += 1;
            #[allow(unused_mut)]
            let mut x = base ^ k.wrapping_mul(0xD6E8_FEB8_6659_FD93);
            $( x = mix(x, $x); )*
            out.push(x);
        }};
    }
    f!(1);
    f!(dw);
    f!(dp);
    f!(dw, dp);
    f!(hw);
    f!(hp);
    f!(hw, hp);
    f!(hp, dp);
    f!(hw, dp);
    f!(hp, dw);
    f!(hw, dw);
    f!(hp, dp, dist);
    f!(dp, dist);
    f!(dp, l(dl));
    f!(dp, l(dr));
    f!(dp, l(dl), l(dr));
    f!(dp, dset);
    f!(dw, dset);
    f!(hp, dp, dset);
    f!(w(dl));
    f!(dp, w(dl));
    f!(dp, p(dl));
    f!(dp, w(dr));
    f!(dp, p(dr));
    f!(dp, l(dl2));
    f!(dp, l(dr2));
    f!(hp, hset);
    f!(hp, dp, hset);
    f!(hp, l(hl));
    f!(hp, l(hr));
    f!(hp, dp, st.nl[h] as u64, st.nr[h] as u64);
    f!(dp, p(nb(d, -1)));
    f!(dp, p(nb(d, 1)));
    f!(dp, p(nb(d, -1)), p(nb(d, 1)));
    f!(hp, p(nb(h, -1)));
    f!(hp, p(nb(h, 1)));
    f!(dp, (d == 1) as u64);
    f!(hw, dp, dset);
    f!(dw, w(dl));
    f!(hp, dp, w(dl));
    f!(hp, p(st.s(1)), dp);
    let x = |i: usize| if i == NONE { W_NONE } else { tk.x[i] };
    f!(x(d));
    f!(x(d), x(h));
    f!(x(d), hp);
    f!(dp, x(h));
    let q = |i: usize| if i == NONE { W_NONE } else { tk.q[i] };
    f!(q(d));
    f!(q(h));
    f!(q(h), q(d));
    f!(q(d), dw);
    f!(q(h), q(d), dist);
    f!(q(d), l(dl), l(dr));
    let a = |i: usize| if i == NONE { W_NONE } else { tk.a[i] };
    f!(dp, a(d));
    f!(hp, a(h));
    f!(dp, a(d), hp);
    f!(q(d), q(nb(d, -1)));
    f!(q(d), q(nb(d, 1)));
    f!(q(h), q(d), l(dl));
    f!(dp, c_(tk, d), hp);
}

#[inline(always)]
fn c_(tk: &Toks, i: usize) -> u64 {
    if i == NONE {
        W_NONE
    } else {
        tk.c[i]
    }
}

// ---------------------------------------------------------------- weights

/// The model file's checksum: FNV-1a's step (xor, multiply by the 64-bit
/// FNV prime) over little-endian 8-byte words (the last one zero-padded),
/// then the length; a word at a time so that loading stays fast.
fn checksum(b: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let step = |h: u64, w: u64| (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        h = step(h, u64::from_le_bytes(w.try_into().unwrap()));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    h = step(h, u64::from_le_bytes(last));
    step(h, b.len() as u64)
}

/// LEB128: 7 bits per byte, low bits first.
fn put_varint(o: &mut Vec<u8>, mut x: u32) {
    while x >= 0x80 {
        o.push(x as u8 | 0x80);
        x >>= 7;
    }
    o.push(x as u8);
}

/// LEB128 varint of at most `max` at `d[*pos..]`.
#[inline(always)]
fn get_varint(d: &[u8], pos: &mut usize, max: u32) -> Result<u32, &'static str> {
    let mut x = 0u64;
    for shift in (0..35).step_by(7) {
        let c = *d.get(*pos).ok_or("truncated")?;
        *pos += 1;
        x |= ((c & 0x7f) as u64) << shift;
        if x > max as u64 {
            return Err("bad varint");
        }
        if c & 0x80 == 0 {
            return Ok(x as u32);
        }
    }
    Err("bad varint")
}

/// The `count` stored rows of a table of `width` weights per row (see
/// [`Parser::to_bytes`]) from `d[*pos..]` into `t`.
fn read_rows(
    d: &[u8],
    pos: &mut usize,
    count: usize,
    width: usize,
    t: &mut [i16],
) -> Result<(), &'static str> {
    let rows_n = t.len() / width;
    let mb = width.div_ceil(8);
    // Bits of the mask's last byte that stand for weights (1..=8).
    let used = width - (mb - 1) * 8;
    let mut next = 0usize;
    for _ in 0..count {
        let gap = get_varint(d, pos, u32::MAX)? as usize;
        let row = next
            .checked_add(gap)
            .filter(|&r| r < rows_n)
            .ok_or("bad row")?;
        next = row + 1;
        let mask = d.get(*pos..*pos + mb).ok_or("truncated")?;
        *pos += mb;
        if (used < 8 && mask[mb - 1] >> used != 0) || mask.iter().all(|&m| m == 0) {
            return Err("bad row mask");
        }
        let out = &mut t[row * width..(row + 1) * width];
        for (j, &m) in mask.iter().enumerate() {
            let mut m = m;
            while m != 0 {
                let k = j * 8 + m.trailing_zeros() as usize;
                m &= m - 1;
                let w = d.get(*pos..*pos + 2).ok_or("truncated")?;
                *pos += 2;
                out[k] = i16::from_le_bytes([w[0], w[1]]);
                if out[k] == 0 {
                    return Err("zero weight marked non-zero");
                }
            }
        }
    }
    Ok(())
}

/// Bounds-checked reading of a model file.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.b.len() - self.pos {
            return Err("parser model: truncated".to_string());
        }
        self.pos += n;
        Ok(&self.b[self.pos - n..self.pos])
    }
    fn u32(&mut self) -> Result<u32, String> {
        let x = self.take(4)?;
        Ok(u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
    }
    fn f32(&mut self) -> Result<f32, String> {
        let x = f32::from_bits(self.u32()?);
        if !x.is_finite() || x <= 0.0 {
            return Err("parser model: bad scale".to_string());
        }
        Ok(x)
    }
    /// A varint of at most `max`.
    #[cfg(test)]
    fn varint(&mut self, max: u32) -> Result<u32, String> {
        get_varint(self.b, &mut self.pos, max).map_err(|e| format!("parser model: {e}"))
    }
    /// `n` labels (a `u16` length and UTF-8 bytes each), leaked.
    fn labels(&mut self, n: usize) -> Result<Vec<&'static str>, String> {
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let x = self.take(2)?;
            let len = u16::from_le_bytes([x[0], x[1]]) as usize;
            let s = std::str::from_utf8(self.take(len)?)
                .map_err(|_| "parser model: label not UTF-8".to_string())?;
            labels.push(&*Box::leak(s.to_string().into_boxed_str()));
        }
        Ok(labels)
    }
}

impl Parser {
    #[inline]
    fn trans_scores(&self, feats: &[u64]) -> [f32; 3] {
        let sh = 64 - self.tbits;
        if !self.qt.is_empty() {
            // Rows first (prefetched: the table does not fit in cache, and
            // issuing all loads before using them overlaps the misses).
            let mut rows = [0usize; 256];
            let n = feats.len().min(rows.len());
            for (r, &f) in rows.iter_mut().zip(&feats[..n]) {
                *r = (fin(f) >> sh) as usize * 3;
                prefetch(&self.qt[*r]);
            }
            let mut s = [0i32; 3];
            for &i in &rows[..n] {
                let r = &self.qt[i..i + 3];
                s[0] += r[0] as i32;
                s[1] += r[1] as i32;
                s[2] += r[2] as i32;
            }
            for &f in &feats[n..] {
                let i = (fin(f) >> sh) as usize * 3;
                let r = &self.qt[i..i + 3];
                s[0] += r[0] as i32;
                s[1] += r[1] as i32;
                s[2] += r[2] as i32;
            }
            return [s[0] as f32, s[1] as f32, s[2] as f32];
        }
        let mut s = [0f32; 3];
        for &f in feats {
            let i = (fin(f) >> sh) as usize * 3;
            let r = &self.trans[i..i + 3];
            s[0] += r[0];
            s[1] += r[1];
            s[2] += r[2];
        }
        s
    }
    #[inline]
    fn label_scores(&self, feats: &[u64], out: &mut [f32]) {
        let nl = self.labels.len();
        let sh = 64 - self.lbits;
        out.iter_mut().for_each(|x| *x = 0.0);
        if !self.ql.is_empty() && nl > 128 {
            for &f in feats {
                let i = (fin(f) >> sh) as usize * nl;
                for (o, w) in out.iter_mut().zip(&self.ql[i..i + nl]) {
                    *o += *w as f32;
                }
            }
            return;
        }
        if !self.ql.is_empty() {
            let mut rows = [0usize; 128];
            let n = feats.len().min(rows.len());
            for (r, &f) in rows.iter_mut().zip(&feats[..n]) {
                *r = (fin(f) >> sh) as usize * nl;
                prefetch(&self.ql[*r]);
                prefetch(&self.ql[*r + nl - 1]);
            }
            let mut acc = [0i32; 128];
            let acc = &mut acc[..nl];
            for &i in &rows[..n] {
                for (o, w) in acc.iter_mut().zip(&self.ql[i..i + nl]) {
                    *o += *w as i32;
                }
            }
            for &f in &feats[n..] {
                let i = (fin(f) >> sh) as usize * nl;
                for (o, w) in acc.iter_mut().zip(&self.ql[i..i + nl]) {
                    *o += *w as i32;
                }
            }
            for (o, a) in out.iter_mut().zip(acc.iter()) {
                *o = *a as f32;
            }
            return;
        }
        for &f in feats {
            let i = (fin(f) >> sh) as usize * nl;
            for (o, w) in out.iter_mut().zip(&self.lab[i..i + nl]) {
                *o += *w;
            }
        }
    }
    fn best_label(&self, scores: &[f32]) -> usize {
        let mut best = NONE;
        for (i, &s) in scores.iter().enumerate() {
            if i != self.root_label && (best == NONE || s > scores[best]) {
                best = i;
            }
        }
        if best == NONE {
            self.root_label
        } else {
            best
        }
    }

    /// Parse one sentence given its words and UPOS tags. Returns, per word,
    /// the 1-based head (0 = root) and the relation. The result is always a
    /// tree with exactly one word attached to the root.
    ///
    /// The model also uses XPOS (Penn Treebank) tags: they are taken from
    /// the tagger that produced `tags` if it was the last sentence this
    /// thread tagged ([`crate::tagger::Tagger::tag`] remembers it), else
    /// from the embedded tagger (see [`crate::tagger::context_for`]), as are
    /// the tagger's runner-up tags where it was unsure. To give them
    /// explicitly, use [`Parser::parse_xpos`] or [`Parser::parse_tagged`].
    pub fn parse(&self, words: &[&str], tags: &[&str]) -> Vec<(usize, &'static str)> {
        if words.is_empty() {
            return Vec::new();
        }
        let (xpos, alt) = crate::tagger::context_for(words, tags);
        self.parse_tagged(words, tags, &xpos, &alt)
    }

    /// [`Parser::parse`] with explicit XPOS tags (missing ones count as
    /// unknown) and no runner-up tags (e.g. gold tags).
    pub fn parse_xpos(
        &self,
        words: &[&str],
        tags: &[&str],
        xpos: &[&str],
    ) -> Vec<(usize, &'static str)> {
        self.parse_tagged(words, tags, xpos, &[])
    }

    /// [`Parser::parse`] with explicit XPOS tags and runner-up tags
    /// ([`crate::tagger::Tagged::alt`]; empty or missing: none).
    pub fn parse_tagged(
        &self,
        words: &[&str],
        tags: &[&str],
        xpos: &[&str],
        alt: &[&str],
    ) -> Vec<(usize, &'static str)> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let tk = Toks::new(words, tags, xpos, alt);
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(128);
        let mut ls = vec![0f32; self.labels.len()];
        while !st.terminal() {
            let lg = st.legal();
            let mut best = NONE;
            if lg.iter().filter(|&&l| l).count() == 1 {
                // one legal transition: nothing to score
                best = lg.iter().position(|&l| l).expect("one legal");
            } else {
                trans_features(&st, &tk, &mut feats);
                let sc = self.trans_scores(&feats);
                for t in 0..3 {
                    if lg[t] && (best == NONE || sc[t] > sc[best]) {
                        best = t;
                    }
                }
            }
            let mut lab = NONE;
            if best != SH {
                let (h, d) = st.arc(best);
                if h == 0 {
                    lab = self.root_label;
                } else {
                    label_features(&st, &tk, best, h, d, &mut feats);
                    self.label_scores(&feats, &mut ls);
                    lab = self.best_label(&ls);
                }
            }
            st.apply(best, lab);
        }
        (1..=n)
            .map(|i| {
                (
                    st.head[i],
                    self.labels.get(st.label[i]).copied().unwrap_or("dep"),
                )
            })
            .collect()
    }

    /// The parser trained on UD English EWT, committed in `model/parser.bin`
    /// (`None` if the embedded file is missing or malformed).
    pub fn embedded() -> Option<&'static Parser> {
        Parser::try_embedded().ok()
    }

    /// [`Parser::embedded`], or why the embedded file could not be read.
    pub fn try_embedded() -> Result<&'static Parser, &'static str> {
        static P: OnceLock<Result<Parser, String>> = OnceLock::new();
        P.get_or_init(|| Parser::from_bytes(include_bytes!("../model/parser.bin")))
            .as_ref()
            .map_err(|e| e.as_str())
    }

    /// Serialize the weights in the current format (version
    /// [`FORMAT_VERSION`], see `model/parser.md`): magic, version, labels,
    /// then per table its size, scale and the rows that are not all zero,
    /// each as a varint gap from the previous row, a bitmask of its non-zero
    /// weights and those weights (`i16`); a 64-bit checksum of
    /// everything before it ends the file. Lossless for the `i16` weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        assert!(!self.qt.is_empty(), "Parser::to_bytes: not quantized");
        let mut o = Vec::new();
        o.extend_from_slice(MAGIC);
        o.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        o.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            o.extend_from_slice(&(l.len() as u16).to_le_bytes());
            o.extend_from_slice(l.as_bytes());
        }
        o.extend_from_slice(&(self.root_label as u32).to_le_bytes());
        for (bits, scale, table, width) in [
            (self.tbits, self.qts, &self.qt, 3usize),
            (self.lbits, self.qls, &self.ql, self.labels.len()),
        ] {
            o.extend_from_slice(&bits.to_le_bytes());
            o.extend_from_slice(&(width as u32).to_le_bytes());
            o.extend_from_slice(&scale.to_le_bytes());
            let rows: Vec<usize> = (0..table.len() / width)
                .filter(|&r| table[r * width..(r + 1) * width].iter().any(|&x| x != 0))
                .collect();
            o.extend_from_slice(&(rows.len() as u32).to_le_bytes());
            let mut next = 0usize;
            let mut mask = vec![0u8; width.div_ceil(8)];
            for r in rows {
                put_varint(&mut o, (r - next) as u32);
                next = r + 1;
                let row = &table[r * width..(r + 1) * width];
                mask.iter_mut().for_each(|m| *m = 0);
                for (k, &x) in row.iter().enumerate() {
                    if x != 0 {
                        mask[k / 8] |= 1 << (k % 8);
                    }
                }
                o.extend_from_slice(&mask);
                for &x in row.iter().filter(|&&x| x != 0) {
                    o.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        let sum = checksum(&o);
        o.extend_from_slice(&sum.to_le_bytes());
        o
    }

    /// Read weights written by [`Parser::to_bytes`]. A file in another
    /// format version (e.g. the version-3 `HRLDPAR3` one), a truncated or
    /// corrupt one gives an error (checked by a checksum and by bounds on
    /// every field), never a panic. Label strings are leaked (a few hundred
    /// bytes per call) so that [`Parser::parse`] can return `&'static str`.
    pub fn from_bytes(b: &[u8]) -> Result<Parser, String> {
        if b.len() >= 8 && &b[..8] == MAGIC_V3 {
            return Err(format!(
                "parser model: old format version 3 ({}); this herald reads version \
                 {FORMAT_VERSION}: convert it with `cargo run --release -p herald-syntax \
                 --example convert_parser -- OLD.bin NEW.bin`",
                String::from_utf8_lossy(MAGIC_V3)
            ));
        }
        if b.len() < 8 || &b[..8] != MAGIC {
            return Err("parser model: not a herald parser model (bad magic)".to_string());
        }
        if b.len() < 12 {
            return Err("parser model: truncated".to_string());
        }
        let v = u32::from_le_bytes([b[8], b[9], b[10], b[11]]);
        if v != FORMAT_VERSION {
            return Err(format!(
                "parser model: unsupported format version {v} (this herald reads version {FORMAT_VERSION})"
            ));
        }
        if b.len() < 20 {
            return Err("parser model: truncated".to_string());
        }
        let (body, sum) = b.split_at(b.len() - 8);
        let sum = u64::from_le_bytes(sum.try_into().unwrap());
        if checksum(body) != sum {
            return Err("parser model: checksum mismatch (truncated or corrupt file)".to_string());
        }
        let mut r = Reader { b: body, pos: 12 };
        let (labels, root_label) = read_labels(&mut r)?;
        let nl = labels.len();
        let mut tables = Vec::new();
        for width in [3usize, nl] {
            let bits = r.u32()?;
            if !(4..=28).contains(&bits) {
                return Err("parser model: bad table size".to_string());
            }
            if r.u32()? as usize != width {
                return Err("parser model: bad table width".to_string());
            }
            let scale = r.f32()?;
            let rows_n = 1usize << bits;
            let count = r.u32()? as usize;
            if count > rows_n {
                return Err("parser model: bad row count".to_string());
            }
            let mut t = vec![0i16; rows_n * width];
            read_rows(body, &mut r.pos, count, width, &mut t)
                .map_err(|e| format!("parser model: {e}"))?;
            tables.push((bits, scale, t));
        }
        if r.pos != body.len() {
            return Err("parser model: trailing bytes".to_string());
        }
        Ok(Parser::from_tables(labels, root_label, tables))
    }

    /// A parser from its labels and its two quantized tables (transitions,
    /// then labels), as both file formats store them.
    fn from_tables(labels: Vec<&'static str>, root_label: usize, mut tables: Vec<(u32, f32, Vec<i16>)>) -> Parser {
        let (lbits, qls, ql) = tables.pop().expect("two tables");
        let (tbits, qts, qt) = tables.pop().expect("two tables");
        Parser { labels, root_label, tbits, trans: Vec::new(), lbits, lab: Vec::new(), qt, ql, qts, qls }
    }

    /// Read a model in the old version-3 format (magic `HRLDPAR3`: per
    /// table a `u32` row index and the raw `i16` weights of every stored
    /// row), as committed before version 4; for converting it
    /// (`examples/convert_parser.rs`). The weights are the same.
    pub fn from_v3_bytes(b: &[u8]) -> Result<Parser, String> {
        if b.len() < 8 || &b[..8] != MAGIC_V3 {
            return Err("parser model: not a version-3 parser model (bad magic)".to_string());
        }
        let mut r = Reader { b, pos: 8 };
        let (labels, root_label) = read_labels(&mut r)?;
        let nl = labels.len();
        let mut tables = Vec::new();
        for width in [3usize, nl] {
            let bits = r.u32()?;
            if !(4..=28).contains(&bits) {
                return Err("parser model: bad table size".to_string());
            }
            let rows_n = 1usize << bits;
            let scale = r.f32()?;
            let count = r.u32()? as usize;
            if count > rows_n {
                return Err("parser model: bad row count".to_string());
            }
            let mut t = vec![0i16; rows_n * width];
            for _ in 0..count {
                let row = r.u32()? as usize;
                if row >= rows_n {
                    return Err("parser model: bad row".to_string());
                }
                let data = r.take(2 * width)?;
                for (k, c) in data.chunks_exact(2).enumerate() {
                    t[row * width + k] = i16::from_le_bytes([c[0], c[1]]);
                }
            }
            tables.push((bits, scale, t));
        }
        if r.pos != b.len() {
            return Err("parser model: trailing bytes".to_string());
        }
        Ok(Parser::from_tables(labels, root_label, tables))
    }

    /// Whether two parsers have the same labels and the same (quantized)
    /// weights, i.e. give the same parses.
    pub fn same_weights(&self, other: &Parser) -> bool {
        self.labels == other.labels
            && self.root_label == other.root_label
            && (self.tbits, self.lbits) == (other.tbits, other.lbits)
            && (self.qts, self.qls) == (other.qts, other.qls)
            && self.qt == other.qt
            && self.ql == other.ql
    }

    /// Replace the `f32` tables by `i16` ones (one scale per table: the
    /// largest magnitude maps to 32767). Decisions only compare scores, so
    /// parsing sums the integers directly.
    fn quantize(&mut self) {
        fn q(t: &[f32]) -> (f32, Vec<i16>) {
            let m = t.iter().fold(0f32, |a, &x| a.max(x.abs()));
            let scale = if m > 0.0 { m / 32767.0 } else { 1.0 };
            (
                scale,
                t.iter()
                    .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
                    .collect(),
            )
        }
        let (qts, qt) = q(&self.trans);
        let (qls, ql) = q(&self.lab);
        *self = Parser {
            labels: std::mem::take(&mut self.labels),
            root_label: self.root_label,
            tbits: self.tbits,
            trans: Vec::new(),
            lbits: self.lbits,
            lab: Vec::new(),
            qt,
            ql,
            qts,
            qls,
        };
    }

    /// Zero the rows of smallest magnitude until the rows kept would take at
    /// most `max_bytes` in the version-3 layout (4 bytes of row index plus 2
    /// per weight; the current format stores them more compactly).
    fn prune_to(&mut self, max_bytes: usize) {
        let nl = self.labels.len();
        let head = 8 + 4 + self.labels.iter().map(|l| 2 + l.len()).sum::<usize>() + 4 + 24;
        // (magnitude, table, row)
        let mut rows: Vec<(f32, u8, u32)> = Vec::new();
        for (ti, table, width) in [(0u8, &self.trans, 3usize), (1u8, &self.lab, nl)] {
            for r in 0..table.len() / width {
                let m = table[r * width..(r + 1) * width]
                    .iter()
                    .fold(0f32, |a, &x| a.max(x.abs()));
                if m > 0.0 {
                    rows.push((m, ti, r as u32));
                }
            }
        }
        let size = |ti: u8| 4 + 2 * if ti == 0 { 3 } else { nl };
        let total: usize = head + rows.iter().map(|r| size(r.1)).sum::<usize>();
        if total <= max_bytes {
            return;
        }
        // Label rows are scaled like transition rows; prune both by the same magnitude order.
        rows.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
        let mut excess = total - max_bytes;
        for &(_, ti, r) in &rows {
            if excess == 0 {
                break;
            }
            let r = r as usize;
            if ti == 0 {
                self.trans[r * 3..r * 3 + 3]
                    .iter_mut()
                    .for_each(|x| *x = 0.0);
            } else {
                self.lab[r * nl..(r + 1) * nl]
                    .iter_mut()
                    .for_each(|x| *x = 0.0);
            }
            excess = excess.saturating_sub(size(ti));
        }
    }

    /// Number of relation labels.
    pub fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// Train on gold trees (gold UPOS as input) for up to `epochs` epochs with
    /// the dynamic oracle. Deterministic given `seed`. With `dev`, the averaged
    /// weights are evaluated on it after every epoch (UAS/LAS printed on
    /// stderr) and those of the best epoch (by LAS) are kept. Non-projective
    /// sentences are skipped. The result is pruned to fit the storage budget.
    pub fn train(
        sentences: &[Sentence],
        epochs: usize,
        seed: u64,
        dev: Option<&[Sentence]>,
    ) -> Parser {
        Self::train_with(
            sentences,
            None,
            epochs,
            seed,
            dev.map(|d| (d, None)),
            1,
            true,
            TRAIN_TBITS,
            TRAIN_LBITS,
            MAX_BYTES,
        )
    }

    /// Like [`Parser::train_tagged`] with XPOS and runner-up tags too (see
    /// [`InputTags`]), and `models` parsers trained with seeds `seed`,
    /// `seed + 1`, ... whose averaged weights are summed (a linear model: the
    /// sum scores like an ensemble, at the size of one model). With
    /// `select_epoch`, each keeps its epoch best on dev (LAS), else its last.
    #[allow(clippy::too_many_arguments)]
    pub fn train_given(
        sentences: &[Sentence],
        tags: InputTags<'_>,
        epochs: usize,
        seed: u64,
        models: usize,
        select_epoch: bool,
        dev: Option<(&[Sentence], InputTags<'_>)>,
    ) -> Parser {
        Self::train_with(
            sentences,
            Some(tags),
            epochs,
            seed,
            dev.map(|(d, t)| (d, Some(t))),
            models,
            select_epoch,
            TRAIN_TBITS,
            TRAIN_LBITS,
            MAX_BYTES,
        )
    }

    /// Like [`Parser::train`], but the parser sees the given UPOS tags
    /// (`tags[i][j]` for word `j` of sentence `i`, e.g. jackknifed tagger
    /// output) instead of the gold ones, and the epoch is chosen by dev LAS
    /// with the given dev tags (e.g. the tagger's predictions).
    pub fn train_tagged(
        sentences: &[Sentence],
        tags: &[Vec<String>],
        epochs: usize,
        seed: u64,
        dev: Option<(&[Sentence], &[Vec<String>])>,
    ) -> Parser {
        let none: Vec<Vec<String>> = vec![Vec::new(); tags.len()];
        let dev_none: Vec<Vec<String>> = dev
            .map(|(_, t)| vec![Vec::new(); t.len()])
            .unwrap_or_default();
        Self::train_with(
            sentences,
            Some(InputTags {
                upos: tags,
                xpos: &none,
                alt: &none,
            }),
            epochs,
            seed,
            dev.map(|(d, t)| {
                (
                    d,
                    Some(InputTags {
                        upos: t,
                        xpos: &dev_none,
                        alt: &dev_none,
                    }),
                )
            }),
            1,
            true,
            TRAIN_TBITS,
            TRAIN_LBITS,
            MAX_BYTES,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn train_with(
        sentences: &[Sentence],
        in_tags: Option<InputTags<'_>>,
        epochs: usize,
        seed: u64,
        dev: Option<(&[Sentence], Option<InputTags<'_>>)>,
        models: usize,
        select_epoch: bool,
        tbits: u32,
        lbits: u32,
        max_bytes: usize,
    ) -> Parser {
        // Labels, root first-seen order made deterministic by sorting.
        let mut labels: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
            .collect();
        labels.push("root".to_string());
        labels.sort();
        labels.dedup();
        let root_label = labels.iter().position(|l| l == "root").unwrap();
        let labels: Vec<&'static str> = labels
            .into_iter()
            .map(|s| &*Box::leak(s.into_boxed_str()))
            .collect();
        let nl = labels.len();
        let lab_index = |s: &str| labels.iter().position(|l| *l == s).unwrap_or(root_label);
        // Training data: projective, well-formed sentences.
        struct Ex {
            tk: Toks,
            gold: Vec<usize>,
            glab: Vec<usize>,
        }
        let mut data = Vec::new();
        let mut skipped = 0;
        for (si, s) in sentences.iter().enumerate() {
            let n = s.words.len();
            if n == 0 {
                continue;
            }
            let mut gold = vec![0usize; n + 1];
            let mut glab = vec![root_label; n + 1];
            let mut ok = true;
            for (i, w) in s.words.iter().enumerate() {
                if w.head > n || w.head == i + 1 {
                    ok = false;
                }
                gold[i + 1] = w.head;
                glab[i + 1] = lab_index(&w.deprel);
            }
            if !ok || gold[1..].iter().filter(|&&h| h == 0).count() != 1 || !projective(&gold) {
                skipped += 1;
                continue;
            }
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let (tags, xpos, alt): (Vec<&str>, Vec<&str>, Vec<&str>) = match in_tags {
                Some(t) => (
                    t.upos[si].iter().map(|x| x.as_str()).collect(),
                    t.xpos[si].iter().map(|x| x.as_str()).collect(),
                    t.alt[si].iter().map(|x| x.as_str()).collect(),
                ),
                None => (
                    s.words.iter().map(|w| w.upos.as_str()).collect(),
                    s.words.iter().map(|w| w.xpos.as_str()).collect(),
                    Vec::new(),
                ),
            };
            data.push(Ex {
                tk: Toks::new(&forms, &tags, &xpos, &alt),
                gold,
                glab,
            });
        }
        if dev.is_some() {
            eprintln!("parser: {} training sentences ({} skipped: non-projective or malformed), {} labels", data.len(), skipped, nl);
        }
        let mut p = Parser {
            labels,
            root_label,
            tbits,
            trans: vec![0.0; (1usize << tbits) * 3],
            lbits,
            lab: vec![0.0; (1usize << lbits) * nl],
            qt: Vec::new(),
            ql: Vec::new(),
            qts: 1.0,
            qls: 1.0,
        };
        let (mut sum_t, mut sum_l) = (vec![0f32; p.trans.len()], vec![0f32; p.lab.len()]);
        for model in 0..models.max(1) {
            p.trans.iter_mut().for_each(|x| *x = 0.0);
            p.lab.iter_mut().for_each(|x| *x = 0.0);
            let mut tu = vec![0f64; p.trans.len()];
            let mut lu = vec![0f64; p.lab.len()];
            let (mut tc, mut lc) = (1f64, 1f64);
            let mut rng = Rng::new(seed + model as u64);
            let mut order: Vec<usize> = (0..data.len()).collect();
            let mut best: Option<(f64, usize, Vec<f32>, Vec<f32>)> = None;
            let mut feats = Vec::with_capacity(128);
            let mut lfeats = Vec::with_capacity(64);
            let mut ls = vec![0f32; nl];
            let tsh = 64 - tbits;
            let lsh = 64 - lbits;
            let average = |w: &[f32], u: &[f64], c: f64| -> Vec<f32> {
                w.iter()
                    .zip(u)
                    .map(|(&w, &u)| (w as f64 - u / c) as f32)
                    .collect()
            };
            for epoch in 1..=epochs {
                for i in (1..order.len()).rev() {
                    let j = rng.below(i + 1);
                    order.swap(i, j);
                }
                let explore = epoch > 1;
                for &ei in &order {
                    let ex = &data[ei];
                    let n = ex.gold.len() - 1;
                    let mut st = State::new(n);
                    while !st.terminal() {
                        trans_features(&st, &ex.tk, &mut feats);
                        let sc = p.trans_scores(&feats);
                        let lg = st.legal();
                        let costs = st.costs(&ex.gold);
                        let minc = (0..3).filter(|&t| lg[t]).map(|t| costs[t]).min().unwrap();
                        let (mut pred, mut gbest) = (NONE, NONE);
                        for t in 0..3 {
                            if !lg[t] {
                                continue;
                            }
                            if pred == NONE || sc[t] > sc[pred] {
                                pred = t;
                            }
                            if costs[t] == minc && (gbest == NONE || sc[t] > sc[gbest]) {
                                gbest = t;
                            }
                        }
                        if costs[pred] != minc {
                            for &f in &feats {
                                let i = (fin(f) >> tsh) as usize * 3;
                                p.trans[i + gbest] += 1.0;
                                tu[i + gbest] += tc;
                                p.trans[i + pred] -= 1.0;
                                tu[i + pred] -= tc;
                            }
                        }
                        tc += 1.0;
                        let next = if costs[pred] == minc || (explore && rng.unit() < 0.9) {
                            pred
                        } else {
                            gbest
                        };
                        let mut lab = NONE;
                        if next != SH {
                            let (h, d) = st.arc(next);
                            if h == 0 {
                                lab = root_label;
                            } else {
                                label_features(&st, &ex.tk, next, h, d, &mut lfeats);
                                p.label_scores(&lfeats, &mut ls);
                                lab = p.best_label(&ls);
                                let g = ex.glab[d];
                                if ex.gold[d] == h && g != lab && g != root_label {
                                    for &f in &lfeats {
                                        let i = (fin(f) >> lsh) as usize * nl;
                                        p.lab[i + g] += 1.0;
                                        lu[i + g] += lc;
                                        p.lab[i + lab] -= 1.0;
                                        lu[i + lab] -= lc;
                                    }
                                }
                                lc += 1.0;
                            }
                        }
                        st.apply(next, lab);
                    }
                }
                if let Some(dev) = dev {
                    let avg = Parser {
                        labels: p.labels.clone(),
                        root_label,
                        tbits,
                        trans: average(&p.trans, &tu, tc),
                        lbits,
                        lab: average(&p.lab, &lu, lc),
                        qt: Vec::new(),
                        ql: Vec::new(),
                        qts: 1.0,
                        qls: 1.0,
                    };
                    let (dev, dev_tags) = dev;
                    let (uas, las, _) = evaluate(&avg, dev);
                    let (_uas, las) = match dev_tags {
                        None => {
                            eprintln!(
                                "parser: epoch {epoch}: dev UAS {:.2} LAS {:.2}",
                                uas * 100.0,
                                las * 100.0
                            );
                            (uas, las)
                        }
                        Some(t) => {
                            let (pu, pl, _) = evaluate_given(&avg, dev, t);
                            eprintln!(
                            "parser: epoch {epoch}: dev UAS {:.2} LAS {:.2} (gold UPOS), UAS {:.2} LAS {:.2} (given UPOS)",
                            uas * 100.0,
                            las * 100.0,
                            pu * 100.0,
                            pl * 100.0
                        );
                            (pu, pl)
                        }
                    };
                    if !select_epoch || best.as_ref().map(|b| las > b.0).unwrap_or(true) {
                        best = Some((las, epoch, avg.trans, avg.lab));
                    }
                }
            }
            let (trans, lab) = match best {
                Some((las, epoch, t, l)) => {
                    eprintln!("parser: keeping epoch {epoch} (dev LAS {:.2})", las * 100.0);
                    (t, l)
                }
                None => (average(&p.trans, &tu, tc), average(&p.lab, &lu, lc)),
            };
            sum_t.iter_mut().zip(&trans).for_each(|(a, b)| *a += b);
            sum_l.iter_mut().zip(&lab).for_each(|(a, b)| *a += b);
            if models > 1 {
                if let Some((dev, tags)) = dev {
                    let avg = Parser {
                        labels: p.labels.clone(),
                        root_label,
                        tbits,
                        trans: sum_t.clone(),
                        lbits,
                        lab: sum_l.clone(),
                        qt: Vec::new(),
                        ql: Vec::new(),
                        qts: 1.0,
                        qls: 1.0,
                    };
                    let (u, l, _) = match tags {
                        Some(t) => evaluate_given(&avg, dev, t),
                        None => evaluate(&avg, dev),
                    };
                    eprintln!(
                        "parser: models 1..={}: dev UAS {:.2} LAS {:.2}",
                        model + 1,
                        u * 100.0,
                        l * 100.0
                    );
                }
            }
        }
        let (trans, lab) = (sum_t, sum_l);
        p.trans = trans;
        p.lab = lab;
        p.prune_to(max_bytes);
        p.quantize();
        p
    }
}

/// Whether a tree (`heads[i]` for i in 1..; index 0 unused) is projective.
fn projective(heads: &[usize]) -> bool {
    let arcs: Vec<(usize, usize)> = (1..heads.len())
        .map(|d| (heads[d].min(d), heads[d].max(d)))
        .collect();
    for &(a, b) in &arcs {
        for &(c, d) in &arcs {
            if a < c && c < b && b < d {
                return false;
            }
        }
    }
    true
}

/// Attachment scores of `parser` on gold trees with gold UPOS input:
/// (UAS, LAS, LAS on universal relations only — the CoNLL 2018 definition).
/// Punctuation is included.
pub fn evaluate(parser: &Parser, sentences: &[Sentence]) -> (f64, f64, f64) {
    let tags: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.upos.clone()).collect())
        .collect();
    let xpos: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.xpos.clone()).collect())
        .collect();
    evaluate_with_tags_xpos(parser, sentences, &tags, &xpos)
}

/// Input tags of a set of sentences (`upos[i][j]` for word `j` of sentence
/// `i`, likewise the others; an empty `xpos[i]` or `alt[i]`: unknown/none).
#[derive(Debug, Clone, Copy)]
pub struct InputTags<'a> {
    /// UPOS tags.
    pub upos: &'a [Vec<String>],
    /// XPOS tags.
    pub xpos: &'a [Vec<String>],
    /// The tagger's runner-up tags ([`crate::tagger::Tagged::alt`]).
    pub alt: &'a [Vec<String>],
}

/// Like [`evaluate`] with the given UPOS and XPOS tags as input.
pub fn evaluate_with_tags_xpos(
    parser: &Parser,
    sentences: &[Sentence],
    tags: &[Vec<String>],
    xpos: &[Vec<String>],
) -> (f64, f64, f64) {
    let none = vec![Vec::new(); tags.len()];
    score(parser, sentences, tags, Some((xpos, &none)))
}

/// Like [`evaluate`] with the given tags as input.
pub fn evaluate_given(
    parser: &Parser,
    sentences: &[Sentence],
    tags: InputTags<'_>,
) -> (f64, f64, f64) {
    score(parser, sentences, tags.upos, Some((tags.xpos, tags.alt)))
}

/// Like [`evaluate`] but with the given UPOS tags as input (e.g. predicted ones).
/// The XPOS come from the tagger as in [`Parser::parse`].
pub fn evaluate_with_tags(
    parser: &Parser,
    sentences: &[Sentence],
    tags: &[Vec<String>],
) -> (f64, f64, f64) {
    score(parser, sentences, tags, None)
}

/// XPOS and runner-up tags of a set of sentences.
type XposAlt<'a> = (&'a [Vec<String>], &'a [Vec<String>]);

fn score(
    parser: &Parser,
    sentences: &[Sentence],
    tags: &[Vec<String>],
    xpos: Option<XposAlt<'_>>,
) -> (f64, f64, f64) {
    let (mut tot, mut u, mut l, mut lu) = (0usize, 0usize, 0usize, 0usize);
    for (si, (s, tg)) in sentences.iter().zip(tags).enumerate() {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tg: Vec<&str> = tg.iter().map(|t| t.as_str()).collect();
        let out = match xpos {
            Some((x, a)) => {
                let x: Vec<&str> = x[si].iter().map(|t| t.as_str()).collect();
                let a: Vec<&str> = a[si].iter().map(|t| t.as_str()).collect();
                parser.parse_tagged(&forms, &tg, &x, &a)
            }
            None => parser.parse(&forms, &tg),
        };
        for (w, (h, r)) in s.words.iter().zip(out) {
            tot += 1;
            if w.head == h {
                u += 1;
                if w.deprel == r {
                    l += 1;
                }
                if w.deprel.split(':').next() == r.split(':').next() {
                    lu += 1;
                }
            }
        }
    }
    let t = tot.max(1) as f64;
    (u as f64 / t, l as f64 / t, lu as f64 / t)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "1\tRussia\t_\tPROPN\t_\t_\t2\tnsubj\t_\t_
2\tsent\t_\tVERB\t_\t_\t0\troot\t_\t_
3\ttroops\t_\tNOUN\t_\t_\t2\tobj\t_\t_
4\tto\t_\tADP\t_\t_\t5\tcase\t_\t_
5\tUkraine\t_\tPROPN\t_\t_\t2\tobl\t_\t_
6\t.\t_\tPUNCT\t_\t_\t2\tpunct\t_\t_

1\tThe\t_\tDET\t_\t_\t2\tdet\t_\t_
2\tarmy\t_\tNOUN\t_\t_\t3\tnsubj\t_\t_
3\tattacked\t_\tVERB\t_\t_\t0\troot\t_\t_
4\tthe\t_\tDET\t_\t_\t5\tdet\t_\t_
5\tcity\t_\tNOUN\t_\t_\t3\tobj\t_\t_
6\tyesterday\t_\tNOUN\t_\t_\t3\tobl:tmod\t_\t_
7\t.\t_\tPUNCT\t_\t_\t3\tpunct\t_\t_

1\tTalks\t_\tNOUN\t_\t_\t3\tnsubj:pass\t_\t_
2\twere\t_\tAUX\t_\t_\t3\taux:pass\t_\t_
3\theld\t_\tVERB\t_\t_\t0\troot\t_\t_
4\tin\t_\tADP\t_\t_\t5\tcase\t_\t_
5\tGeneva\t_\tPROPN\t_\t_\t3\tobl\t_\t_

";

    fn sent_io(s: &Sentence) -> (Vec<&str>, Vec<&str>) {
        (
            s.words.iter().map(|w| w.form.as_str()).collect(),
            s.words.iter().map(|w| w.upos.as_str()).collect(),
        )
    }

    fn is_tree(out: &[(usize, &str)]) -> bool {
        let n = out.len();
        if out.iter().filter(|x| x.0 == 0).count() != 1 || out.iter().any(|x| x.0 > n) {
            return false;
        }
        for i in 1..=n {
            let (mut j, mut steps) = (i, 0);
            while j != 0 {
                j = out[j - 1].0;
                steps += 1;
                if steps > n {
                    return false;
                }
            }
        }
        true
    }

    fn tiny() -> Parser {
        let s = crate::conllu::parse(TINY).unwrap();
        Parser::train_with(&s, None, 10, 7, None, 1, true, 14, 10, MAX_BYTES)
    }

    #[test]
    fn learns_tiny_treebank() {
        let s = crate::conllu::parse(TINY).unwrap();
        let p = tiny();
        for sent in &s {
            let (f, t) = sent_io(sent);
            let out = p.parse(&f, &t);
            for (w, (h, r)) in sent.words.iter().zip(&out) {
                assert_eq!((w.head, w.deprel.as_str()), (*h, *r), "{:?}", out);
            }
        }
        assert_eq!(evaluate(&p, &s).1, 1.0);
    }

    /// The version-3 layout (raw `i16` rows), as committed before version 4.
    fn to_v3_bytes(p: &Parser) -> Vec<u8> {
        let mut o = Vec::new();
        o.extend_from_slice(MAGIC_V3);
        o.extend_from_slice(&(p.labels.len() as u32).to_le_bytes());
        for l in &p.labels {
            o.extend_from_slice(&(l.len() as u16).to_le_bytes());
            o.extend_from_slice(l.as_bytes());
        }
        o.extend_from_slice(&(p.root_label as u32).to_le_bytes());
        for (bits, scale, table, width) in [
            (p.tbits, p.qts, &p.qt, 3usize),
            (p.lbits, p.qls, &p.ql, p.labels.len()),
        ] {
            o.extend_from_slice(&bits.to_le_bytes());
            o.extend_from_slice(&scale.to_le_bytes());
            let rows: Vec<usize> = (0..table.len() / width)
                .filter(|&r| table[r * width..(r + 1) * width].iter().any(|&x| x != 0))
                .collect();
            o.extend_from_slice(&(rows.len() as u32).to_le_bytes());
            for r in rows {
                o.extend_from_slice(&(r as u32).to_le_bytes());
                for x in &table[r * width..(r + 1) * width] {
                    o.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        o
    }

    #[test]
    fn varints() {
        for x in [0u32, 1, 127, 128, 16383, 16384, 65535, 1 << 21, u32::MAX] {
            let mut o = Vec::new();
            put_varint(&mut o, x);
            let mut r = Reader { b: &o, pos: 0 };
            assert_eq!(r.varint(u32::MAX).unwrap(), x);
            assert_eq!(r.pos, o.len());
        }
        // Too large, too long, cut short.
        assert!(Reader {
            b: &[0xff, 0xff, 0x04],
            pos: 0
        }
        .varint(0xffff)
        .is_err());
        assert!(Reader {
            b: &[0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            pos: 0
        }
        .varint(u32::MAX)
        .is_err());
        assert!(Reader { b: &[0x80], pos: 0 }.varint(u32::MAX).is_err());
    }

    #[test]
    fn bytes_round_trip() {
        let p = tiny();
        let b = p.to_bytes();
        let q = Parser::from_bytes(&b).unwrap();
        assert!(q.same_weights(&p));
        assert_eq!(q.to_bytes(), b);
        assert_eq!(q.labels, p.labels);
        let s = crate::conllu::parse(TINY).unwrap();
        for sent in &s {
            let (f, t) = sent_io(sent);
            assert_eq!(q.parse(&f, &t), p.parse(&f, &t));
        }
        // Every truncation, and every single corrupted byte, is an error.
        for n in 0..b.len() {
            assert!(Parser::from_bytes(&b[..n]).is_err(), "cut at {n}");
        }
        for i in 0..b.len() {
            let mut c = b.clone();
            c[i] ^= 0x10;
            assert!(Parser::from_bytes(&c).is_err(), "byte {i} changed");
        }
        let mut longer = b.clone();
        longer.push(0);
        assert!(Parser::from_bytes(&longer).is_err());
        assert!(Parser::from_bytes(b"nonsense").is_err());
        // Another version: a clear error.
        let mut v5 = b.clone();
        v5[8..12].copy_from_slice(&5u32.to_le_bytes());
        let e = Parser::from_bytes(&v5).err().unwrap();
        assert!(e.contains("version 5"), "{e}");
    }

    /// The old version-3 files: refused by `from_bytes` with a clear error,
    /// read by `from_v3_bytes` (the converter) with the same weights.
    #[test]
    fn version_3_files() {
        let p = tiny();
        let v3 = to_v3_bytes(&p);
        let e = Parser::from_bytes(&v3).err().unwrap();
        assert!(
            e.contains("version 3") && e.contains("convert_parser"),
            "{e}"
        );
        let q = Parser::from_v3_bytes(&v3).unwrap();
        assert!(q.same_weights(&p));
        assert_eq!(q.to_bytes(), p.to_bytes());
        for n in 0..v3.len() {
            assert!(Parser::from_v3_bytes(&v3[..n]).is_err(), "cut at {n}");
        }
        assert!(Parser::from_v3_bytes(&p.to_bytes()).is_err());
    }

    /// Summing the `i16` weights gives the parses of the `f32` weights they
    /// stand for.
    #[test]
    fn quantized_parses_like_float() {
        let p = tiny();
        let f = Parser {
            labels: p.labels.clone(),
            root_label: p.root_label,
            tbits: p.tbits,
            trans: p.qt.iter().map(|&x| x as f32 * p.qts).collect(),
            lbits: p.lbits,
            lab: p.ql.iter().map(|&x| x as f32 * p.qls).collect(),
            qt: Vec::new(),
            ql: Vec::new(),
            qts: 1.0,
            qls: 1.0,
        };
        let s = crate::conllu::parse(TINY).unwrap();
        for sent in &s {
            let (w, t) = sent_io(sent);
            assert_eq!(f.parse(&w, &t), p.parse(&w, &t));
        }
    }

    /// The committed model, converted from version 3 without changing a
    /// weight: the parses the version-3 file gave, and a clean round trip.
    #[test]
    fn embedded_model_format() {
        let p = Parser::try_embedded().expect("embedded parser model");
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str], &'a str);
        let sents: [Case; 3] = [
            (
                &[
                    "Russia", "sent", "troops", "to", "Ukraine", "on", "Monday", ".",
                ],
                &[
                    "PROPN", "VERB", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT",
                ],
                &["NNP", "VBD", "NNS", "IN", "NNP", "IN", "NNP", "."],
                "2 nsubj, 0 root, 2 obj, 5 case, 2 obl, 7 case, 2 obl, 2 punct",
            ),
            (
                &[
                    "The", "talks", "in", "Geneva", "were", "called", "off", "by", "the", "two",
                    "sides", ".",
                ],
                &[
                    "DET", "NOUN", "ADP", "PROPN", "AUX", "VERB", "ADP", "ADP", "DET", "NUM",
                    "NOUN", "PUNCT",
                ],
                &[
                    "DT", "NNS", "IN", "NNP", "VBD", "VBN", "RP", "IN", "DT", "CD", "NNS", ".",
                ],
                "2 det, 6 nsubj:pass, 4 case, 2 nmod, 6 aux:pass, 0 root, 6 compound:prt, \
                 11 case, 11 det, 11 nummod, 6 obl:agent, 6 punct",
            ),
            (
                &[
                    "Rebels",
                    "said",
                    "they",
                    "would",
                    "attack",
                    "the",
                    "capital",
                    "if",
                    "the",
                    "government",
                    "refused",
                    "to",
                    "negotiate",
                    ".",
                ],
                &[
                    "NOUN", "VERB", "PRON", "AUX", "VERB", "DET", "NOUN", "SCONJ", "DET", "NOUN",
                    "VERB", "PART", "VERB", "PUNCT",
                ],
                &[
                    "NNS", "VBD", "PRP", "MD", "VB", "DT", "NN", "IN", "DT", "NN", "VBD", "TO",
                    "VB", ".",
                ],
                "2 nsubj, 0 root, 5 nsubj, 5 aux, 2 ccomp, 7 det, 5 obj, 11 mark, 10 det, \
                 11 nsubj, 5 advcl, 13 mark, 11 xcomp, 2 punct",
            ),
        ];
        for (w, t, x, want) in sents {
            let got: Vec<String> = p
                .parse_xpos(w, t, x)
                .iter()
                .map(|(h, l)| format!("{h} {l}"))
                .collect();
            assert_eq!(got.join(", "), want);
        }
        let b = p.to_bytes();
        assert_eq!(b.len(), include_bytes!("../model/parser.bin").len());
        assert!(Parser::from_bytes(&b).unwrap().same_weights(p));
        for n in [0, 7, 12, 100, b.len() / 2, b.len() - 9, b.len() - 1] {
            assert!(Parser::from_bytes(&b[..n]).is_err(), "cut at {n}");
        }
    }

    #[test]
    fn always_a_tree() {
        let p = tiny();
        let vocab = [
            "the", "army", "sent", ".", "to", "Ukraine", "x", "held", "in", ",", "and",
        ];
        let tags = [
            "DET", "NOUN", "VERB", "PUNCT", "ADP", "PROPN", "X", "AUX", "CCONJ", "ZZZ",
        ];
        let mut rng = Rng::new(42);
        let emb = Parser::embedded();
        for _ in 0..300 {
            let n = 1 + rng.below(40);
            let w: Vec<&str> = (0..n).map(|_| vocab[rng.below(vocab.len())]).collect();
            let t: Vec<&str> = (0..n).map(|_| tags[rng.below(tags.len())]).collect();
            let out = p.parse(&w, &t);
            assert_eq!(out.len(), n);
            assert!(is_tree(&out), "{out:?}");
            if let Some(e) = emb {
                assert!(is_tree(&e.parse(&w, &t)));
            }
        }
        assert!(p.parse(&[], &[]).is_empty());
        // Missing tags are tolerated.
        assert!(is_tree(&p.parse(&["a", "b", "c"], &["DET"])));
    }

    #[test]
    fn parse_uses_the_taggers_context() {
        let (Some(t), Some(p)) = (crate::tagger::Tagger::embedded(), Parser::embedded()) else {
            eprintln!("SKIPPED parse_uses_the_taggers_context: no embedded models");
            return;
        };
        let w = [
            "Talks", "were", "held", "in", "Geneva", "by", "the", "two", "sides", ".",
        ];
        let full = t.tag_full(&w);
        let upos: Vec<&str> = full.iter().map(|x| x.upos).collect();
        let xpos: Vec<&str> = full.iter().map(|x| x.xpos).collect();
        let alt: Vec<&str> = full.iter().map(|x| x.alt).collect();
        assert_eq!(xpos[2], "VBN", "{full:?}");
        let tags = t.tag(&w);
        assert_eq!(tags, upos);
        let explicit = p.parse_tagged(&w, &upos, &xpos, &alt);
        // From the tagger's memory of the last sentence...
        assert_eq!(p.parse(&w, &tags), explicit);
        // ...or, after another sentence, by tagging again.
        t.tag(&["Hello", "."]);
        assert_eq!(p.parse(&w, &tags), explicit);
        // Other tags than the tagger's: its XPOS where the UPOS agree.
        let (x, a) = crate::tagger::context_for(&w, &["NOUN"; 10]);
        assert_eq!(x[0], xpos[0]);
        assert_eq!(x[1], "NN");
        assert_eq!(a[1], "");
    }

    #[test]
    fn embedded_russia() {
        let p = Parser::embedded().expect("embedded parser model");
        let out = p.parse(
            &["Russia", "sent", "troops", "to", "Ukraine", "."],
            &["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
        );
        assert_eq!(out[0], (2, "nsubj"), "{out:?}");
        assert_eq!(out[2], (2, "obj"), "{out:?}");
        assert_eq!(out[1], (0, "root"), "{out:?}");
    }

    #[test]
    fn ewt_test_scores() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/ud-english-ewt/en_ewt-ud-test.conllu");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("SKIPPED ewt_test_scores: {} not found", path.display());
            return;
        };
        let s = crate::conllu::parse(&text).unwrap();
        let p = Parser::embedded().expect("embedded parser model");
        let (uas, las, _) = evaluate(p, &s);
        eprintln!(
            "EWT test (gold UPOS): UAS {:.2} LAS {:.2}",
            uas * 100.0,
            las * 100.0
        );
        assert!(uas >= 0.86, "UAS {uas}");
        assert!(las >= 0.82, "LAS {las}");
    }

    /// What `herald parse` sees: tags from the embedded tagger. Issue 4's
    /// targets (UAS 0.86, LAS 0.82) are reached (0.8613 / 0.8322).
    #[test]
    fn ewt_test_scores_predicted_tags() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/ud-english-ewt/en_ewt-ud-test.conllu");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!(
                "SKIPPED ewt_test_scores_predicted_tags: {} not found",
                path.display()
            );
            return;
        };
        let Some(tagger) = crate::tagger::Tagger::embedded() else {
            eprintln!("SKIPPED ewt_test_scores_predicted_tags: no embedded tagger");
            return;
        };
        let s = crate::conllu::parse(&text).unwrap();
        let tags: Vec<Vec<String>> = s
            .iter()
            .map(|x| {
                let f: Vec<&str> = x.words.iter().map(|w| w.form.as_str()).collect();
                tagger.tag(&f).into_iter().map(String::from).collect()
            })
            .collect();
        let p = Parser::embedded().expect("embedded parser model");
        let (uas, las, _) = evaluate_with_tags(p, &s, &tags);
        eprintln!(
            "EWT test (predicted UPOS): UAS {:.2} LAS {:.2}",
            uas * 100.0,
            las * 100.0
        );
        assert!(uas >= 0.86, "UAS {uas}");
        assert!(las >= 0.83, "LAS {las}");
    }
}

/// The label list and the root label of a parser model (both formats).
fn read_labels(r: &mut Reader<'_>) -> Result<(Vec<&'static str>, usize), String> {
    let nl = r.u32()? as usize;
    if nl == 0 || nl > 10_000 {
        return Err("parser model: bad label count".to_string());
    }
    let labels = r.labels(nl)?;
    let root_label = r.u32()? as usize;
    if root_label >= nl {
        return Err("parser model: bad root label".to_string());
    }
    Ok((labels, root_label))
}
