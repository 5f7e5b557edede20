// herald's dashboard. Every piece of text that comes from the store (article
// text, titles, actor phrases, place names) is put into the page with
// textContent or as a text node: never as HTML.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import cytoscape from "cytoscape";
import { geoNaturalEarth1, geoPath, geoGraticule10 } from "d3-geo";
import { feature, mesh } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import "./app.css";

// ---------- small DOM helpers (text only) ----------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "onclick") el.addEventListener("click", v);
    else if (k === "oninput") el.addEventListener("input", v);
    else if (k === "onchange") el.addEventListener("change", v);
    else if (k === "onsubmit") el.addEventListener("submit", v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  return el;
}
function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}
// Only http(s) links are made clickable (no javascript: or data: URLs).
function safeUrl(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// ---------- state kept in the URL ----------
const FILTERS = ["q", "actor", "country", "cameo", "plover", "quad", "since", "until", "place", "outlet", "min_sources"];
const state = { params: new URLSearchParams(location.search), offset: 0 };
function filterParams(omit = []) {
  const p = new URLSearchParams();
  for (const k of FILTERS) {
    if (omit.includes(k)) continue;
    for (const v of state.params.getAll(k)) if (v !== "") p.append(k, v);
  }
  return p;
}
function setParam(k, v) {
  if (v === null || v === undefined || v === "") state.params.delete(k);
  else state.params.set(k, v);
  if (FILTERS.includes(k)) state.offset = 0;
  history.replaceState(null, "", "?" + state.params.toString() + location.hash);
}

// ---------- API ----------
const tokenFromHash = new URLSearchParams(location.hash.slice(1)).get("token");
if (tokenFromHash) {
  sessionStorage.setItem("herald-token", tokenFromHash);
  history.replaceState(null, "", location.pathname + location.search);
}
async function api(path, params) {
  const url = "/api/" + path + (params && [...params].length ? "?" + params.toString() : "");
  const headers = {};
  const tok = sessionStorage.getItem("herald-token");
  if (tok) headers.Authorization = "Bearer " + tok;
  const r = await fetch(url, { headers });
  if (r.status === 401) {
    const t = prompt("This herald server needs its token:");
    if (t) {
      sessionStorage.setItem("herald-token", t);
      return api(path, params);
    }
  }
  const body = await r.json().catch(() => ({ error: "answer not JSON" }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

// ---------- colours ----------
const QUAD = [
  { name: "Verbal cooperation", color: "#4c9be8" },
  { name: "Material cooperation", color: "#2ca25f" },
  { name: "Verbal conflict", color: "#f0a030" },
  { name: "Material conflict", color: "#d7301f" },
];
// Goldstein -10..10: red through grey to green.
function goldsteinColor(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#999";
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [150, 150, 150];
  const end = t < 0 ? [215, 48, 31] : [26, 152, 80];
  const a = Math.abs(t);
  const c = grey.map((x, i) => Math.round(x + (end[i] - x) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

// ---------- layout ----------
const app = document.getElementById("app");
const el = {
  search: h("input", { id: "search", type: "search", placeholder: "Search actors, places, text…", "aria-label": "search" }),
  chips: h("div", { id: "chips", class: "chips" }),
  suggest: h("div", { id: "suggest", class: "suggest" }),
  bucket: h("select", { id: "bucket", "aria-label": "time bucket" }, h("option", { value: "day" }, "by day"), h("option", { value: "week" }, "by week")),
  quad: h("select", { id: "quad", "aria-label": "QuadClass" }, h("option", { value: "" }, "all QuadClasses"), QUAD.map((q, i) => h("option", { value: i + 1 }, q.name))),
  timeline: h("div", { id: "timeline", class: "panel-body" }),
  network: h("div", { id: "network", class: "panel-body" }),
  map: h("div", { id: "map", class: "panel-body" }),
  table: h("table", { id: "events" }),
  pager: h("div", { class: "pager" }),
  evidence: h("aside", { id: "evidence", class: "evidence", hidden: true }),
  profile: h("section", { id: "profile", class: "panel wide", hidden: true }),
  status: h("span", { id: "status", class: "status" }),
};
app.append(
  h("header", {},
    h("h1", {}, "herald"),
    h("form", { class: "searchform", onsubmit: (e) => { e.preventDefault(); setParam("q", el.search.value.trim()); refresh(); } }, el.search),
    el.quad, el.bucket, el.status),
  el.suggest,
  el.chips,
  h("main", {},
    h("section", { class: "panel wide" }, h("h2", {}, "Events over time, by QuadClass ", h("small", {}, "(drag to select a range)")), el.timeline),
    el.profile,
    h("section", { class: "panel" }, h("h2", {}, "Actor network ", h("small", {}, "(colour: mean Goldstein; click an actor to focus)")), el.network),
    h("section", { class: "panel" }, h("h2", {}, "Where ", h("small", {}, "(clustered event places)")), el.map),
    h("section", { class: "panel wide" }, h("h2", {}, "Events"), el.table, el.pager)),
  el.evidence,
  h("footer", {}, "herald · map: Natural Earth via world-atlas · ", h("a", { href: "/assets/licenses.txt" }, "third-party licences")),
);
el.bucket.value = state.params.get("bucket") || "day";
el.quad.value = state.params.get("quad") || "";
el.search.value = state.params.get("q") || "";
el.bucket.addEventListener("change", () => { setParam("bucket", el.bucket.value === "day" ? "" : el.bucket.value); loadTimeline(); });
el.quad.addEventListener("change", () => { setParam("quad", el.quad.value); refresh(); });
let suggestTimer = null;
el.search.addEventListener("input", () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(suggestActors, 200);
});

function setStatus(t) {
  el.status.textContent = t;
}

// ---------- filter chips ----------
function renderChips() {
  clear(el.chips);
  for (const k of FILTERS) {
    for (const v of state.params.getAll(k)) {
      const label = k === "quad" ? QUAD[Number(v) - 1]?.name || v : v;
      el.chips.append(h("button", { class: "chip", title: "remove this filter", onclick: () => {
        const rest = state.params.getAll(k).filter((x) => x !== v);
        state.params.delete(k);
        for (const r of rest) state.params.append(k, r);
        setParam("_", null);
        if (k === "q") el.search.value = "";
        if (k === "quad") el.quad.value = "";
        state.offset = 0;
        refresh();
      } }, `${k}: ${label} ×`));
    }
  }
}

async function suggestActors() {
  const q = el.search.value.trim();
  clear(el.suggest);
  if (q.length < 2) return;
  try {
    const r = await api("actors", new URLSearchParams({ q, limit: "8" }));
    if (!r.actors.length) return;
    el.suggest.append(h("span", {}, "actors: "));
    for (const a of r.actors) {
      el.suggest.append(h("button", { class: "chip actor", title: a.names.join("; "), onclick: () => focusActor(a.code) }, `${a.code} (${a.events})`, a.names[0] ? ` ${a.names[0]}` : ""));
    }
  } catch (e) {
    setStatus(e.message);
  }
}

function focusActor(code) {
  setParam("actor", code);
  clear(el.suggest);
  refresh();
}

// ---------- timeline (uPlot) ----------
let plot = null;
async function loadTimeline() {
  const p = filterParams(["since", "until"]);
  p.set("bucket", el.bucket.value);
  const r = await api("timeline", p);
  const xs = r.series.map((pt) => Date.parse(pt.period + "T00:00:00Z") / 1000);
  // stacked: series k is the sum of QuadClasses 1..k, drawn tallest first
  const raw = [0, 1, 2, 3].map((q) => r.series.map((pt) => pt.quad[q]));
  const stacked = [0, 1, 2, 3].map((q) => r.series.map((pt) => pt.quad.slice(0, q + 1).reduce((a, b) => a + b, 0)));
  const data = [xs, stacked[3], stacked[2], stacked[1], stacked[0]];
  const order = [3, 2, 1, 0];
  const width = Math.max(300, el.timeline.clientWidth - 8);
  const bars = uPlot.paths.bars({ size: [0.9, 12, 2] });
  const opts = {
    width,
    height: 220,
    scales: { x: { time: true } },
    cursor: { drag: { x: true, y: false, setScale: false } },
    select: { show: true },
    legend: { show: true },
    series: [
      { label: "period" },
      ...order.map((q, i) => ({
        label: QUAD[q].name,
        stroke: QUAD[q].color,
        fill: QUAD[q].color,
        paths: bars,
        points: { show: false },
        value: (u, v, si, idx) => (idx === null || idx === undefined ? "–" : raw[q][idx]),
      })),
    ],
    axes: [{}, { label: "events", size: 50 }],
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 3) return;
          const a = u.posToVal(u.select.left, "x");
          const b = u.posToVal(u.select.left + u.select.width, "x");
          const day = (t) => new Date(t * 1000).toISOString().slice(0, 10);
          setParam("since", day(a));
          setParam("until", day(b));
          refresh({ timeline: false });
        },
      ],
    },
  };
  if (plot) plot.destroy();
  clear(el.timeline);
  if (!xs.length) {
    el.timeline.append(h("p", { class: "empty" }, "No dated events match."));
    plot = null;
    return;
  }
  plot = new uPlot(opts, data, el.timeline);
}

// ---------- network (cytoscape) ----------
let cy = null;
async function loadNetwork() {
  const r = await api("network", withLimit(filterParams(), 150));
  const maxN = Math.max(1, ...r.nodes.map((n) => n.events));
  const elements = [
    ...r.nodes.map((n) => ({ data: { id: n.id, label: n.id, events: n.events, size: 14 + 36 * Math.sqrt(n.events / maxN), color: goldsteinColor(n.goldstein_mean) } })),
    ...r.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, events: e.events, width: 1 + Math.min(8, e.events), color: goldsteinColor(e.goldstein_mean) } })),
  ];
  if (cy) cy.destroy();
  clear(el.network);
  if (!r.nodes.length) {
    el.network.append(h("p", { class: "empty" }, "No interactions match."));
    cy = null;
    return;
  }
  cy = cytoscape({
    container: el.network,
    elements,
    style: [
      { selector: "node", style: { "background-color": "data(color)", label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 10, color: "#222", "text-valign": "bottom", "text-margin-y": 2 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#111" } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 60 },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", (evt) => focusActor(evt.target.id()));
  // where each node is drawn, for the browser test to click one
  el.network.dataset.nodes = JSON.stringify(cy.nodes().map((n) => ({ id: n.id(), ...n.renderedPosition() })));
  const focused = state.params.getAll("actor");
  if (focused.length) {
    const n = cy.nodes().filter((x) => focused.some((f) => x.id().startsWith(f)));
    if (n.length) {
      cy.elements().addClass("faded");
      n.closedNeighborhood().removeClass("faded");
      n.addClass("focus");
    }
  }
}

function withLimit(p, n) {
  p.set("limit", String(n));
  return p;
}

// ---------- map (d3-geo + world-atlas, no tiles) ----------
const countries = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
async function loadMap() {
  const r = await api("places", withLimit(filterParams(), 2000));
  const width = Math.max(300, el.map.clientWidth - 8);
  const height = Math.round(width * 0.52);
  const proj = geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = geoPath(proj);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "map" });
  svg.append(s("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  svg.append(s("path", { d: path(geoGraticule10()), class: "graticule" }));
  const land = s("g", { class: "land" });
  for (const f of countries.features) land.append(s("path", { d: path(f) }));
  svg.append(land);
  svg.append(s("path", { d: path(borders), class: "borders" }));
  // cluster places that fall within 18 px of each other on the map
  const cell = 18;
  const clusters = new Map();
  for (const p of r.places) {
    if (p.lat === null || p.lon === null) continue;
    const xy = proj([p.lon, p.lat]);
    if (!xy) continue;
    const key = Math.floor(xy[0] / cell) + "," + Math.floor(xy[1] / cell);
    const c = clusters.get(key) || { x: 0, y: 0, n: 0, g: 0, gn: 0, places: [] };
    c.x += xy[0] * p.events;
    c.y += xy[1] * p.events;
    c.n += p.events;
    if (p.goldstein_mean !== null) {
      c.g += p.goldstein_mean * p.events;
      c.gn += p.events;
    }
    c.places.push(p);
    clusters.set(key, c);
  }
  const maxN = Math.max(1, ...[...clusters.values()].map((c) => c.n));
  const dots = s("g", { class: "dots" });
  for (const c of [...clusters.values()].sort((a, b) => b.n - a.n)) {
    const r0 = 3 + 14 * Math.sqrt(c.n / maxN);
    const dot = s("circle", { cx: (c.x / c.n).toFixed(1), cy: (c.y / c.n).toFixed(1), r: r0.toFixed(1), fill: goldsteinColor(c.gn ? c.g / c.gn : null), class: "dot" });
    const title = s("title");
    c.places.sort((a, b) => b.events - a.events);
    title.textContent = c.places.map((p) => `${p.name} (${p.events})`).join(", ");
    dot.append(title);
    dot.addEventListener("click", () => { setParam("place", c.places[0].name); refresh(); });
    dots.append(dot);
    if (c.places.length > 1) {
      const t = s("text", { x: (c.x / c.n).toFixed(1), y: (c.y / c.n + 3).toFixed(1), class: "count" });
      t.textContent = String(c.places.length);
      dots.append(t);
    }
  }
  svg.append(dots);
  clear(el.map).append(svg);
  if (!clusters.size) el.map.append(h("p", { class: "empty" }, "No placed events match."));
}

// ---------- actor profile and dyads ----------
let dyadPlot = null;
async function loadProfile() {
  const actors = state.params.getAll("actor");
  if (dyadPlot) { dyadPlot.destroy(); dyadPlot = null; }
  if (actors.length !== 1 || !/^[A-Z0-9-]{3,}$/.test(actors[0])) {
    el.profile.hidden = true;
    return;
  }
  let p;
  try {
    p = await api("actors/" + encodeURIComponent(actors[0]), new URLSearchParams({ limit: "12" }));
  } catch {
    el.profile.hidden = true; // a prefix such as RUS that no event has exactly
    return;
  }
  const chart = h("div", { id: "dyad", class: "dyad" }, h("p", { class: "muted" }, "Pick a counterpart to see the dyad over time."));
  const rows = p.counterparts.map((c) =>
    h("tr", { class: "counterpart", onclick: () => loadDyad(p.code, c.code, chart) },
      h("td", {}, h("button", { class: "link" }, c.code)),
      h("td", {}, String(c.outgoing)),
      h("td", {}, String(c.incoming)),
      h("td", {}, h("span", { class: "swatch", style: `background:${goldsteinColor(c.goldstein_mean)}` }), c.goldstein_mean === null ? " –" : " " + c.goldstein_mean.toFixed(1))));
  clear(el.profile).append(
    h("h2", {}, `Actor ${p.code} `, h("small", {}, `${p.events} events (${p.as_source} as source, ${p.as_target} as target), mean Goldstein ${p.goldstein_mean === null ? "–" : p.goldstein_mean.toFixed(2)}`)),
    h("p", { class: "names" }, "named as: ", p.names.length ? p.names.join(" · ") : "–"),
    h("div", { class: "profile-grid" },
      h("table", { class: "counterparts" }, h("thead", {}, h("tr", {}, h("th", {}, "counterpart"), h("th", {}, "→ to it"), h("th", {}, "← from it"), h("th", {}, "mean Goldstein"))), h("tbody", {}, rows)),
      chart));
  el.profile.hidden = false;
  if (p.counterparts.length) loadDyad(p.code, p.counterparts[0].code, chart);
}

async function loadDyad(a, b, box) {
  const bucket = el.bucket.value === "day" ? "week" : "month";
  const r = await api("dyad", new URLSearchParams({ a, b, bucket }));
  if (dyadPlot) dyadPlot.destroy();
  clear(box).append(h("p", { class: "muted" }, `${a} ⇄ ${b}: ${r.events} events, Goldstein sum ${r.goldstein_sum.toFixed(1)}, by ${r.bucket}`));
  const xs = r.series.map((p) => Date.parse(p.period + "T00:00:00Z") / 1000);
  if (!xs.length) return;
  const bars = uPlot.paths.bars({ size: [0.6, 10, 2] });
  dyadPlot = new uPlot({
    width: Math.max(280, box.clientWidth - 8),
    height: 200,
    scales: { x: { time: true } },
    series: [
      {},
      { label: `Goldstein ${a}→${b}`, stroke: "#1c64b8", fill: "rgba(28,100,184,.35)", paths: bars, points: { show: false } },
      { label: `Goldstein ${b}→${a}`, stroke: "#c2410c", fill: "rgba(194,65,12,.35)", paths: bars, points: { show: false } },
    ],
    axes: [{}, { label: "Goldstein sum", size: 50 }],
  }, [xs, r.series.map((p) => p.goldstein_a_to_b), r.series.map((p) => p.goldstein_b_to_a)], box);
}

// ---------- event table ----------
const PAGE = 25;
async function loadTable() {
  const p = filterParams();
  p.set("limit", String(PAGE));
  p.set("offset", String(state.offset));
  const r = await api("events", p);
  clear(el.table);
  el.table.append(h("thead", {}, h("tr", {}, ["date", "source", "target", "CAMEO", "PLOVER", "QuadClass", "Goldstein", "place", "sources"].map((c) => h("th", {}, c)))));
  const body = h("tbody");
  for (const e of r.events) {
    const q = QUAD[(e.quad_class || 0) - 1];
    const tr = h("tr", { class: "event-row", "data-event": e.id, tabindex: 0, onclick: () => openEvidence(e.id) },
      h("td", {}, e.date || "–"),
      h("td", {}, h("button", { class: "link", onclick: (ev) => { ev.stopPropagation(); focusActor(e.source); } }, e.source)),
      h("td", {}, e.target ? h("button", { class: "link", onclick: (ev) => { ev.stopPropagation(); focusActor(e.target); } }, e.target) : "–"),
      h("td", { title: e.cameo_name || "" }, e.cameo, " ", h("small", {}, e.cameo_name || "")),
      h("td", {}, e.plover || "–", e.mode ? h("small", {}, " " + e.mode) : null),
      h("td", {}, q ? h("span", { class: "quad", style: `background:${q.color}` }, String(e.quad_class)) : "–"),
      h("td", {}, e.goldstein === null ? "–" : e.goldstein.toFixed(1)),
      h("td", {}, e.place ? e.place.name : "–"),
      h("td", {}, String(e.sources), e.corroborated ? " ✓" : ""));
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvidence(e.id); });
    body.append(tr);
  }
  if (!r.events.length) body.append(h("tr", {}, h("td", { colspan: 9, class: "empty" }, "No events match.")));
  el.table.append(body);
  clear(el.pager).append(
    h("button", { disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); } }, "← newer"),
    h("span", {}, ` events ${r.events.length ? state.offset + 1 : 0}–${state.offset + r.events.length} `),
    h("button", { disabled: !r.has_more, onclick: () => { state.offset += PAGE; loadTable(); } }, "older →"),
  );
}

