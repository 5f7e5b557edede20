// Bundles the dashboard: src/app.js (with uPlot, cytoscape, d3-geo,
// topojson-client and the world-atlas shapes) into OUT/app.js and
// OUT/app.css, and copies src/index.html. OUT is the first argument
// (build.rs passes cargo's OUT_DIR/web), or dist/.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2] || "dist";
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: { app: "src/app.js" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome100", "firefox100", "safari15"],
  outdir: out,
  loader: { ".json": "json" },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
copyFileSync("src/index.html", join(out, "index.html"));

// the licences of every npm package in the bundle, served at /assets/licenses.txt
const pkgs = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) pkgs.add(m[1]);
}
let text = "Third-party packages bundled into herald's dashboard (from the npm registry):\n";
for (const p of [...pkgs].sort()) {
  const dir = join("node_modules", p);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  text += `\n==== ${p} ${meta.version} (${meta.license || "see below"})\n`;
  const lic = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  if (lic) text += readFileSync(join(dir, lic), "utf8") + "\n";
}
writeFileSync(join(out, "licenses.txt"), text);
