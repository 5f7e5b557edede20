//! herald's syntax stage: part-of-speech tags and dependency trees.
//!
//! - [`conllu`] reads and writes CoNLL-U (gold tokenization), the format of
//!   Universal Dependencies.
//! - [`tagger`]: an averaged-perceptron UPOS tagger.
//! - [`parser`]: a transition-based dependency parser.
//!
//! Both are trained on UD English EWT by a project command and their weights
//! are committed in `model/`.
//!
//! ```
//! let s = herald_syntax::conllu::parse("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n").unwrap();
//! assert_eq!(s[0].words[0].form, "Hi");
//! ```
#![deny(missing_docs)]

pub mod conllu;
pub mod parser;
pub mod tagger;

/// Hint the CPU to fetch the cache line of `x` (no effect on results).
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, even on invalid addresses.
    unsafe {
        std::arch::x86_64::_mm_prefetch(x as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
