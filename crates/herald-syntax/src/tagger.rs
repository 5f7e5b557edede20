//! The part-of-speech tagger: greedy left-to-right and right-to-left
//! averaged perceptrons (Collins 2002; the design popularised by Honnibal's
//! "A good POS tagger in about 200 lines of Python") whose scores are summed.
//! The labels are (UPOS, XPOS) pairs: [`Tagger::tag`] gives the 17 Universal
//! POS tags, [`Tagger::tag_full`] also the Penn Treebank tag and, where the
//! tagger was unsure, the runner-up UPOS ([`Tagged`]), which the parser uses.
//!
//! Features are hashed to 64-bit keys (FNV-1a over the feature's text, then a
//! mixing step), so no strings are kept in the model. Frequent unambiguous
//! words (seen at least [`DICT_MIN_COUNT`] times in training with at least
//! [`DICT_MIN_RATIO`] of them under one label) are tagged from a tag
//! dictionary without scoring.
//!
//! Besides the word's form and context, the features include its word
//! classes from WordNet and a word list (`data/wordclass.tsv`, see
//! [`WORDCLASS_LETTERS`]), which help most with words rare or unseen in
//! training. The summed weights of a word's own features are cached per
//! thread (`static_features`).
//!
//! The weights are trained by the `train_tagger` example on UD English EWT
//! and committed as `model/tagger.bin`; [`Tagger::embedded`] loads them.
//!
//! ```
//! use herald_syntax::tagger::Tagger;
//! if let Some(t) = Tagger::embedded() {
//!     let tags = t.tag(&["Russia", "sent", "troops", "to", "Ukraine", "."]);
//!     assert_eq!(tags.len(), 6);
//! }
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::conllu::Sentence;
use crate::prefetch;

/// The Universal POS tags, in the order the model numbers them.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// Number of UPOS tags.
const NT: usize = UPOS.len();
/// Names of runner-up UPOS tags (see [`Tagged::alt`]): `~1` margin below
/// [`ALT_MARGINS`]`[0]`, `~2` below [`ALT_MARGINS`]`[1]`.
const ALT_NAMES: [[&str; 2]; NT] = [
    ["ADJ~1", "ADJ~2"],
    ["ADP~1", "ADP~2"],
    ["ADV~1", "ADV~2"],
    ["AUX~1", "AUX~2"],
    ["CCONJ~1", "CCONJ~2"],
    ["DET~1", "DET~2"],
    ["INTJ~1", "INTJ~2"],
    ["NOUN~1", "NOUN~2"],
    ["NUM~1", "NUM~2"],
    ["PART~1", "PART~2"],
    ["PRON~1", "PRON~2"],
    ["PROPN~1", "PROPN~2"],
    ["PUNCT~1", "PUNCT~2"],
    ["SCONJ~1", "SCONJ~2"],
    ["SYM~1", "SYM~2"],
    ["VERB~1", "VERB~2"],
    ["X~1", "X~2"],
];

/// Margins (in units of the model's largest weight) below which the
/// runner-up UPOS is reported. On EWT dev, 8% of the words fall below 1.0
/// and hold 64% of the tagging errors (in three quarters of them the
/// runner-up is right).
pub const ALT_MARGINS: [f32; 2] = [0.3, 1.0];

/// A word's (UPOS, XPOS) and, unless it was tagged from the dictionary, the
/// runner-up UPOS with its margin (see [`Tagger::tag_alternatives`]).
pub type Alternative = ((&'static str, &'static str), Option<(&'static str, f32)>);

/// One tagged word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagged {
    /// Universal POS tag.
    pub upos: &'static str,
    /// Penn Treebank tag (`_` if the model does not predict XPOS).
    pub xpos: &'static str,
    /// When the tagger was unsure: the runner-up UPOS with a margin class,
    /// e.g. `NOUN~1` (margin below [`ALT_MARGINS`]`[0]`) or `NOUN~2` (below
    /// [`ALT_MARGINS`]`[1]`); empty otherwise.
    pub alt: &'static str,
}

/// Maximum number of model labels (fine tags: UPOS + XPOS pairs).
const ML: usize = 64;
/// Pseudo-tag before the start of the sentence.
const START: u8 = ML as u8;

/// A (UPOS, XPOS) pair becomes a model label of its own if seen at least
/// this many times in training; rarer pairs are folded into the most frequent
/// label of their UPOS.
pub const LABEL_MIN_COUNT: u32 = 10;

/// A word goes into the tag dictionary if seen at least this many times...
pub const DICT_MIN_COUNT: u32 = 20;
/// ...with at least this share of its occurrences under one tag.
pub const DICT_MIN_RATIO: f64 = 0.97;

/// Words seen fewer times than this in training get no ambiguity class.
pub const LEX_MIN_COUNT: u32 = 5;

/// The committed model drops averaged weights with an absolute value below
/// this (see [`Tagger::pruned`]); the per-epoch dev accuracy of [`train`] is
/// measured with it too. 0: keep every weight that survives quantisation
/// (pruning at 1.0 cost 0.2 points of dev accuracy; the quantised model fits
/// the size budget unpruned).
pub const PRUNE_BELOW: f32 = 0.0;

const MAGIC: &[u8; 8] = b"HRLDTAG\0";
const VERSION: u32 = 4;

/// Maximum number of features per token.
const MAX_FEATS: usize = 80;

// ---------------------------------------------------------------------------
// Hashing

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

#[inline]
fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = fnv_byte(h, b);
    }
    h
}

/// splitmix64 finaliser.
#[inline]
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Key of feature template `t` with value hash `v`.
#[inline]
fn key(t: u64, v: u64) -> u64 {
    mix(v ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Combine two value hashes.
#[inline]
fn pair(a: u64, b: u64) -> u64 {
    mix(a.wrapping_mul(0xff51_afd7_ed55_8ccd) ^ b.rotate_left(23))
}

/// Normalised character: lower case, ASCII digits folded to `0`.
#[inline]
fn norm_chars(c: char) -> impl Iterator<Item = char> {
    let d = c.is_ascii_digit();
    c.to_lowercase().map(move |l| if d { '0' } else { l })
}

fn hash_norm(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in s.chars() {
        for l in norm_chars(c) {
            h = fnv_char(h, l);
        }
    }
    mix(h)
}

fn hash_raw(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in s.as_bytes() {
        h = fnv_byte(h, b);
    }
    mix(h)
}

/// Hash of the last `n` characters (normalised); the whole word if shorter.
fn hash_suffix(s: &str, n: usize) -> u64 {
    let start = s
        .char_indices()
        .rev()
        .nth(n - 1)
        .map(|(i, _)| i)
        .unwrap_or(0);
    hash_norm(&s[start..]) ^ (n as u64)
}

/// Hash of the first `n` characters (normalised).
fn hash_prefix(s: &str, n: usize) -> u64 {
    let end = s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len());
    hash_norm(&s[..end]) ^ ((n as u64) << 8)
}

/// Hash of the word's shape: upper → X, lower → x, digit → d, others kept;
/// runs of one class collapsed.
fn hash_shape(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut last = '\u{0}';
    for c in s.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            h = fnv_char(h, k);
            last = k;
        }
    }
    mix(h)
}

/// Identity hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
struct IdHash(u64);

impl Hasher for IdHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHash>>;

// ---------------------------------------------------------------------------
// Per-token precomputation and features

const F_CAP: u8 = 1;
const F_ALLCAP: u8 = 2;
const F_DIGIT: u8 = 4;
const F_HYPHEN: u8 = 8;
const F_FIRST: u8 = 16;

#[derive(Clone, Copy, Default)]
struct Tok {
    raw: u64,
    w: u64,
    s1: u64,
    s2: u64,
    s3: u64,
    s4: u64,
    s5: u64,
    p1: u64,
    p2: u64,
    p3: u64,
    shape: u64,
    /// Ambiguity class: 1 + bit set of the tags the word was seen with in training; 0 if unseen.
    amb: u64,
    /// Last hyphen-separated part (normalised) and its 3-suffix; 0 if no hyphen.
    hw: u64,
    hs3: u64,
    /// Sentence casing class (see [`prepare`]), the same for every token.
    sc: u64,
    /// Word-class lexicon bits ([`wordclass`]); 0 if not listed.
    ext: u64,
    flags: u8,
}

