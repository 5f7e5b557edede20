//! Bundles the dashboard (web/) with esbuild into OUT_DIR/web, where
//! src/assets.rs embeds it. The JavaScript libraries come from the npm
//! registry through web/package-lock.json: when web/node_modules is missing
//! this runs `npm ci` once (the only network use, through npm's registry), so
//! a fresh clone builds with `cargo build` where Node.js and npm are
//! installed. Nothing third-party is committed; nothing downloads at run time.

use std::path::{Path, PathBuf};

use std::process::Command;

fn run(cmd: &mut Command, what: &str) {
    match cmd.status() {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("herald-server: `{what}` failed ({s}); see its output above"),
        Err(e) => panic!(
            "herald-server: cannot run `{what}`: {e}.\n\
             The dashboard is bundled from npm packages at build time: install Node.js (18 or later) and npm, \
             e.g. `apt-get install -y nodejs npm`, then build again."
        ),
    }
}

fn main() {
    let web = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("web");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("web");
    for f in ["package.json", "package-lock.json", "build.mjs", "src"] {
        println!("cargo:rerun-if-changed={}", web.join(f).display());
    }
    println!("cargo:rerun-if-env-changed=HERALD_NPM");
    let npm = std::env::var("HERALD_NPM").unwrap_or_else(|_| "npm".to_string());
    // npm ci when node_modules is missing or older than the lock file
    let installed = web.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = match (modified(&installed), modified(&web.join("package-lock.json"))) {
        (Some(i), Some(l)) => i < l,
        _ => true,
    };
    if stale {
        run(Command::new(&npm).args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&web), "npm ci (in crates/herald-server/web)");
    }
    run(Command::new("node").arg("build.mjs").arg(&out).current_dir(&web), "node build.mjs (in crates/herald-server/web)");
    for f in ["index.html", "app.js", "app.css"] {
        assert!(out.join(f).is_file(), "herald-server: the dashboard build wrote no {f}");
    }
}
