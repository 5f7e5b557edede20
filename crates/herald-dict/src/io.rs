//! The thin IO layer: read files and directories, detect formats by name.

use crate::{read::parse_str, DictError, FileKind, Format, Parsed};
use std::path::Path;

/// The format and kind of a dictionary file, from its name; `None` for files
/// that are not dictionaries (README, LICENSE, TABARI `.text` records ...).
///
/// TABARI: `X.actors`, `X.verbs`, `X.agents`, `X.options`, `X.project`.
/// PETRARCH: `X.actors.txt`, `X.agents.txt`, `X.verbs.txt`, `X.discards.txt`,
/// `X.issues.txt` or `*Issue*.txt`, and `CAMEO*.txt` (the Phoenix verb file).
pub fn detect(file_name: &str) -> Option<(Format, FileKind)> {
    let lower = file_name.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix(".txt") {
        let kind = if stem.ends_with(".actors") || stem.ends_with("actors") {
            FileKind::Actors
        } else if stem.ends_with(".agents") || stem.ends_with("agents") {
            FileKind::Agents
        } else if stem.ends_with(".verbs") || stem.ends_with("verbs") || stem.starts_with("cameo") {
            FileKind::Verbs
        } else if stem.ends_with(".discards") || stem.ends_with("discards") {
            FileKind::Discards
        } else if stem.contains("issue") {
            FileKind::Issues
        } else {
            return None;
        };
        return Some((Format::Petrarch, kind));
    }
    let ext = lower.rsplit_once('.')?.1;
    let kind = match ext {
        "actors" => FileKind::Actors,
        "verbs" => FileKind::Verbs,
        "agents" => FileKind::Agents,
        "options" => FileKind::Options,
        "project" => FileKind::Project,
        _ => return None,
    };
    Some((Format::Tabari, kind))
}

/// Read one file whose format is detected from its name.
pub fn read_file(path: &Path) -> Parsed {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out = Parsed::default();
    let Some((format, kind)) = detect(&name) else {
        out.errors.push(DictError::Io { file: path.display().to_string(), message: "not a dictionary file name".into() });
        return out;
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let bytes = e.into_bytes();
                    let bad = std::str::from_utf8(&bytes).err().map(|e| e.valid_up_to()).unwrap_or(0);
                    let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
                    out.errors.push(DictError::Syntax {
                        file: name.clone(),
                        line,
                        message: "not UTF-8; read as Latin-1".into(),
                    });
                    bytes.iter().map(|&b| b as char).collect()
                }
            };
            let p = parse_str(&text, &name, format, kind);
            out.merge(p);
        }
        Err(e) => out.errors.push(DictError::Io { file: path.display().to_string(), message: e.to_string() }),
    }
    out
}

fn read_dir_filtered(path: &Path, want: Option<Format>) -> Result<Parsed, DictError> {
    let io = |e: std::io::Error| DictError::Io { file: path.display().to_string(), message: e.to_string() };
    let mut names: Vec<_> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let mut out = Parsed::default();
    for p in names {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match detect(&name) {
            Some((f, _)) if want.is_none() || want == Some(f) => out.merge(read_file(&p)),
            _ => {}
        }
    }
    Ok(out)
}

/// Read every dictionary file of a directory (both families, detected by
/// name, in name order). Fails only if the directory cannot be listed; each
/// bad line or unreadable file is in [`Parsed::errors`].
pub fn read_dir(path: &Path) -> Result<Parsed, DictError> {
    read_dir_filtered(path, None)
}

/// Read the TABARI files of a directory (`.actors`, `.verbs`, `.agents`, `.options`, `.project`).
pub fn read_tabari_dir(path: &Path) -> Result<Parsed, DictError> {
    read_dir_filtered(path, Some(Format::Tabari))
}

/// Read the PETRARCH/Phoenix files of a directory (`*.actors.txt`, `*.verbs.txt`, ...).
pub fn read_petrarch_dir(path: &Path) -> Result<Parsed, DictError> {
    read_dir_filtered(path, Some(Format::Petrarch))
}