impl Tok {
    fn new(word: &str, first: bool) -> Tok {
        let mut flags = 0u8;
        let mut letters = false;
        let mut lower = false;
        for (i, c) in word.chars().enumerate() {
            if c.is_alphabetic() {
                letters = true;
                if c.is_lowercase() {
                    lower = true;
                }
                if i == 0 && c.is_uppercase() {
                    flags |= F_CAP;
                }
            }
            if c.is_numeric() {
                flags |= F_DIGIT;
            }
            if c == '-' {
                flags |= F_HYPHEN;
            }
        }
        if letters && !lower {
            flags |= F_ALLCAP;
        }
        if first {
            flags |= F_FIRST;
        }
        let (hw, hs3) = match word.rfind('-') {
            Some(p) if p + 1 < word.len() && p > 0 => {
                let part = &word[p + 1..];
                (hash_norm(part), hash_suffix(part, 3))
            }
            _ => (0, 0),
        };
        Tok {
            hw,
            hs3,
            sc: 0,
            ext: 0,
            raw: hash_raw(word),
            w: hash_norm(word),
            s1: hash_suffix(word, 1),
            s2: hash_suffix(word, 2),
            s3: hash_suffix(word, 3),
            s4: hash_suffix(word, 4),
            s5: hash_suffix(word, 5),
            p1: hash_prefix(word, 1),
            p2: hash_prefix(word, 2),
            p3: hash_prefix(word, 3),
            shape: hash_shape(word),
            amb: 0,
            flags,
        }
    }

    /// Padding before the sentence (`-1`, `-2`) and after it (`+1`, `+2`).
    const fn pad(n: u64) -> Tok {
        let h = mix(0x5eed_0000 + n);
        Tok {
            raw: h,
            w: h,
            s1: h,
            s2: h,
            s3: h,
            s4: h,
            s5: h,
            p1: h,
            p2: h,
            p3: h,
            shape: h,
            amb: 1 << 40,
            hw: h,
            hs3: h,
            sc: 0,
            ext: 1 << 20,
            flags: 0,
        }
    }
}

fn prepare(words: &[&str], lex: &IdMap<u64>, out: &mut Vec<Tok>) {
    out.clear();
    out.reserve(words.len());
    for (i, w) in words.iter().enumerate() {
        let mut t = Tok::new(w, i == 0);
        if let Some(&v) = lex.get(&t.w) {
            if v & LEX_PRESENT != 0 {
                t.amb = (v & 0x7fff_ffff) + 1;
            }
            t.ext = v >> 32;
        }
        if t.ext == 0 && t.hw != 0 {
            // Hyphenated (de-escalated, well-known): the last part's word class.
            t.ext = lex.get(&t.hw).map_or(0, |&v| v >> 32);
        }
        out.push(t);
    }
    // Sentence casing class: how many of the words after the first start
    // with a capital (headlines and e-mail subjects are title-cased) or are
    // all capitals.
    let (mut alpha, mut cap, mut allcap) = (0u32, 0u32, 0u32);
    for t in out.iter().skip(1) {
        cap += (t.flags & F_CAP != 0) as u32;
        allcap += (t.flags & F_ALLCAP != 0) as u32;
    }
    for w in words.iter().skip(1) {
        if w.chars().next().is_some_and(|c| c.is_alphabetic()) {
            alpha += 1;
        }
    }
    let sc = if alpha < 2 {
        1
    } else if allcap * 2 > alpha {
        2
    } else if cap * 10 >= alpha * 6 {
        3
    } else if cap * 10 >= alpha * 3 {
        4
    } else {
        5
    };
    for t in out.iter_mut() {
        t.sc = sc;
    }
}

/// The features of token `i` given the two previous predicted tags:
/// [`static_features`] then [`context_features`]. Returns the number of
/// keys written to `out`.
fn features(toks: &[Tok], i: usize, t1: u8, t2: u8, out: &mut [u64; MAX_FEATS]) -> usize {
    let n = static_features(&toks[i], out);
    n + context_features(toks, i, t1, t2, &mut out[n..])
}

/// Most features a token has in [`static_features`].
const MAX_STATIC: usize = 28;

/// The features that depend on the token alone (its form, its
/// first-in-sentence flag and its lexicon entries), the same in both
/// directions; [`Tagger`] caches their summed weights per word.
#[inline]
fn static_features(c: &Tok, out: &mut [u64]) -> usize {
    let mut n = 0;
    let mut push = |k: u64| {
        out[n] = k;
        n += 1;
    };
    push(key(0, 0)); // bias
    push(key(1, c.w));
    push(key(2, c.s1));
    push(key(3, c.s2));
    push(key(4, c.s3));
    push(key(5, c.s4));
    push(key(6, c.p1));
    push(key(7, c.p2));
    push(key(8, c.shape));
    for (b, t) in [(F_CAP, 9), (F_ALLCAP, 10), (F_DIGIT, 11), (F_HYPHEN, 12)] {
        if c.flags & b != 0 {
            push(key(t, 0));
        }
    }
    push(key(13, c.flags as u64));
    push(key(30, pair(c.flags as u64, c.w)));
    push(key(31, c.raw));
    push(key(34, c.s5));
    push(key(35, c.p3));
    push(key(45, c.amb));
    // Last part of a hyphenated word.
    if c.hw != 0 {
        push(key(56, c.hw));
        push(key(57, c.hs3));
    }
    // Word-class lexicon (WordNet + word list).
    let rare = (c.amb == 0) as u64;
    push(key(63, c.ext));
    push(key(
        64,
        pair(
            c.ext,
            (c.flags & (F_CAP | F_ALLCAP | F_FIRST)) as u64 | rare << 7,
        ),
    ));
    n
}