// ---------- evidence ----------
function markedSentence(ev) {
  const chars = Array.from(ev.text);
  const out = h("p", { class: "sentence" });
  let at = 0;
  for (const m of ev.highlights) {
    if (m.start > at) out.append(chars.slice(at, m.start).join(""));
    out.append(h("mark", { class: "hl-" + m.kind, title: m.kind }, chars.slice(m.start, m.end).join("")));
    at = m.end;
  }
  if (at < chars.length) out.append(chars.slice(at).join(""));
  return out;
}

async function openEvidence(id) {
  setParam("event", String(id));
  for (const tr of el.table.querySelectorAll("tr.selected")) tr.classList.remove("selected");
  const row = el.table.querySelector(`tr[data-event="${Number(id)}"]`);
  if (row) row.classList.add("selected");
  let e;
  try {
    e = await api("events/" + encodeURIComponent(id));
  } catch (err) {
    setStatus(err.message);
    return;
  }
  const box = clear(el.evidence);
  box.hidden = false;
  box.append(
    h("button", { class: "close", title: "close", onclick: () => { box.hidden = true; setParam("event", null); } }, "×"),
    h("h2", {}, `${e.source} → ${e.target || "–"}`),
    h("p", { class: "codes" }, `CAMEO ${e.cameo} ${e.cameo_name || ""} · PLOVER ${e.plover || "–"}${e.mode ? " / " + e.mode : ""} · QuadClass ${e.quad_class ?? "–"} · Goldstein ${e.goldstein ?? "–"}`),
    h("p", { class: "codes" }, `${e.date || "undated"}${e.place ? " · " + e.place.name : ""} · ${e.mentions} mention(s), ${e.sources} source(s), ${e.articles} article(s)`),
    h("p", { class: "legend" }, h("mark", { class: "hl-source" }, "source"), " ", h("mark", { class: "hl-target" }, "target"), " ", h("mark", { class: "hl-verb" }, "verb"), " ", h("mark", { class: "hl-time" }, "time"), " ", h("mark", { class: "hl-place" }, "place")),
  );
  for (const ev of e.evidence) {
    const d = ev.document || {};
    const url = d.url ? safeUrl(d.url) : null;
    box.append(h("div", { class: "mention" },
      markedSentence(ev),
      ev.attribution ? h("p", { class: "attribution" }, "according to ", h("q", {}, ev.attribution.text || ev.attribution.code || "")) : null,
      h("p", { class: "doc" },
        d.title ? h("strong", {}, d.title) : h("em", {}, d.id || d.hash),
        d.outlet ? ` · ${d.outlet}` : "", d.date ? ` · ${d.date}` : "", " · ",
        url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "article") : h("span", { class: "muted" }, "no link"),
        " · ", h("button", { class: "link", onclick: () => openDocument(d.hash) }, "whole text")),
      h("p", { class: "muted small" }, `pattern: ${ev.pattern || "–"}`)));
  }
}

