//! The compiled form: `HDICT` magic, a format version, then every field in
//! declaration order. Integers are LEB128 varints, strings and vectors are
//! length-prefixed, options and enums carry a one-byte tag.

use crate::*;

const MAGIC: &[u8; 5] = b"HDICT";
const VERSION: u32 = 1;

pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, String>;

impl Reader<'_> {
    fn byte(&mut self) -> R<u8> {
        let b = *self.buf.get(self.pos).ok_or("truncated")?;
        self.pos += 1;
        Ok(b)
    }
    fn varint(&mut self) -> R<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }
    fn len(&mut self) -> R<usize> {
        let n = self.varint()? as usize;
        if n > self.buf.len() - self.pos {
            return Err(format!("length {n} past the end"));
        }
        Ok(n)
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

pub(crate) trait Bin: Sized {
    fn enc(&self, out: &mut Vec<u8>);
    fn dec(r: &mut Reader) -> R<Self>;
}

impl Bin for u32 {
    fn enc(&self, out: &mut Vec<u8>) {
        put_varint(out, u64::from(*self));
    }
    fn dec(r: &mut Reader) -> R<Self> {
        u32::try_from(r.varint()?).map_err(|_| "u32 out of range".into())
    }
}

impl Bin for usize {
    fn enc(&self, out: &mut Vec<u8>) {
        put_varint(out, *self as u64);
    }
    fn dec(r: &mut Reader) -> R<Self> {
        Ok(r.varint()? as usize)
    }
}

impl Bin for bool {
    fn enc(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn dec(r: &mut Reader) -> R<Self> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(format!("bad bool {b}")),
        }
    }
}