/// The features of token `i` that depend on its neighbours, the sentence
/// or the two previous predicted tags.
#[inline]
fn context_features(toks: &[Tok], i: usize, t1: u8, t2: u8, out: &mut [u64]) -> usize {
    const PADS: [Tok; 4] = [Tok::pad(1), Tok::pad(2), Tok::pad(3), Tok::pad(4)];
    let pads = &PADS;
    let at = |d: isize| -> &Tok {
        let j = i as isize + d;
        if j < 0 {
            if j == -1 {
                &pads[0]
            } else {
                &pads[1]
            }
        } else if j as usize >= toks.len() {
            if j as usize == toks.len() {
                &pads[2]
            } else {
                &pads[3]
            }
        } else {
            &toks[j as usize]
        }
    };
    let c = &toks[i];
    let (m1, m2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let t1h = t1 as u64 + 1;
    let t2h = t2 as u64 + 1;
    let mut n = 0;
    let mut push = |k: u64| {
        out[n] = k;
        n += 1;
    };
    push(key(14, t1h));
    push(key(15, t2h));
    push(key(16, t1h * 128 + t2h));
    push(key(17, pair(t1h, c.w)));
    push(key(18, pair(t1h, c.s3)));
    push(key(19, m1.w));
    push(key(20, m2.w));
    push(key(21, n1.w));
    push(key(22, n2.w));
    push(key(23, m1.s3));
    push(key(24, n1.s3));
    push(key(25, n1.shape));
    push(key(26, m1.shape));
    push(key(27, pair(m1.w, c.w)));
    push(key(28, pair(c.w, n1.w)));
    push(key(29, pair(t1h, n1.w)));
    push(key(32, n1.s1));
    push(key(33, pair(t1h * 128 + t2h, c.w)));
    push(key(36, pair(m1.w, n1.w)));
    push(key(37, m1.raw));
    push(key(38, n1.raw));
    push(key(39, (m1.flags as u64) << 8 | n1.flags as u64));
    push(key(40, pair(t1h, c.flags as u64)));
    push(key(41, pair(t1h, c.shape)));
    push(key(42, pair(c.w, n2.w)));
    push(key(43, m2.s3));
    push(key(44, n2.s3));
    push(key(46, m1.amb));
    push(key(47, n1.amb));
    push(key(48, n2.amb));
    push(key(49, pair(t1h, c.amb)));
    push(key(50, pair(c.amb, n1.amb)));
    push(key(51, pair(c.w, n1.amb)));
    push(key(52, pair(t1h, n1.amb)));
    // Sentence casing (title-cased headlines and subject lines).
    push(key(
        53,
        pair(c.sc, (c.flags & (F_CAP | F_ALLCAP | F_FIRST)) as u64),
    ));
    push(key(54, pair(c.sc, c.w)));
    push(key(55, pair(pair(c.sc, t1h), c.flags as u64)));
    push(key(58, pair(m1.amb, c.amb)));
    push(key(59, pair(pair(m1.amb, c.amb), n1.amb)));
    push(key(60, pair(n1.w, n2.w)));
    push(key(61, pair(c.s2, n1.amb)));
    push(key(62, pair(t1h, n1.shape)));
    // Neighbours' word classes.
    push(key(65, m1.ext));
    push(key(66, n1.ext));
    push(key(67, pair(t1h, c.ext)));
    n
}

/// Flag in a merged lexicon value: the word has an ambiguity class.
const LEX_PRESENT: u64 = 1 << 31;

/// Letters of `data/wordclass.tsv` (built by the `build_wordclass`
/// example from WordNet 3.0 and the `wamerican` word list), in bit order:
/// WordNet noun / verb / adjective / adverb lemma; the POS with most tagged
/// senses (1-4); a plural noun (N), a verb in -s (S), -ed or irregular past
/// (D), -ing (G), a comparative or superlative (C) by WordNet's morphology
/// rules and exception lists; a noun or adjective lemma written only
/// capitalised in WordNet (P); in the word list in lower case (L) or
/// capitalised (U).
pub const WORDCLASS_LETTERS: &str = "nvar1234NSDGCPLU";

const WORDCLASS_TSV: &str = include_str!("../data/wordclass.tsv");

/// Hash of `data/wordclass.tsv`, stored in the model: a model trained
/// with another table is refused.
fn wordclass_checksum() -> u64 {
    hash_raw(WORDCLASS_TSV)
}

/// The word-class lexicon: normalised-word hash → class bits.
fn wordclass() -> &'static [(u64, u64)] {
    static TABLE: OnceLock<Vec<(u64, u64)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let text = WORDCLASS_TSV;
        let mut v: Vec<(u64, u64)> = text
            .lines()
            .filter_map(|l| {
                let (w, c) = l.split_once('\t')?;
                let bits = c.chars().fold(0u64, |b, ch| {
                    b | WORDCLASS_LETTERS.find(ch).map_or(0, |i| 1 << i)
                });
                Some((hash_norm(w), bits))
            })
            .collect();
        v.sort_unstable();
        v
    })
}

/// The ambiguity classes and the word classes in one map (one lookup per
/// word): ambiguity bits | [`LEX_PRESENT`] in the low 32 bits, word-class
/// bits above.
fn merged_lex(entries: &[(u64, u32)]) -> IdMap<u64> {
    let wc = wordclass();
    let mut m: IdMap<u64> = IdMap::default();
    m.reserve(wc.len() + entries.len());
    for &(k, b) in wc {
        *m.entry(k).or_default() |= b << 32;
    }
    for &(k, a) in entries {
        *m.entry(k).or_default() |= a as u64 | LEX_PRESENT;
    }
    m
}

// ---------------------------------------------------------------------------
// The model

/// One direction's averaged weights: hashed feature keys (the low 32 bits of
/// the 64-bit feature hash) with sparse (tag, weight) rows, looked up through
/// an open-addressing table. Weights are quantised to `i16` steps of `scale`
/// (the largest magnitude maps to 32767), so the in-memory model equals the
/// file.
#[derive(Debug, Clone, PartialEq, Default)]
struct Weights {
    /// Feature keys, in file order (ascending).
    keys: Vec<u32>,
    /// `starts[i]..starts[i + 1]` indexes the (tag, weight) pairs of `keys[i]`.
    starts: Vec<u32>,
    pair_tags: Vec<u8>,
    /// Quantised weights; the weight is `q * scale`.
    pair_q: Vec<i16>,
    pair_weights: Vec<f32>,
    scale: f32,
    /// Open-addressing table of (key, start << 8 | count) for scoring, one
    /// cache line per probe; count 0 marks an empty slot.
    table: Vec<(u32, u32)>,
    /// (tag, weight) pairs interleaved for scoring.
    packed: Vec<(u16, i16)>,
}