async function openDocument(hash) {
  let d;
  try {
    d = await api("documents/" + encodeURIComponent(hash));
  } catch (err) {
    setStatus(err.message);
    return;
  }
  const box = clear(el.evidence);
  box.hidden = false;
  const text = h("div", { class: "doctext" });
  for (const seg of d.segments) {
    if (seg.events) {
      const q = QUAD[(seg.quad_class || 0) - 1];
      text.append(h("mark", { class: "coded", style: q ? `border-bottom-color:${q.color}` : null, title: "CAMEO " + seg.cameo.join(", "), onclick: () => openEvidence(seg.events[0]) }, seg.text));
    } else text.append(seg.text);
  }
  box.append(
    h("button", { class: "close", title: "close", onclick: () => { box.hidden = true; } }, "×"),
    h("h2", {}, d.title || d.ext_id || d.hash),
    h("p", { class: "codes" }, `${d.date || ""} ${d.outlet || ""} · ${d.events} event(s); coded sentences are underlined, click one for its evidence`),
    text,
  );
}

// ---------- everything ----------
async function refresh(what = {}) {
  renderChips();
  setStatus("loading…");
  const jobs = [loadTable(), loadNetwork(), loadMap(), loadProfile()];
  if (what.timeline !== false) jobs.push(loadTimeline());
  const results = await Promise.allSettled(jobs);
  const failed = results.filter((r) => r.status === "rejected");
  setStatus(failed.length ? "error: " + failed[0].reason.message : "");
  document.body.dataset.ready = "1";
}

refresh().then(() => {
  const ev = state.params.get("event");
  if (ev) openEvidence(ev);
});
api("stats").then((st) => {
  document.querySelector("h1").title = `${st.events} events from ${st.documents} documents`;
}).catch(() => {});
