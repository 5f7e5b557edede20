//! The part-of-speech tagger (being written).