impl Weights {
    /// Builds from float weights: keys truncated to 32 bits (rows of
    /// colliding keys are summed), weights quantised.
    fn build(features: Vec<(u64, Vec<(u8, f32)>)>) -> Weights {
        let mut rows: Vec<(u32, [f32; ML])> = features
            .into_iter()
            .map(|(k, ps)| {
                let mut r = [0f32; ML];
                for (t, w) in ps {
                    r[t as usize] += w;
                }
                (k as u32, r)
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        let mut merged: Vec<(u32, [f32; ML])> = Vec::with_capacity(rows.len());
        for (k, r) in rows {
            match merged.last_mut() {
                Some((lk, lr)) if *lk == k => {
                    for (a, b) in lr.iter_mut().zip(r) {
                        *a += b;
                    }
                }
                _ => merged.push((k, r)),
            }
        }
        let max = merged
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut keys = Vec::with_capacity(merged.len());
        let mut starts = vec![0u32];
        let (mut tags, mut q) = (Vec::new(), Vec::new());
        for (k, r) in merged {
            let n0 = tags.len();
            for (t, &w) in r.iter().enumerate() {
                let v = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                if v != 0 {
                    tags.push(t as u8);
                    q.push(v);
                }
            }
            if tags.len() > n0 {
                keys.push(k);
                starts.push(tags.len() as u32);
            }
        }
        Weights::from_parts(keys, starts, tags, q, scale)
    }

    fn from_parts(
        keys: Vec<u32>,
        starts: Vec<u32>,
        pair_tags: Vec<u8>,
        pair_q: Vec<i16>,
        scale: f32,
    ) -> Weights {
        let pair_weights: Vec<f32> = pair_q.iter().map(|&v| v as f32 * scale).collect();
        let packed = pair_tags
            .iter()
            .zip(&pair_q)
            .map(|(&t, &q)| (t as u16, q))
            .collect();
        // Load factor between 3/8 and 3/4.
        let cap = (keys.len() + keys.len() / 3).max(16).next_power_of_two();
        let mask = cap - 1;
        let mut table = vec![(0u32, 0u32); cap];
        for (i, &k) in keys.iter().enumerate() {
            let mut s = (k as usize) & mask;
            while table[s].1 != 0 {
                s = (s + 1) & mask;
            }
            table[s] = (k, starts[i] << 8 | (starts[i + 1] - starts[i]));
        }
        Weights {
            keys,
            starts,
            pair_tags,
            pair_q,
            pair_weights,
            scale,
            table,
            packed,
        }
    }

    #[inline]
    fn add_scores(&self, feats: &[u64], scores: &mut [i32; ML]) {
        // Three passes so that the cache misses overlap: prefetch the table
        // slots, then find the rows (prefetching their pairs), then sum.
        let mask = self.table.len() - 1;
        for &k in feats {
            prefetch(&self.table[(k as u32 as usize) & mask]);
        }
        let mut rows = [(0u32, 0u32); MAX_FEATS];
        let mut n = 0;
        for &k in feats {
            let k = k as u32;
            let mut s = (k as usize) & mask;
            loop {
                let (tk, e) = self.table[s];
                if e == 0 {
                    break;
                }
                if tk == k {
                    let a = e >> 8;
                    prefetch(&self.packed[a as usize]);
                    rows[n] = (a, e & 0xff);
                    n += 1;
                    break;
                }
                s = (s + 1) & mask;
            }
        }
        for &(a, c) in &rows[..n] {
            for &(t, w) in &self.packed[a as usize..(a + c) as usize] {
                scores[t as usize % ML] += w as i32;
            }
        }
    }

    /// Greedy pass over `toks` (in this direction's order), adding each
    /// token's scores into `acc[pos(i)]`. `slots[pos(i)]` is the token's
    /// dictionary tag (`DICT_SLOT | tag`) or the index of its static scores
    /// in `rows` (this direction's at `[dir]`).
    #[allow(clippy::too_many_arguments)]
    fn pass(
        &self,
        toks: &[Tok],
        slots: &[u32],
        rows: &[[[i32; ML]; 2]],
        dir: usize,
        nl: usize,
        acc: &mut [[f32; ML]],
        pos: impl Fn(usize) -> usize,
    ) {
        let mut feats = [0u64; MAX_FEATS];
        let (mut t1, mut t2) = (START, START);
        for i in 0..toks.len() {
            let slot = slots[pos(i)];
            let t = if slot & DICT_SLOT != 0 {
                slot as u8
            } else {
                let n = context_features(toks, i, t1, t2, &mut feats);
                // Integer sums of the quantised weights, scaled once.
                let mut scores = rows[slot as usize][dir];
                self.add_scores(&feats[..n], &mut scores);
                for (a, s) in acc[pos(i)].iter_mut().zip(scores) {
                    *a += s as f32 * self.scale;
                }
                let mut best = 0;
                for t in 1..nl {
                    if scores[t] > scores[best] {
                        best = t;
                    }
                }
                best as u8
            };
            t2 = t1;
            t1 = t;
        }
    }

    fn write(&self, b: &mut Vec<u8>) {
        b.extend_from_slice(&self.scale.to_le_bytes());
        b.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for (i, &k) in self.keys.iter().enumerate() {
            let (s, e) = (self.starts[i] as usize, self.starts[i + 1] as usize);
            b.extend_from_slice(&k.to_le_bytes());
            b.push((e - s) as u8);
            for j in s..e {
                b.push(self.pair_tags[j]);
                b.extend_from_slice(&self.pair_q[j].to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader<'_>, nl: usize) -> Result<Weights, String> {
        let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
        let nf = r.u32()? as usize;
        let mut keys = Vec::with_capacity(nf.min(r.b.len() / 5));
        let mut starts = Vec::with_capacity(keys.capacity() + 1);
        starts.push(0u32);
        let (mut tags, mut q) = (Vec::new(), Vec::new());
        for _ in 0..nf {
            let k = r.u32()?;
            if keys.last().is_some_and(|&l| l >= k) {
                return Err("tagger weights not in ascending key order".into());
            }
            keys.push(k);
            let c = r.u8()? as usize;
            for _ in 0..c {
                let t = r.u8()?;
                if t as usize >= nl {
                    return Err(format!("bad tag index {t} in weights"));
                }
                tags.push(t);
                q.push(i16::from_le_bytes(r.take(2)?.try_into().unwrap()));
            }
            starts.push(tags.len() as u32);
        }
        Ok(Weights::from_parts(keys, starts, tags, q, scale))
    }
}

/// A trained tagger: a left-to-right and a right-to-left greedy averaged
/// perceptron whose per-token scores are summed, plus the tag dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    /// Model labels: UPOS index and XPOS of each (`_` when the model does
    /// not predict XPOS).
    lab_upos: Vec<u8>,
    lab_xpos: Vec<&'static str>,
    fwd: Weights,
    bwd: Weights,
    /// Raw-form hash → tag, for frequent unambiguous words.
    dict: IdMap<u8>,
    /// Dictionary entries in file order (for serialisation).
    dict_entries: Vec<(u64, u8)>,
    /// Normalised-word hash → bit set of the tags seen with it in training.
    lex: IdMap<u64>,
    /// Lexicon entries in file order.
    lex_entries: Vec<(u64, u32)>,
    /// Dev accuracy after each training epoch (not serialised).
    dev_history: Vec<f64>,
    /// Identifies the weights in the per-thread cache of static scores.
    id: ModelId,
}

/// A process-unique model number (equal for all models: not part of a
/// model's value).
#[derive(Debug, Clone, Copy)]
struct ModelId(u64);

impl ModelId {
    fn new() -> ModelId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        ModelId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl PartialEq for ModelId {
    fn eq(&self, _: &ModelId) -> bool {
        true
    }
}

/// A slot of [`Weights::pass`] holding a dictionary tag.
const DICT_SLOT: u32 = 1 << 31;
/// Mixed into the cache key of a sentence's first word.
const FIRST_SALT: u64 = 0x6a09_e667_f3bc_c909;
/// Words whose static scores a thread keeps (512 bytes each); the cache
/// is emptied when full.
const STATIC_CACHE_WORDS: usize = 8192;

/// Per-thread cache of the summed weights of a word's
/// [`static_features`] in both directions (exact integer sums, so tagging
/// gives the same result with or without it), for the model `model`.
struct StaticRows {
    model: u64,
    index: IdMap<u32>,
    rows: Vec<[[i32; ML]; 2]>,
    slots: Vec<u32>,
}

thread_local! {
    static STATIC_ROWS: std::cell::RefCell<StaticRows> = std::cell::RefCell::new(StaticRows {
        model: 0,
        index: IdMap::default(),
        rows: Vec::new(),
        slots: Vec::new(),
    });
}

impl Tagger {
    fn build(
        labels: &Labels,
        fwd: Weights,
        bwd: Weights,
        mut dict_entries: Vec<(u64, u8)>,
        mut lex_entries: Vec<(u64, u32)>,
    ) -> Tagger {
        dict_entries.sort_unstable();
        lex_entries.sort_unstable();
        let dict = dict_entries.iter().copied().collect();
        let lex = merged_lex(&lex_entries);
        Tagger {
            lab_upos: labels.upos.clone(),
            // Leaked (a few bytes per model) so that tags can be `&'static str`.
            lab_xpos: labels
                .xpos
                .iter()
                .map(|x| &*Box::leak(x.clone().into_boxed_str()))
                .collect(),
            fwd,
            bwd,
            dict,
            dict_entries,
            lex,
            lex_entries,
            dev_history: Vec::new(),
            id: ModelId::new(),
        }
    }

    /// A copy without the weights whose absolute value is below `min_abs`
    /// (the committed model uses [`PRUNE_BELOW`]); [`train`] only drops zeros.
    pub fn pruned(&self, min_abs: f32) -> Tagger {
        let prune = |w: &Weights| {
            let mut feats = Vec::with_capacity(w.keys.len());
            for (i, &k) in w.keys.iter().enumerate() {
                let (a, b) = (w.starts[i] as usize, w.starts[i + 1] as usize);
                let ps: Vec<(u8, f32)> = (a..b)
                    .filter(|&j| w.pair_weights[j].abs() >= min_abs)
                    .map(|j| (w.pair_tags[j], w.pair_weights[j]))
                    .collect();
                if !ps.is_empty() {
                    feats.push((k as u64, ps));
                }
            }
            Weights::build(feats)
        };
        let mut t = Tagger::build(
            &self.labels(),
            prune(&self.fwd),
            prune(&self.bwd),
            self.dict_entries.clone(),
            self.lex_entries.clone(),
        );
        t.dev_history = self.dev_history.clone();
        t
    }

    fn labels(&self) -> Labels {
        Labels {
            upos: self.lab_upos.clone(),
            xpos: self.lab_xpos.iter().map(|x| x.to_string()).collect(),
        }
    }

    /// Number of model labels (UPOS, or UPOS + XPOS pairs).
    pub fn num_labels(&self) -> usize {
        self.lab_upos.len()
    }

    /// Number of hashed features kept in the model.
    pub fn num_features(&self) -> usize {
        self.fwd.keys.len() + self.bwd.keys.len()
    }

    /// Number of (feature, tag) weights kept in the model.
    pub fn num_weights(&self) -> usize {
        self.fwd.pair_weights.len() + self.bwd.pair_weights.len()
    }

    /// Number of words in the tag dictionary.
    pub fn dict_len(&self) -> usize {
        self.dict_entries.len()
    }

    /// Dev-set accuracy after each epoch, when the tagger was trained with a dev set
    /// in this process (empty for a loaded model).
    pub fn dev_history(&self) -> &[f64] {
        &self.dev_history
    }

    fn predict_idx(
        &self,
        toks: &[Tok],
        rev: &mut Vec<Tok>,
        acc: &mut Vec<[f32; ML]>,
        out: &mut Vec<u8>,
    ) {
        let n = toks.len();
        let nl = self.lab_upos.len();
        acc.clear();
        acc.resize(n, [0f32; ML]);
        rev.clear();
        rev.extend(toks.iter().rev().copied());
        STATIC_ROWS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let c = &mut *cache;
            if c.model != self.id.0 || c.rows.len() >= STATIC_CACHE_WORDS {
                c.model = self.id.0;
                c.index.clear();
                c.rows.clear();
            }
            let mut slots = std::mem::take(&mut c.slots);
            slots.clear();
            let mut feats = [0u64; MAX_STATIC];
            for tok in toks {
                if let Some(&t) = self.dict.get(&tok.raw) {
                    slots.push(DICT_SLOT | t as u32);
                    continue;
                }
                // The static features depend on the form and the
                // first-in-sentence flag only.
                let k = tok.raw
                    ^ if tok.flags & F_FIRST != 0 {
                        FIRST_SALT
                    } else {
                        0
                    };
                let next = c.rows.len() as u32;
                let r = *c.index.entry(k).or_insert(next);
                if r == next {
                    let m = static_features(tok, &mut feats);
                    let mut row = [[0i32; ML]; 2];
                    self.fwd.add_scores(&feats[..m], &mut row[0]);
                    self.bwd.add_scores(&feats[..m], &mut row[1]);
                    c.rows.push(row);
                }
                slots.push(r);
            }
            self.fwd.pass(toks, &slots, &c.rows, 0, nl, acc, |i| i);
            self.bwd
                .pass(rev, &slots, &c.rows, 1, nl, acc, |i| n - 1 - i);
            out.clear();
            for (&slot, s) in slots.iter().zip(acc.iter()) {
                out.push(if slot & DICT_SLOT != 0 {
                    slot as u8
                } else {
                    argmax_f32(s, nl)
                });
            }
            c.slots = slots;
        });
    }

    /// For each word, the runner-up: the best-scoring label of another UPOS
    /// and its margin below the chosen label, in units of the model's
    /// largest weight (`None` for words tagged from the dictionary).
    fn runner_up(&self, toks: &[Tok], acc: &[[f32; ML]], best: &[u8]) -> Vec<Option<(u8, f32)>> {
        let nl = self.lab_upos.len();
        let unit = (self.fwd.scale.max(self.bwd.scale) * 32767.0).max(1e-9);
        toks.iter()
            .zip(acc)
            .zip(best)
            .map(|((tok, s), &b)| {
                if self.dict.contains_key(&tok.raw) {
                    return None;
                }
                let bu = self.lab_upos[b as usize];
                let mut r: Option<usize> = None;
                for t in 0..nl {
                    if self.lab_upos[t] != bu && r.is_none_or(|r| s[t] > s[r]) {
                        r = Some(t);
                    }
                }
                r.map(|r| (r as u8, (s[b as usize] - s[r]) / unit))
            })
            .collect()
    }

    /// Tags a sentence with UPOS, XPOS and, where the tagger was unsure,
    /// the runner-up UPOS (see [`Tagged`]).
    pub fn tag_full(&self, words: &[&str]) -> Vec<Tagged> {
        let mut toks = Vec::new();
        prepare(words, &self.lex, &mut toks);
        let mut idx = Vec::with_capacity(words.len());
        let (mut rev, mut acc) = (Vec::new(), Vec::new());
        self.predict_idx(&toks, &mut rev, &mut acc, &mut idx);
        let ru = self.runner_up(&toks, &acc, &idx);
        idx.iter()
            .zip(ru)
            .map(|(&t, r)| Tagged {
                upos: UPOS[self.lab_upos[t as usize] as usize],
                xpos: self.lab_xpos[t as usize],
                alt: match r {
                    Some((r, m)) if m < ALT_MARGINS[1] => {
                        ALT_NAMES[self.lab_upos[r as usize] as usize]
                            [(m >= ALT_MARGINS[0]) as usize]
                    }
                    _ => "",
                },
            })
            .collect()
    }

    /// Tags a sentence with (UPOS, XPOS) pairs and, per word, the runner-up
    /// UPOS with its margin below the chosen one (in units of the model's
    /// largest weight; `None` for dictionary words).
    pub fn tag_alternatives(&self, words: &[&str]) -> Vec<Alternative> {
        let mut toks = Vec::new();
        prepare(words, &self.lex, &mut toks);
        let mut idx = Vec::with_capacity(words.len());
        let (mut rev, mut acc) = (Vec::new(), Vec::new());
        self.predict_idx(&toks, &mut rev, &mut acc, &mut idx);
        let ru = self.runner_up(&toks, &acc, &idx);
        idx.iter()
            .zip(ru)
            .map(|(&t, r)| {
                (
                    (
                        UPOS[self.lab_upos[t as usize] as usize],
                        self.lab_xpos[t as usize],
                    ),
                    r.map(|(r, m)| (UPOS[self.lab_upos[r as usize] as usize], m)),
                )
            })
            .collect()
    }

    /// Model label indices of a sentence's words.
    fn tag_labels(&self, words: &[&str]) -> Vec<u8> {
        let mut toks = Vec::new();
        prepare(words, &self.lex, &mut toks);
        let mut idx = Vec::with_capacity(words.len());
        let (mut rev, mut acc) = (Vec::new(), Vec::new());
        self.predict_idx(&toks, &mut rev, &mut acc, &mut idx);
        idx
    }

    /// Tags a sentence (gold tokenization: one entry per syntactic word) with
    /// UPOS tags. The thread remembers the sentence's (UPOS, XPOS) tags for
    /// [`context_for`] (which [`crate::parser::Parser::parse`] calls).
    pub fn tag(&self, words: &[&str]) -> Vec<&'static str> {
        let tags = self.tag_full(words);
        let out = tags.iter().map(|t| t.upos).collect();
        LAST.with(|l| {
            let mut l = l.borrow_mut();
            l.0 = sentence_key(words);
            l.1 = tags;
        });
        out
    }

    /// Tags a sentence with (UPOS, XPOS) pairs; the XPOS is `_` if the model
    /// does not predict one.
    pub fn tag_xpos(&self, words: &[&str]) -> Vec<(&'static str, &'static str)> {
        self.tag_labels(words)
            .into_iter()
            .map(|t| {
                (
                    UPOS[self.lab_upos[t as usize] as usize],
                    self.lab_xpos[t as usize],
                )
            })
            .collect()
    }

    /// The most frequent XPOS of a UPOS tag in training (`_` if none).
    pub fn default_xpos(&self, upos: &str) -> &'static str {
        let u = tag_index(upos);
        self.lab_upos
            .iter()
            .position(|&l| l == u)
            .map_or("_", |i| self.lab_xpos[i])
    }

    /// Tags each sentence with its forms and counts `(correct, total)` against the gold UPOS.
    pub fn accuracy(&self, sentences: &[Sentence]) -> (usize, usize) {
        let (mut ok, mut all) = (0, 0);
        for s in sentences {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = self.tag(&words);
            for (w, t) in s.words.iter().zip(tags) {
                all += 1;
                if w.upos == t {
                    ok += 1;
                }
            }
        }
        (ok, all)
    }

    /// The model in the compact binary form of `model/tagger.bin`:
    /// magic `HRLDTAG\0`, version (u32), tag count and names, the label
    /// table, the hash of `data/wordclass.tsv` (u64), the tag dictionary
    /// (u64 word hash, u8 tag), the lexicon of ambiguity classes (u64 word
    /// hash, u32 tag bit set), then for the left-to-right and the
    /// right-to-left model the weight scale (f32), the feature count (u32)
    /// and the features in ascending key order (u32 key, u8 count,
    /// count × (u8 tag, i16 quantised weight)); all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(
            64 + self.num_features() * 5
                + self.num_weights() * 3
                + self.dict_entries.len() * 9
                + self.lex_entries.len() * 12,
        );
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&VERSION.to_le_bytes());
        b.extend_from_slice(&(NT as u32).to_le_bytes());
        for t in UPOS {
            b.push(t.len() as u8);
            b.extend_from_slice(t.as_bytes());
        }
        b.extend_from_slice(&(self.lab_upos.len() as u32).to_le_bytes());
        for (u, x) in self.lab_upos.iter().zip(&self.lab_xpos) {
            b.push(*u);
            b.push(x.len() as u8);
            b.extend_from_slice(x.as_bytes());
        }
        b.extend_from_slice(&wordclass_checksum().to_le_bytes());
        b.extend_from_slice(&(self.dict_entries.len() as u32).to_le_bytes());
        for &(k, t) in &self.dict_entries {
            b.extend_from_slice(&k.to_le_bytes());
            b.push(t);
        }
        b.extend_from_slice(&(self.lex_entries.len() as u32).to_le_bytes());
        for &(k, m) in &self.lex_entries {
            b.extend_from_slice(&k.to_le_bytes());
            b.extend_from_slice(&m.to_le_bytes());
        }
        self.fwd.write(&mut b);
        self.bwd.write(&mut b);
        b
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a herald tagger model (bad magic)".into());
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(format!(
                "unsupported tagger model version {v} (expected {VERSION})"
            ));
        }
        let nt = r.u32()? as usize;
        if nt != NT {
            return Err(format!("model has {nt} tags, expected {NT}"));
        }
        for t in UPOS {
            let len = r.u8()? as usize;
            let name = r.take(len)?;
            if name != t.as_bytes() {
                return Err(format!(
                    "model tag {:?} where {t} expected",
                    String::from_utf8_lossy(name)
                ));
            }
        }
        let nl = r.u32()? as usize;
        if nl == 0 || nl > ML {
            return Err(format!("bad label count {nl}"));
        }
        let mut labels = Labels::default();
        for _ in 0..nl {
            let u = r.u8()?;
            if u as usize >= NT {
                return Err(format!("bad UPOS index {u} in labels"));
            }
            let len = r.u8()? as usize;
            let x = std::str::from_utf8(r.take(len)?)
                .map_err(|_| "label XPOS not UTF-8".to_string())?;
            labels.upos.push(u);
            labels.xpos.push(x.to_string());
        }
        if r.u64()? != wordclass_checksum() {
            return Err("tagger model was trained with another data/wordclass.tsv".into());
        }
        let nd = r.u32()? as usize;
        let mut dict = Vec::with_capacity(nd.min(bytes.len() / 9));
        for _ in 0..nd {
            let k = r.u64()?;
            let t = r.u8()?;
            if t as usize >= nl {
                return Err(format!("bad tag index {t} in dictionary"));
            }
            dict.push((k, t));
        }
        let nlex = r.u32()? as usize;
        let mut lex = Vec::with_capacity(nlex.min(bytes.len() / 12));
        for _ in 0..nlex {
            lex.push((r.u64()?, r.u32()?));
        }
        let fwd = Weights::read(&mut r, nl)?;
        let bwd = Weights::read(&mut r, nl)?;
        if r.at != bytes.len() {
            return Err(format!(
                "{} trailing bytes after the model",
                bytes.len() - r.at
            ));
        }
        Ok(Tagger::build(&labels, fwd, bwd, dict, lex))
    }

    /// The committed model (`model/tagger.bin`), loaded once; `None` if the
    /// file is empty (not trained yet) or unreadable.
    pub fn embedded() -> Option<&'static Tagger> {
        static MODEL: OnceLock<Option<Tagger>> = OnceLock::new();
        static BYTES: &[u8] = include_bytes!("../model/tagger.bin");
        MODEL
            .get_or_init(|| {
                if BYTES.is_empty() {
                    None
                } else {
                    Tagger::from_bytes(BYTES).ok()
                }
            })
            .as_ref()
    }
}