impl Bin for String {
    fn enc(&self, out: &mut Vec<u8>) {
        put_varint(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
    fn dec(r: &mut Reader) -> R<Self> {
        let n = r.len()?;
        let s = std::str::from_utf8(&r.buf[r.pos..r.pos + n]).map_err(|e| e.to_string())?;
        r.pos += n;
        Ok(s.to_string())
    }
}

impl<T: Bin> Bin for Vec<T> {
    fn enc(&self, out: &mut Vec<u8>) {
        put_varint(out, self.len() as u64);
        for x in self {
            x.enc(out);
        }
    }
    fn dec(r: &mut Reader) -> R<Self> {
        let n = r.len()?; // every element takes at least one byte
        (0..n).map(|_| T::dec(r)).collect()
    }
}

impl<T: Bin> Bin for Option<T> {
    fn enc(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(x) => {
                out.push(1);
                x.enc(out);
            }
        }
    }
    fn dec(r: &mut Reader) -> R<Self> {
        match r.byte()? {
            0 => Ok(None),
            1 => Ok(Some(T::dec(r)?)),
            b => Err(format!("bad option tag {b}")),
        }
    }
}

impl<A: Bin, B: Bin, C: Bin> Bin for (A, B, C) {
    fn enc(&self, out: &mut Vec<u8>) {
        self.0.enc(out);
        self.1.enc(out);
        self.2.enc(out);
    }
    fn dec(r: &mut Reader) -> R<Self> {
        Ok((A::dec(r)?, B::dec(r)?, C::dec(r)?))
    }
}

impl Bin for Date {
    fn enc(&self, out: &mut Vec<u8>) {
        put_varint(out, (self.year as i64 + 100_000) as u64);
        out.push(self.month as u8);
        out.push(self.day as u8);
    }
    fn dec(r: &mut Reader) -> R<Self> {
        let y = r.varint()? as i64 - 100_000;
        let m = u32::from(r.byte()?);
        let d = u32::from(r.byte()?);
        Date::new(y as i32, m, d).ok_or_else(|| "bad date".into())
    }
}

macro_rules! bin_struct {
    ($t:ident { $($f:ident),* }) => {
        impl Bin for $t {
            fn enc(&self, out: &mut Vec<u8>) {
                $( self.$f.enc(out); )*
            }
            fn dec(r: &mut Reader) -> R<Self> {
                Ok($t { $( $f: Bin::dec(r)?, )* })
            }
        }
    };
}

macro_rules! bin_unit_enum {
    ($t:ident { $($v:ident = $n:expr),* }) => {
        impl Bin for $t {
            fn enc(&self, out: &mut Vec<u8>) {
                out.push(match self { $( $t::$v => $n, )* });
            }
            fn dec(r: &mut Reader) -> R<Self> {
                match r.byte()? {
                    $( $n => Ok($t::$v), )*
                    b => Err(format!("bad {} tag {b}", stringify!($t))),
                }
            }
        }
    };
}

bin_unit_enum!(Format { Tabari = 0, Petrarch = 1 });
bin_unit_enum!(FileKind { Actors = 0, Agents = 1, Verbs = 2, Discards = 3, Issues = 4, Options = 5, Project = 6 });
bin_unit_enum!(AgentPosition { Suffix = 0, Prefix = 1 });
bin_unit_enum!(Exclusion { Sentence = 0, Story = 1 });

bin_struct!(SourceFile { name, format, kind });
bin_struct!(Origin { file, line });
bin_struct!(Phrase { words, gaps, stem });
bin_struct!(RoleDates { from, until });
bin_struct!(CodeTerm { code, dates, line });
bin_struct!(ActorEntry { names, codes, origin });
bin_struct!(AgentEntry { phrase, plurals, code, position, origin });
bin_struct!(Code { raw });
bin_struct!(VerbWord { words, head, stem, forms, code, line });
bin_struct!(PatItem { elem, joined });
bin_struct!(VerbPattern { before, joined_to_verb, after, code, line, text });
bin_struct!(VerbEntry { block, code, verbs, patterns, origin });
bin_struct!(SynMember { items, plural, line });
bin_struct!(Synset { name, members, origin });
bin_struct!(Discard { phrase, story, origin });
bin_struct!(IssueEntry { text, forms, code, exclusion, category, origin });
bin_struct!(OptionEntry { key, value, origin });
bin_struct!(Transformation { pattern, result, origin });
bin_struct!(WordList { name, entries, origin });
bin_struct!(Dictionary { sources, actors, agents, verbs, synsets, discards, issues, options, transformations, word_lists });

impl Bin for Plurals {
    fn enc(&self, out: &mut Vec<u8>) {
        match self {
            Plurals::Regular => out.push(0),
            Plurals::Explicit(v) => {
                out.push(1);
                v.enc(out);
            }
        }
    }
    fn dec(r: &mut Reader) -> R<Self> {
        match r.byte()? {
            0 => Ok(Plurals::Regular),
            1 => Ok(Plurals::Explicit(Bin::dec(r)?)),
            b => Err(format!("bad Plurals tag {b}")),
        }
    }
}

impl Bin for Elem {
    fn enc(&self, out: &mut Vec<u8>) {
        match self {
            Elem::Word { word, stem } => {
                out.push(0);
                word.enc(out);
                stem.enc(out);
            }
            Elem::Synset(s) => {
                out.push(1);
                s.enc(out);
            }
            Elem::Source => out.push(2),
            Elem::Target => out.push(3),
            Elem::Compound => out.push(4),
            Elem::Skip => out.push(5),
            Elem::Alternatives(v) => {
                out.push(6);
                v.enc(out);
            }
            Elem::NounPhrase(v) => {
                out.push(7);
                v.enc(out);
            }
            Elem::Prep(v) => {
                out.push(8);
                v.enc(out);
            }
        }
    }
    fn dec(r: &mut Reader) -> R<Self> {
        Ok(match r.byte()? {
            0 => Elem::Word { word: Bin::dec(r)?, stem: Bin::dec(r)? },
            1 => Elem::Synset(Bin::dec(r)?),
            2 => Elem::Source,
            3 => Elem::Target,
            4 => Elem::Compound,
            5 => Elem::Skip,
            6 => Elem::Alternatives(Bin::dec(r)?),
            7 => Elem::NounPhrase(Bin::dec(r)?),
            8 => Elem::Prep(Bin::dec(r)?),
            b => return Err(format!("bad Elem tag {b}")),
        })
    }
}

pub(crate) fn encode(d: &Dictionary) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 << 16);
    out.extend_from_slice(MAGIC);
    VERSION.enc(&mut out);
    d.enc(&mut out);
    out
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Dictionary, DictError> {
    let err = |message: String| DictError::Decode { message };
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(err("not a compiled herald dictionary (bad magic)".into()));
    }
    let mut r = Reader { buf: bytes, pos: MAGIC.len() };
    let v = u32::dec(&mut r).map_err(err)?;
    if v != VERSION {
        return Err(err(format!("version {v}, this build reads version {VERSION}")));
    }
    let d = Dictionary::dec(&mut r).map_err(|m| err(format!("{m} at byte {}", r.pos)))?;
    if r.pos != bytes.len() {
        return Err(err(format!("{} trailing bytes", bytes.len() - r.pos)));
    }
    Ok(d)
}
