//! The dependency parser (being written).