thread_local! {
    /// The last sentence [`Tagger::tag`] tagged on this thread: key of its
    /// words and its (UPOS, XPOS) tags.
    static LAST: std::cell::RefCell<(u64, Vec<Tagged>)> =
        const { std::cell::RefCell::new((0, Vec::new())) };
}

fn sentence_key(words: &[&str]) -> u64 {
    let mut h = FNV_OFFSET;
    for w in words {
        for &b in w.as_bytes() {
            h = fnv_byte(h, b);
        }
        h = fnv_byte(h, 0xff);
    }
    mix(h ^ words.len() as u64)
}

/// XPOS tags and runner-up tags ([`Tagged::xpos`], [`Tagged::alt`]) for a
/// sentence whose UPOS tags are `upos`: those of the last sentence
/// [`Tagger::tag`] tagged on this thread if it had these words, else those
/// of the embedded tagger; where that tagger's UPOS differs from the given
/// one, the most frequent XPOS of the given UPOS and no runner-up. `_` and
/// no runner-ups if there is no embedded tagger.
pub fn context_for(words: &[&str], upos: &[&str]) -> (Vec<&'static str>, Vec<&'static str>) {
    let key = sentence_key(words);
    let hit = LAST.with(|l| {
        let l = l.borrow();
        (l.0 == key && l.1.len() == words.len()).then(|| l.1.clone())
    });
    let emb = Tagger::embedded();
    let tagged = match (hit, emb) {
        (Some(t), _) => t,
        (None, Some(e)) => e.tag_full(words),
        (None, None) => return (vec!["_"; words.len()], vec![""; words.len()]),
    };
    tagged
        .iter()
        .enumerate()
        .map(|(i, t)| match upos.get(i) {
            Some(&g) if g == t.upos => (t.xpos, t.alt),
            Some(&g) => (emb.map_or("_", |e| e.default_xpos(g)), ""),
            None => ("_", ""),
        })
        .unzip()
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.b.len() - self.at < n {
            return Err(format!("truncated tagger model at byte {}", self.at));
        }
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
}

