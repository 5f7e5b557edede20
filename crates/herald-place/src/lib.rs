//! herald-place: offline gazetteer and place tagger (work in progress).
