//! herald's event coder: a sentence's tokens, actors, times and places in;
//! CAMEO/PLOVER events out. No IO.
//!
//! - [`Coder`] runs the rules over a document described by a [`CoderInput`]
//!   and returns [`Coded`]: merged events plus a [`Trace`] saying why each
//!   pattern did or did not become an event.
//! - [`codebook::Codebook`]: every CAMEO code with its name, Goldstein value,
//!   QuadClass and PLOVER type/mode, compiled from `data/cameo.tsv`.
//! - [`patterns::PatternSet`]: the verb-pattern dictionary, compiled from
//!   `data/verbs.txt`.
//!
//! ```
//! use herald_coder::codebook::Codebook;
//! let e = Codebook::embedded().get("041").unwrap();
//! assert_eq!((e.quad_class, e.plover.as_str()), (1, "CONSULT"));
//! ```
#![deny(missing_docs)]

pub mod codebook;
mod engine;
mod lexicon;
mod syntax;
pub mod issues;
pub mod patterns;
pub mod plover;

pub use engine::{Coded, Coder, CoderInput, Discard, Trace};