#[inline]
fn argmax_f32(s: &[f32; ML], nl: usize) -> u8 {
    let mut best = 0;
    for t in 1..nl {
        if s[t] > s[best] {
            best = t;
        }
    }
    best as u8
}

// ---------------------------------------------------------------------------
// Training

/// Index of a UPOS string (unknown tags count as `X`).
fn tag_index(t: &str) -> u8 {
    UPOS.iter().position(|&u| u == t).unwrap_or(NT - 1) as u8
}

/// The model's label set: UPOS index and XPOS per label.
#[derive(Debug, Clone, Default, PartialEq)]
struct Labels {
    upos: Vec<u8>,
    xpos: Vec<String>,
}

impl Labels {
    /// UPOS only (one label per UPOS tag, XPOS `_`).
    fn upos_only() -> Labels {
        Labels {
            upos: (0..NT as u8).collect(),
            xpos: vec!["_".to_string(); NT],
        }
    }

    /// (UPOS, XPOS) pairs seen at least [`LABEL_MIN_COUNT`] times, plus the
    /// most frequent pair of every UPOS that has none (at most [`ML`]).
    fn fine(sentences: &[Sentence]) -> Labels {
        let mut counts: HashMap<(u8, &str), u32> = HashMap::new();
        for s in sentences {
            for w in &s.words {
                *counts
                    .entry((tag_index(&w.upos), w.xpos.as_str()))
                    .or_default() += 1;
            }
        }
        let mut pairs: Vec<((u8, &str), u32)> = counts.into_iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut keep: Vec<((u8, &str), u32)> = Vec::new();
        for &(p, c) in &pairs {
            let first = !keep.iter().any(|k| k.0 .0 == p.0);
            if (c >= LABEL_MIN_COUNT || first) && keep.len() < ML {
                keep.push((p, c));
            }
        }
        // By UPOS, the most frequent pair of each UPOS first.
        keep.sort_by(|a, b| {
            a.0 .0
                .cmp(&b.0 .0)
                .then(b.1.cmp(&a.1))
                .then(a.0 .1.cmp(b.0 .1))
        });
        Labels {
            upos: keep.iter().map(|p| p.0 .0).collect(),
            xpos: keep.iter().map(|p| p.0 .1.to_string()).collect(),
        }
    }

