// End-to-end test of the dashboard in headless Chromium (Debian's chromium,
// driven by playwright-core; no browser is downloaded).
//
//   node e2e/dashboard.mjs BASE_URL SCREENSHOT.png [XSS_MARKER]
//
// BASE_URL is a running `herald serve` over a store with events. Checks that
// the timeline, the actor network and the map render something, that the
// timeline's brush sets a date range in the URL, that clicking an event
// opens its evidence sentence with its parts marked, and saves a
// screenshot. With XSS_MARKER, it also searches for the event of a stored
// document whose text holds <script> and <img onerror> and checks that
// neither ran and that the markup shows as text. Exits 1 on the first failure.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, shot, marker] = process.argv.slice(2);
if (!base || !shot) {
  console.error("usage: node e2e/dashboard.mjs BASE_URL SCREENSHOT.png [XSS_MARKER]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "herald-chromium-"));
const checks = [];
function check(ok, what) {
  checks.push(what);
  if (!ok) throw new Error("FAILED: " + what);
  console.log("ok: " + what);
}

const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 1100 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const errors = [];
let exit = 0;
try {
  const page = browser.pages()[0] || (await browser.newPage());
  page.on("pageerror", (e) => errors.push("page error: " + e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push("console: " + m.text()); });
  // nothing may be fetched from anywhere but the server
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });

  await page.goto(base + "/", { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });

  // pixels drawn on a canvas (non-transparent)
  const inked = (sel) => page.$$eval(sel, (cs) => cs.reduce((n, c) => {
    try {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let k = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++;
      return n + k;
    } catch { return n; }
  }, 0));
  const tl = await inked("#timeline canvas");
  check(tl > 500, `timeline draws (${tl} inked pixels)`);
  const net = await inked("#network canvas");
  check(net > 500, `actor network draws (${net} inked pixels)`);
  const land = await page.$$eval("#map .land path", (p) => p.length);
  const dots = await page.$$eval("#map circle.dot", (p) => p.length);
  check(land > 100 && dots > 0, `map draws ${land} countries and ${dots} event clusters`);
  const rows = await page.$$eval("#events tr.event-row", (r) => r.length);
  check(rows > 0, `event table has ${rows} rows`);
  await page.screenshot({ path: shot, fullPage: true });
  console.log("screenshot: " + shot);

  // click an event: its evidence sentence with marked parts
  await page.click("#events tr.event-row >> nth=0");
  await page.waitForSelector("#evidence .sentence", { timeout: 10000 });
  const sentence = await page.textContent("#evidence .sentence");
  const marks = await page.$$eval("#evidence .sentence mark", (m) => m.map((x) => x.className));
  check(sentence.trim().length > 10 && marks.length > 0, `evidence: "${sentence.trim().slice(0, 80)}…" with marks ${marks.join(",")}`);
  check(page.url().includes("event="), "the open event is kept in the URL");
  const link = await page.getAttribute("#evidence .doc a", "href");
  check(link && link.startsWith("https://example.org/"), `the evidence links to its article (${link})`);
  const shot2 = shot.replace(/\.png$/, "") + "-evidence.png";
  await page.screenshot({ path: shot2, fullPage: false });
  console.log("screenshot: " + shot2);
  await page.click("#evidence .close");

  // the timeline's brush selects a range: since/until go into the URL
  const over = await page.$("#timeline .u-over");
  const box = await over.boundingBox();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => location.search.includes("since=") && location.search.includes("until="), null, { timeout: 10000 });
  check(true, "brushing the timeline puts since/until in the URL: " + new URL(page.url()).search);

  // clicking an actor in the network focuses on it: the filter, its profile and a dyad chart
  // (the brush above redraws the network with its own layout: the node read
  // may move before the click lands, so read and click again until it takes)
  let target = null;
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.waitForLoadState("networkidle");
    const nodes = JSON.parse(await page.getAttribute("#network", "data-nodes"));
    const netBox = await (await page.$("#network")).boundingBox();
    target = nodes.find((n) => n.x > 10 && n.y > 10 && n.x < netBox.width - 10 && n.y < netBox.height - 10);
    await page.mouse.click(netBox.x + target.x, netBox.y + target.y);
    const took = await page
      .waitForFunction((id) => new URLSearchParams(location.search).getAll("actor").includes(id), target.id, { timeout: 3000 })
      .then(() => true, () => false);
    if (took) break;
  }
  await page.waitForFunction((id) => new URLSearchParams(location.search).getAll("actor").includes(id), target.id, { timeout: 10000 });
  await page.waitForSelector("#profile:not([hidden]) .counterparts", { timeout: 10000 });
  const profile = await page.textContent("#profile h2");
  check(profile.includes(target.id), `clicking ${target.id} in the network focuses on it: "${profile.trim()}"`);
  await page.waitForSelector("#dyad canvas", { timeout: 10000 });
  const dy = await inked("#dyad canvas");
  check(dy > 50, `its first dyad is charted (${dy} inked pixels): ` + (await page.textContent("#dyad p")));

  const shared = page.url();
  // an attributed event, opened from a URL: the attribution is shown
  const attributed = await page.evaluate(async () => {
    const r = await (await fetch("/api/events?limit=500")).json();
    for (const e of r.events) {
      const d = await (await fetch("/api/events/" + e.id)).json();
      const m = d.evidence.find((x) => x.attribution && x.attribution.text);
      if (m) return { id: e.id, text: m.attribution.text };
    }
    return null;
  });
  check(attributed !== null, "the store has an attributed event");
  await page.goto(base + "/?event=" + attributed.id, { waitUntil: "load" });
  await page.waitForSelector("#evidence .attribution", { timeout: 10000 });
  const attr = await page.textContent("#evidence .attribution");
  check(attr.includes(attributed.text), `opening /?event=${attributed.id} shows its evidence and attribution: "${attr.trim()}"`);
  await page.goto(shared, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']");

  // a shared URL restores the view
  const chips = await page.$$eval("#chips .chip", (c) => c.map((x) => x.textContent));
  check(chips.some((c) => c.startsWith("since")), "a shared URL restores its filters: " + chips.join(" | "));

  if (marker) {
    await page.goto(base + "/?q=" + encodeURIComponent(marker), { waitUntil: "load" });
    await page.waitForSelector("body[data-ready='1']");
    await page.click("#events tr.event-row >> nth=0");
    await page.waitForSelector("#evidence .sentence");
    const text = await page.textContent("#evidence .sentence");
    check(text.includes("<script>") && text.includes("onerror"), "the <script> and <img onerror> of a stored article show as text");
    await page.click("#evidence button.link:has-text('whole text')");
    await page.waitForSelector("#evidence .doctext");
    const docText = await page.textContent("#evidence .doctext");
    check(docText.includes("<script>"), "the whole-text view shows the markup as text too");
    const jsLinks = await page.$$eval("a", (as) => as.filter((a) => !/^https?:/.test(a.href)).map((a) => a.getAttribute("href")));
    check(jsLinks.length === 0, "no link but http(s) ones (the article's javascript: URL is not linked)" + (jsLinks.length ? ": " + jsLinks.join(", ") : ""));
    await page.waitForTimeout(500);
    const pwned = await page.evaluate(() => [window.__heraldPwned, document.title, document.querySelectorAll("#evidence script, #evidence img").length]);
    check(pwned[0] === undefined && pwned[1] === "herald" && pwned[2] === 0, `no script ran (window.__heraldPwned=${pwned[0]}, title=${JSON.stringify(pwned[1])}, script/img elements=${pwned[2]})`);
  }
  check(foreign.length === 0, "no request left the server" + (foreign.length ? ": " + foreign.join(", ") : ""));
  check(errors.length === 0, "no page errors" + (errors.length ? ": " + errors.join("; ") : ""));
  console.log(`${checks.length} passed, 0 failed`);
} catch (e) {
  console.log(e.message);
  console.log(`${checks.length - 1} passed, 1 failed`);
  exit = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exit);
