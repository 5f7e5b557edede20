//! herald's event coder.
//!
//! - [`codebook::Codebook`]: every CAMEO code with its name, Goldstein value,
//!   QuadClass and PLOVER type/mode, compiled from `data/cameo.tsv`.
//! - [`patterns::PatternSet`]: the verb-pattern dictionary, compiled from
//!   `data/verbs.txt`.
#![deny(missing_docs)]

pub mod codebook;
pub mod patterns;