    fn len(&self) -> usize {
        self.upos.len()
    }

    /// The label of a word: its (UPOS, XPOS) pair, else the most frequent
    /// label of its UPOS (the first one; every UPOS seen has one).
    fn index(&self, upos: &str, xpos: &str) -> u8 {
        let u = tag_index(upos);
        let mut first = None;
        for (i, (&lu, lx)) in self.upos.iter().zip(&self.xpos).enumerate() {
            if lu == u {
                if lx == xpos || lx == "_" {
                    return i as u8;
                }
                first.get_or_insert(i);
            }
        }
        first.unwrap_or(0) as u8
    }
}

/// Weights during training: integer perceptron weights `w` and the
/// timestamp-weighted update sums `u` (`nl` per feature row); the average
/// is `w - u / c`.
struct Trainer {
    nl: usize,
    rows: IdMap<u32>,
    w: Vec<i32>,
    u: Vec<i64>,
    c: i64,
}

impl Trainer {
    fn scores(&self, feats: &[u64]) -> [i64; ML] {
        let mut s = [0i64; ML];
        let nl = self.nl;
        for k in feats {
            if let Some(&r) = self.rows.get(k) {
                let r = r as usize * nl;
                for (a, &b) in s.iter_mut().zip(&self.w[r..r + nl]) {
                    *a += b as i64;
                }
            }
        }
        s
    }

    fn update(&mut self, feats: &[u64], gold: u8, guess: u8) {
        let c = self.c;
        let nl = self.nl;
        for &k in feats {
            let n = (self.w.len() / nl) as u32;
            let r = *self.rows.entry(k).or_insert(n) as usize;
            if r == n as usize {
                self.w.resize(self.w.len() + nl, 0);
                self.u.resize(self.u.len() + nl, 0);
            }
            let r = r * nl;
            self.w[r + gold as usize] += 1;
            self.u[r + gold as usize] += c;
            self.w[r + guess as usize] -= 1;
            self.u[r + guess as usize] -= c;
        }
    }

    /// One greedy pass over the sentences in `order`; returns (correct, total)
    /// counted on UPOS.
    fn epoch(
        &mut self,
        data: &[(Vec<Tok>, Vec<u8>)],
        order: &[usize],
        dict: &IdMap<u8>,
        labels: &Labels,
    ) -> (usize, usize) {
        let mut feats = [0u64; MAX_FEATS];
        let (mut ok, mut all) = (0usize, 0usize);
        for &si in order {
            let (toks, gold) = &data[si];
            let (mut t1, mut t2) = (START, START);
            for i in 0..toks.len() {
                let g = gold[i];
                let guess = if let Some(&t) = dict.get(&toks[i].raw) {
                    t
                } else {
                    let n = features(toks, i, t1, t2, &mut feats);
                    let s = self.scores(&feats[..n]);
                    let mut best = 0;
                    for t in 1..self.nl {
                        if s[t] > s[best] {
                            best = t;
                        }
                    }
                    let guess = best as u8;
                    if guess != g {
                        self.update(&feats[..n], g, guess);
                    }
                    self.c += 1;
                    guess
                };
                all += 1;
                ok += (labels.upos[guess as usize] == labels.upos[g as usize]) as usize;
                t2 = t1;
                t1 = guess;
            }
        }
        (ok, all)
    }

    /// The averaged weights as (key, [(label, weight)]) rows.
    fn averaged_features(&self, prune: f32) -> Vec<(u64, Vec<(u8, f32)>)> {
        let mut keys: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let c = self.c as f64;
        let nl = self.nl;
        let mut feats = Vec::with_capacity(keys.len());
        for (k, r) in keys {
            let r = r as usize * nl;
            let (w, u) = (&self.w[r..r + nl], &self.u[r..r + nl]);
            let ps: Vec<(u8, f32)> = (0..nl)
                .filter_map(|t| {
                    let a = (w[t] as f64 - u[t] as f64 / c) as f32;
                    (a.abs() >= prune && a != 0.0).then_some((t as u8, a))
                })
                .collect();
            if !ps.is_empty() {
                feats.push((k, ps));
            }
        }
        feats
    }
}

/// xorshift64* generator for deterministic shuffling.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The UPOS tags each normalised word was seen with (each tag kept if it
/// covers at least 5% of the word's occurrences), for words seen at least
/// [`LEX_MIN_COUNT`] times (rarer words would teach the model to trust a
/// class that is just the gold tag).
fn build_lex(sentences: &[Sentence]) -> Vec<(u64, u32)> {
    let mut counts: IdMap<[u32; NT]> = IdMap::default();
    for s in sentences {
        for w in &s.words {
            let t = tag_index(&w.upos) as usize;
            counts.entry(hash_norm(&w.form)).or_insert([0; NT])[t] += 1;
        }
    }
    let mut out: Vec<(u64, u32)> = counts
        .into_iter()
        .filter_map(|(k, c)| {
            let total: u32 = c.iter().sum();
            let mask = (0..NT)
                .filter(|&t| c[t] * 20 >= total)
                .fold(0u32, |m, t| m | 1 << t);
            (total >= LEX_MIN_COUNT).then_some((k, mask))
        })
        .collect();
    out.sort_unstable();
    out
}

/// Raw forms seen at least [`DICT_MIN_COUNT`] times with at least
/// [`DICT_MIN_RATIO`] of them under one label.
fn build_dict(sentences: &[Sentence], labels: &Labels) -> Vec<(u64, u8)> {
    let mut counts: HashMap<&str, [u32; ML]> = HashMap::new();
    for s in sentences {
        for w in &s.words {
            counts.entry(w.form.as_str()).or_insert([0; ML])
                [labels.index(&w.upos, &w.xpos) as usize] += 1;
        }
    }
    let mut out: Vec<(u64, u8)> = counts
        .into_iter()
        .filter_map(|(form, c)| {
            let total: u32 = c.iter().sum();
            let (best, &n) = c
                .iter()
                .enumerate()
                .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
                .unwrap();
            (total >= DICT_MIN_COUNT && n as f64 / total as f64 >= DICT_MIN_RATIO)
                .then(|| (hash_raw(form), best as u8))
        })
        .collect();
    out.sort_unstable();
    out
}

/// Progress of one training epoch, passed to the callback of [`train_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Share of training tokens the (unaveraged) left-to-right model got right during the epoch.
    pub train_accuracy: f64,
    /// Accuracy of the averaged model on the dev set, if one was given.
    pub dev_accuracy: Option<f64>,
    /// Number of features with weights so far.
    pub features: usize,
}

/// Training options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    /// Predict (UPOS, XPOS) pairs as labels (the UPOS is their projection);
    /// otherwise UPOS only.
    pub xpos: bool,
    /// Number of models trained with seeds `seed`, `seed + 1`, ... (each on
    /// its own shuffles) whose averaged weights are summed into one model: a
    /// linear model, so this equals an ensemble that sums their scores, at
    /// the cost of one model (the union of their features).
    pub models: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            xpos: true,
            models: 1,
        }
    }
}

/// Trains a tagger on gold-tagged sentences for `epochs` passes, shuffling
/// the sentences each epoch with a PRNG seeded by `seed` (deterministic).
/// With a dev set, the averaged model's dev accuracy after each epoch is kept
/// in [`Tagger::dev_history`].
pub fn train(sentences: &[Sentence], epochs: usize, seed: u64, dev: Option<&[Sentence]>) -> Tagger {
    train_with(sentences, epochs, seed, dev, &mut |_| {})
}

/// [`train`], calling `progress` after each epoch.
pub fn train_with(
    sentences: &[Sentence],
    epochs: usize,
    seed: u64,
    dev: Option<&[Sentence]>,
    progress: &mut dyn FnMut(EpochReport),
) -> Tagger {
    train_opts(
        sentences,
        epochs,
        seed,
        dev,
        TrainOptions::default(),
        progress,
    )
}

/// [`train_with`] with explicit [`TrainOptions`].
pub fn train_opts(
    sentences: &[Sentence],
    epochs: usize,
    seed: u64,
    dev: Option<&[Sentence]>,
    opts: TrainOptions,
    progress: &mut dyn FnMut(EpochReport),
) -> Tagger {
    let labels = if opts.xpos {
        Labels::fine(sentences)
    } else {
        Labels::upos_only()
    };
    let nl = labels.len();
    let dict = build_dict(sentences, &labels);
    let lex_entries = build_lex(sentences);
    let lex = merged_lex(&lex_entries);
    let dict_map: IdMap<u8> = dict.iter().copied().collect();
    // Precompute tokens and gold labels once.
    let data: Vec<(Vec<Tok>, Vec<u8>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let mut toks = Vec::new();
            prepare(&words, &lex, &mut toks);
            (
                toks,
                s.words
                    .iter()
                    .map(|w| labels.index(&w.upos, &w.xpos))
                    .collect(),
            )
        })
        .collect();
    let reversed: Vec<(Vec<Tok>, Vec<u8>)> = data
        .iter()
        .map(|(t, g)| {
            (
                t.iter().rev().copied().collect(),
                g.iter().rev().copied().collect(),
            )
        })
        .collect();
    let new = || Trainer {
        nl,
        rows: IdMap::default(),
        w: Vec::new(),
        u: Vec::new(),
        c: 1,
    };
    let (mut fwd_all, mut bwd_all) = (Vec::new(), Vec::new());
    let mut history = Vec::new();
    for model in 0..opts.models.max(1) {
        let (mut fwd, mut bwd) = (new(), new());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = XorShift(mix((seed + model as u64) ^ 0x7a66_e12d) | 1);
        history.clear();
        for epoch in 1..=epochs {
            for i in (1..order.len()).rev() {
                let j = rng.below(i + 1);
                order.swap(i, j);
            }
            let (ok, all) = fwd.epoch(&data, &order, &dict_map, &labels);
            bwd.epoch(&reversed, &order, &dict_map, &labels);
            let dev_accuracy = dev.map(|d| {
                // The models so far plus this one.
                let mut f = fwd_all.clone();
                f.extend(fwd.averaged_features(1e-6));
                let mut b = bwd_all.clone();
                b.extend(bwd.averaged_features(1e-6));
                let m = Tagger::build(
                    &labels,
                    Weights::build(f),
                    Weights::build(b),
                    dict.clone(),
                    lex_entries.clone(),
                );
                let m = m.pruned(PRUNE_BELOW);
                let (a, n) = m.accuracy(d);
                a as f64 / n.max(1) as f64
            });
            if let Some(a) = dev_accuracy {
                history.push(a);
            }
            progress(EpochReport {
                epoch,
                train_accuracy: ok as f64 / all.max(1) as f64,
                dev_accuracy,
                features: fwd.rows.len() + bwd.rows.len(),
            });
        }
        fwd_all.extend(fwd.averaged_features(1e-6));
        bwd_all.extend(bwd.averaged_features(1e-6));
    }
    let mut m = Tagger::build(
        &labels,
        Weights::build(fwd_all),
        Weights::build(bwd_all),
        dict,
        lex_entries,
    );
    m.dev_history = history;
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::Word;

    fn sent(pairs: &[(&str, &str)]) -> Sentence {
        Sentence {
            words: pairs
                .iter()
                .enumerate()
                .map(|(i, (f, t))| Word {
                    id: i + 1,
                    form: f.to_string(),
                    upos: t.to_string(),
                    ..Word::default()
                })
                .collect(),
            ..Sentence::default()
        }
    }

    fn tiny() -> Vec<Sentence> {
        vec![
            sent(&[
                ("The", "DET"),
                ("dog", "NOUN"),
                ("barks", "VERB"),
                (".", "PUNCT"),
            ]),
            sent(&[
                ("A", "DET"),
                ("cat", "NOUN"),
                ("sleeps", "VERB"),
                ("here", "ADV"),
                (".", "PUNCT"),
            ]),
            sent(&[
                ("John", "PROPN"),
                ("saw", "VERB"),
                ("the", "DET"),
                ("cat", "NOUN"),
                (".", "PUNCT"),
            ]),
            sent(&[
                ("They", "PRON"),
                ("can", "AUX"),
                ("run", "VERB"),
                ("fast", "ADV"),
                ("!", "PUNCT"),
            ]),
            sent(&[
                ("She", "PRON"),
                ("gave", "VERB"),
                ("him", "PRON"),
                ("two", "NUM"),
                ("books", "NOUN"),
                (".", "PUNCT"),
            ]),
        ]
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let data = tiny();
        let t = train(&data, 10, 7, Some(&data));
        let (ok, all) = t.accuracy(&data);
        assert_eq!(ok, all, "training accuracy {ok}/{all}");
        assert_eq!(t.dev_history().len(), 10);
        // Deterministic given the seed.
        assert_eq!(train(&data, 10, 7, None).to_bytes(), t.to_bytes());
    }

    #[test]
    fn bytes_round_trip() {
        let data = tiny();
        let t = train(&data, 5, 1, None);
        let b = t.to_bytes();
        let u = Tagger::from_bytes(&b).unwrap();
        assert_eq!(u.to_bytes(), b);
        assert_eq!(u.num_features(), t.num_features());
        let words = ["The", "cat", "sleeps", "."];
        assert_eq!(u.tag(&words), t.tag(&words));
        assert!(Tagger::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Tagger::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn wordclass_table() {
        let wc = wordclass();
        assert!(wc.len() > 100_000, "{} words", wc.len());
        let class = |w: &str| {
            let k = hash_norm(w);
            let i = wc.binary_search_by_key(&k, |e| e.0).expect(w);
            wc[i].1
        };
        let bit = |c: char| 1u64 << WORDCLASS_LETTERS.find(c).unwrap();
        assert_ne!(class("running") & bit('G'), 0);
        assert_ne!(class("went") & bit('D'), 0);
        assert_ne!(class("children") & bit('N'), 0);
        assert_ne!(class("paris") & bit('P'), 0);
        assert_ne!(class("bank") & bit('n'), 0);
        // The merged lexicon keeps both parts.
        let lex = merged_lex(&[(hash_norm("bank"), 1 << 7)]);
        let v = lex[&hash_norm("bank")];
        assert_eq!(v & 0x7fff_ffff, 1 << 7);
        assert_ne!(v & LEX_PRESENT, 0);
        assert_eq!(v >> 32, class("bank"));
    }

    #[test]
    fn static_score_cache_is_exact() {
        // The second tagging of a sentence takes every word's static scores
        // from the per-thread cache; a new model empties it.
        let data = tiny();
        let t = train(&data, 5, 1, None);
        let words = ["John", "saw", "a", "dog", "here", "."];
        let first = t.tag_alternatives(&words);
        assert_eq!(t.tag_alternatives(&words), first);
        let u = Tagger::from_bytes(&t.to_bytes()).unwrap();
        assert_eq!(u.tag_alternatives(&words), first);
        assert_eq!(t.tag_alternatives(&words), first);
    }

    #[test]
    fn embedded_tags_a_news_sentence() {
        let Some(t) = Tagger::embedded() else {
            eprintln!("no embedded tagger model yet; skipping");
            return;
        };
        assert_eq!(
            t.tag(&["Russia", "sent", "troops", "to", "Ukraine", "."]),
            ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"]
        );
        assert!(t.tag(&[]).is_empty());
    }

    #[test]
    fn embedded_ewt_test_accuracy() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/ud-english-ewt/en_ewt-ud-test.conllu");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {} not found", path.display());
            return;
        };
        let Some(t) = Tagger::embedded() else {
            eprintln!("skipping: no embedded tagger model");
            return;
        };
        let sents = crate::conllu::parse(&text).unwrap();
        let (ok, all) = t.accuracy(&sents);
        let acc = ok as f64 / all as f64;
        eprintln!("EWT test UPOS {ok}/{all} = {acc:.4}");
        // Issue 4 asks for >= 0.96; the committed model reaches 0.9613 (see
        // model/tagger.md).
        assert!(acc >= 0.96, "EWT test UPOS accuracy {acc:.4} < 0.96");
    }
}
