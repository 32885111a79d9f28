// newsgraph web UI: a hash-routed single page over the JSON API.
// Every piece of article data reaches the page through textContent / createTextNode, never innerHTML.
"use strict";

const view = document.getElementById("view");
const panel = document.getElementById("panel");
const SVG_NS = "http://www.w3.org/2000/svg";

// -- small helpers ------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "onclick") node.addEventListener("click", value);
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  return node;
}

const enc = encodeURIComponent;
const articleLink = (id, label, at) => el("a", { href: `#/article/${enc(id)}${at !== undefined ? `?at=${enc(at)}` : ""}` }, label || id);
const entityLink = (id, label) => (id === null || id === undefined) ? el("span", {}, label) : el("a", { href: `#/entity/${enc(id)}` }, label);

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = `${response.status}`;
    try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return response.json();
}

function show(...nodes) {
  view.replaceChildren(...nodes);
  window.scrollTo(0, 0);
}

function showPanel(title, ...nodes) {
  panel.replaceChildren(el("h3", {}, title), ...nodes);
}

function field(label, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
  return el("div", { class: "field" }, el("span", { class: "label" }, label), el("span", { class: "value" }, value));
}

function pager(page, go) {
  return el("div", { class: "pager" },
    page.offset > 0 ? el("button", { onclick: () => go(Math.max(0, page.offset - page.limit)) }, "← previous") : null,
    page.has_more ? el("button", { onclick: () => go(page.offset + page.limit) }, "next →") : null);
}

// Render an FTS snippet whose matches are wrapped in [ and ] as text with <mark> elements.
function snippet(text) {
  const out = el("span", { class: "snippet" });
  String(text || "").split(/(\[[^\]]*\])/).forEach((part) => {
    if (part.startsWith("[") && part.endsWith("]")) out.append(el("mark", {}, part.slice(1, -1)));
    else out.append(document.createTextNode(part));
  });
  return out;
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query || "") };
}

// -- views --------------------------------------------------------------------

async function homeView(params) {
  const offset = Number(params.get("offset") || 0);
  const page = await api(`/api/articles?limit=30&offset=${offset}`);
  const list = el("ul", { class: "cards" }, page.items.map((a) =>
    el("li", { class: "card" },
      articleLink(a.id, a.title || "(untitled)"),
      el("div", { class: "meta" }, [a.published, a.outlet, `${a.chars} chars`].filter(Boolean).join(" · ")))));
  show(el("h1", {}, "Articles"), list, pager(page, (o) => { location.hash = `#/?offset=${o}`; }));
}

const KINDS = [
  ["entity", "Entities"], ["quote", "Quotes"], ["timex", "Times"], ["event", "Events"], ["source", "Sources"],
];

async function articleView(id, params) {
  const [analysis, links] = await Promise.all([
    api(`/api/articles/${enc(id)}`), api(`/api/articles/${enc(id)}/entities`)]);
  const a = analysis.article;
  const corpusId = links.entities;
  const byLocal = Object.fromEntries(analysis.entities.map((e) => [e.id, e]));
  const anns = [];
  analysis.entities.forEach((e) => e.mentions.forEach((m) => anns.push({ kind: "entity", start: m.start, end: m.end, rec: e, mention: m })));
  analysis.quotes.forEach((q) => anns.push({ kind: "quote", start: q.start, end: q.end, rec: q }));
  analysis.timex.forEach((t) => anns.push({ kind: "timex", start: t.start, end: t.end, rec: t }));
  analysis.events.forEach((v) => anns.push({ kind: "event", start: v.trigger.start, end: v.trigger.end, rec: v }));
  analysis.sources.forEach((s) => anns.push({ kind: "source", start: s.start, end: s.end, rec: s }));

  const text = el("div", { class: "article-text", id: "article-text" });
  const cuts = new Set([0, a.text.length]);
  anns.forEach((x) => { cuts.add(Math.max(0, Math.min(x.start, a.text.length))); cuts.add(Math.max(0, Math.min(x.end, a.text.length))); });
  const bounds = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [s, e] = [bounds[i], bounds[i + 1]];
    const covering = anns.filter((x) => x.start <= s && x.end >= e && x.end > x.start);
    const chunk = a.text.slice(s, e);
    if (!covering.length) { text.append(document.createTextNode(chunk)); continue; }
    const kinds = [...new Set(covering.map((x) => x.kind))];
    const seg = el("span", { class: ["seg", ...kinds.map((k) => `k-${k}`)].join(" "), "data-start": s }, chunk);
    seg.addEventListener("click", (ev) => {
      ev.stopPropagation();
      const smallest = covering.slice().sort((x, y) => (x.end - x.start) - (y.end - y.start))[0];
      describe(smallest, byLocal, corpusId);
    });
    text.append(seg);
  }
  const legend = el("div", { class: "legend" }, KINDS.map(([k, label]) => {
    const box = el("input", { type: "checkbox", checked: "checked", "data-kind": k });
    box.addEventListener("change", () => text.classList.toggle(`hide-${k}`, !box.checked));
    return el("label", { class: `chip k-${k}` }, box, label);
  }));
  const quotes = el("ol", { class: "quote-list" }, analysis.quotes.map((q) =>
    el("li", {}, el("button", { class: "quote-item", onclick: () => describe({ kind: "quote", rec: q }, byLocal, corpusId) },
      el("span", { class: "speaker" }, q.speaker.name || q.speaker.text || "unknown"), ": ", q.text))));
  const people = el("ul", { class: "inline-list" }, analysis.entities.map((e) =>
    el("li", {}, entityLink(corpusId[e.id], e.name), el("small", {}, ` ${e.type}`))));
  show(
    el("h1", {}, a.title || "(untitled)"),
    el("div", { class: "meta" }, [a.published, a.outlet, a.source].filter(Boolean).join(" · ")),
    legend, text,
    el("h2", {}, "Quotes"), quotes.children.length ? quotes : el("p", { class: "muted" }, "No quotes found."),
    el("h2", {}, "Entities"), people,
    el("details", {}, el("summary", {}, "Analysis JSON"), el("pre", { class: "json" }, JSON.stringify(analysis, null, 2))));
  const at = params.get("at");
  if (at !== null) {
    const target = [...text.querySelectorAll(".seg")].find((n) => Number(n.dataset.start) >= Number(at));
    if (target) { target.classList.add("flash"); target.scrollIntoView({ block: "center" }); }
  }
}

function names(ids, byLocal, corpusId) {
  return (ids || []).map((x, i) => [i ? ", " : "", entityLink(corpusId[x], (byLocal[x] || {}).name || x)]);
}

function describe(ann, byLocal, corpusId) {
  const r = ann.rec;
  if (ann.kind === "entity") {
    showPanel(r.name, field("type", r.type), field("role", r.role), field("Wikidata", r.kb_id),
      field("stands for", r.stands_for), field("mention", ann.mention && ann.mention.text),
      field("variants", r.variants.join(", ")), field("mentions", r.mentions.length),
      field("confidence", r.confidence),
      corpusId[r.id] !== undefined ? el("p", {}, entityLink(corpusId[r.id], "Open entity page →")) : null);
  } else if (ann.kind === "quote") {
    const sp = r.speaker;
    showPanel(`${r.kind} quote`,
      el("div", { class: "field speaker-field" }, el("span", { class: "label" }, "speaker"),
        el("span", { class: "value speaker", id: "panel-speaker" }, sp.entity ? entityLink(corpusId[sp.entity], sp.name || sp.text) : (sp.name || sp.text || "unknown"))),
      el("blockquote", {}, r.text), field("cue", r.cue && r.cue.text), field("said on", r.date),
      field("sentence", r.sentence && r.sentence.text), field("confidence", r.confidence));
  } else if (ann.kind === "timex") {
    showPanel(`Time: ${r.text}`, field("type", r.type), field("value", r.value), field("mod", r.mod),
      field("sentence", r.sentence && r.sentence.text));
  } else if (ann.kind === "event") {
    showPanel(`Event: ${r.type}`, field("trigger", r.trigger.text), field("mode", r.mode),
      field("actors", names(r.actors, byLocal, corpusId)), field("targets", names(r.targets, byLocal, corpusId)),
      field("place", r.place ? names([r.place], byLocal, corpusId) : null), field("date", r.date),
      field("modality", r.modality), field("negated", r.negated ? "yes" : null),
      field("sentence", r.sentence && r.sentence.text), field("confidence", r.confidence));
  } else if (ann.kind === "source") {
    showPanel(`Source: ${r.source.name}`, field("attribution", r.text), field("claim", r.claim.text),
      field("via", r.via.map((v) => v.name).join(", ")), field("confidence", r.confidence));
  }
}

function datedList(items, render) {
  if (!items.length) return el("p", { class: "muted" }, "None.");
  return el("ol", { class: "dated" }, items.map((x) => el("li", {}, el("span", { class: "date" }, x.date || x.published || "undated"), render(x))));
}

async function entityView(id, params) {
  const offset = Number(params.get("offset") || 0);
  const p = await api(`/api/entities/${enc(id)}?limit=50&offset=${offset}`);
  const quoteItem = (q) => el("span", {}, el("q", {}, q.text), " ", articleLink(q.article_id, "↗", q.start));
  const eventItem = (v) => el("span", {}, el("b", {}, `${v.type}`), ` (${v.as_role || ""}) `, v.sentence, " ", articleLink(v.article_id, "↗", v.start));
  const posItem = (x) => el("span", {}, el("b", {}, `${x.issue}: ${x.stance}`), " — ", el("q", {}, x.evidence), " ", articleLink(x.article_id, "↗", x.start));
  const mentionItem = (m) => el("span", {}, el("b", {}, m.text), " — ", m.sentence, " ", articleLink(m.article_id, "↗", m.start));
  show(
    el("h1", {}, p.name, el("small", { class: "type" }, ` ${p.type}`)),
    el("div", { class: "meta" }, [`${p.articles} article(s)`, p.kb_id ? `Wikidata ${p.kb_id}` : null].filter(Boolean).join(" · ")),
    field("names", p.variants.map((v) => v.text).join(", ")),
    field("roles", p.roles.map((r) => r.role).join(", ")),
    el("div", { class: "actions" },
      el("a", { href: `#/search?entity=${enc(p.id)}` }, "Articles naming them"), " · ",
      el("a", { href: `#/timeline?entity=${enc(p.id)}` }, "Timeline"), " · ",
      el("a", { href: `#/network?entity=${enc(p.id)}` }, "Network")),
    el("h2", {}, "Quotes"), datedList(p.quotes, quoteItem),
    el("h2", {}, "Events"), datedList(p.events, eventItem),
    el("h2", {}, "Positions"), datedList(p.positions, posItem),
    el("h2", {}, "Appears with"),
    el("ul", { class: "inline-list" }, p.co_occurring.map((c) => el("li", {}, entityLink(c.id, c.name), el("small", {}, ` ${c.articles}`)))),
    el("h2", {}, "Mentions"), datedList(p.mentions, mentionItem),
    pager({ offset, limit: 50, has_more: [p.mentions, p.quotes, p.events].some((l) => l.length === 50) },
      (o) => { location.hash = `#/entity/${enc(id)}?offset=${o}`; }));
}

async function storiesView(params) {
  const offset = Number(params.get("offset") || 0);
  const page = await api(`/api/stories?limit=30&offset=${offset}`);
  show(el("h1", {}, "Stories"), el("p", { class: "muted" }, `${page.total} stories: articles about the same happening, grouped.`),
    el("ul", { class: "cards" }, page.items.map((s) => el("li", { class: "card" },
      el("a", { href: `#/story/${enc(s.id)}` }, s.title),
      el("div", { class: "meta" }, `${s.articles.length} article(s) · ${s.first || "undated"}${s.last && s.last !== s.first ? ` – ${s.last}` : ""}`)))),
    pager(page, (o) => { location.hash = `#/stories?offset=${o}`; }));
}

function timelineItem(x) {
  const who = x.kind === "quote" ? entityLink(x.speaker_entity_id, x.speaker_name || "unknown")
    : (x.actors || []).map((a, i) => [i ? ", " : "", entityLink(a.id, a.name)]);
  return el("span", {}, el("span", { class: `tag t-${x.kind}` }, x.kind === "quote" ? "said" : x.type), " ",
    el("b", {}, who), " ", x.kind === "quote" ? el("q", {}, x.text) : x.sentence, " ", articleLink(x.article_id, "↗", x.start));
}

async function storyView(id) {
  const [s, tl] = await Promise.all([api(`/api/stories/${enc(id)}`), api(`/api/timeline?story=${enc(id)}&limit=200`)]);
  const disagreements = s.disagreements.map((d) => el("li", { class: "disagree" },
    el("b", {}, d.kind === "figures" ? `Figures for “${d.about}”` : `Stances on ${d.about}`),
    el("ul", {}, d.claims.map((c) => el("li", {},
      d.kind === "figures" ? el("q", {}, c.text) : [el("b", {}, c.holder_name), `: ${c.stance} — `, el("q", {}, c.evidence)],
      " ", articleLink(c.article_id, c.outlet || c.published || "article", c.start))))));
  show(el("h1", {}, s.title),
    el("div", { class: "meta" }, `${s.articles.length} article(s) · ${s.outlets.join(", ")}`),
    el("ul", { class: "cards" }, s.articles.map((a) => el("li", { class: "card" }, articleLink(a.id, a.title || "(untitled)"),
      el("div", { class: "meta" }, [a.published, a.outlet].filter(Boolean).join(" · "))))),
    el("h2", {}, "Shared actors"), el("ul", { class: "inline-list" }, s.entities.map((e) => el("li", {}, entityLink(e.id, e.name)))),
    el("h2", {}, "Where sources disagree"), disagreements.length ? el("ul", {}, disagreements) : el("p", { class: "muted" }, "No disagreement found."),
    el("h2", {}, "Timeline"), datedList(tl.items, timelineItem));
}

async function timelineView(params) {
  const q = new URLSearchParams();
  ["entity", "q", "story"].forEach((k) => { if (params.get(k)) q.set(k, params.get(k)); });
  const tl = await api(`/api/timeline?${q}&limit=200`);
  show(el("h1", {}, "Timeline"), datedList(tl.items, timelineItem));
}

async function matrixView() {
  const m = await api("/api/matrix");
  const cells = new Map(m.cells.map((c) => [`${c.issue}\u0000${c.holder}`, c]));
  const table = el("table", { class: "matrix" },
    el("thead", {}, el("tr", {}, el("th", {}, "Issue"), m.holders.map((h) => el("th", { scope: "col" }, entityLink(h.entity_id, h.name))))),
    el("tbody", {}, m.issues.map((issue) => el("tr", {}, el("th", { scope: "row" }, issue), m.holders.map((h) => {
      const c = cells.get(`${issue}\u0000${h.key}`);
      if (!c) return el("td", { class: "empty" });
      return el("td", { class: c.changed ? "cell changed" : "cell" },
        el("button", { onclick: () => showPanel(`${h.name} on ${issue}`,
          el("ol", { class: "dated" }, c.history.map((x) => el("li", {}, el("span", { class: "date" }, x.published || "undated"),
            el("b", {}, x.stance), " — ", el("q", {}, x.evidence), " ", articleLink(x.article_id, "↗", x.start))))) },
          c.latest.stance, c.count > 1 ? el("small", {}, ` ×${c.count}`) : null));
    })))));
  show(el("h1", {}, "Position matrix"), el("p", { class: "muted" }, "Latest stance of each holder on each issue; click a cell for its history and evidence."),
    m.issues.length ? el("div", { class: "scroll" }, table) : el("p", { class: "muted" }, "No positions stored."));
}

const EDGE_COLORS = { CONSULT: "#2f7d32", ACCUSE: "#c62828", THREATEN: "#ad1457", ASSAULT: "#6a1b9a", SPEAKS_ABOUT: "#607d8b", AGREE: "#1565c0", REJECT: "#ef6c00" };

async function networkView(params) {
  const q = params.get("entity") ? `?entity=${enc(params.get("entity"))}` : "";
  const net = await api(`/api/network${q}`);
  const size = 720, r = 280, c = size / 2;
  const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "network", role: "img", "aria-label": "Actor network" });
  const defs = svg("defs");
  Object.entries(EDGE_COLORS).forEach(([type, color]) => {
    const marker = svg("marker", { id: `arrow-${type}`, viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color }));
    defs.append(marker);
  });
  chart.append(defs);
  const pos = new Map(net.nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, net.nodes.length) - Math.PI / 2;
    return [n.id, { x: c + r * Math.cos(angle), y: c + r * Math.sin(angle), angle }];
  }));
  net.edges.forEach((e) => {
    const a = pos.get(e.source), b = pos.get(e.target);
    const color = EDGE_COLORS[e.type] || "#9e9e9e";
    const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: color, "stroke-width": Math.min(6, 1 + e.count), "stroke-opacity": 0.7,
      "marker-end": EDGE_COLORS[e.type] ? `url(#arrow-${e.type})` : "" });
    const title = svg("title");
    const name = (id) => (net.nodes.find((n) => n.id === id) || {}).name;
    title.textContent = `${name(e.source)} → ${name(e.target)}: ${e.type} ×${e.count}`;
    line.append(title);
    chart.append(line);
  });
  net.nodes.forEach((n) => {
    const p = pos.get(n.id);
    const link = svg("a", { href: `#/entity/${enc(n.id)}` });
    link.append(svg("circle", { cx: p.x, cy: p.y, r: 7, class: `node n-${n.type}` }));
    const label = svg("text", { x: p.x + (Math.cos(p.angle) >= 0 ? 11 : -11), y: p.y + 4, "text-anchor": Math.cos(p.angle) >= 0 ? "start" : "end" });
    label.textContent = n.name;
    link.append(label);
    chart.append(link);
  });
  const legend = el("div", { class: "legend" }, Object.entries(EDGE_COLORS).map(([t, color]) =>
    el("span", { class: "chip", style: null }, el("span", { class: "swatch", "data-color": t }), t.replace("_", " ").toLowerCase())));
  legend.querySelectorAll(".swatch").forEach((s) => { s.style.background = EDGE_COLORS[s.dataset.color]; });
  show(el("h1", {}, "Actor network"), el("p", { class: "muted" }, "Who meets, accuses, threatens or speaks about whom. Click a name for its page."),
    legend, net.edges.length ? chart : el("p", { class: "muted" }, "No relations stored."));
}

async function searchView(params) {
  const form = el("form", { class: "search-form", id: "search-form" },
    el("input", { name: "q", type: "search", placeholder: "words", value: params.get("q") || "", maxlength: 500, "aria-label": "words" }),
    el("select", { name: "kind", "aria-label": "search in" },
      el("option", { value: "articles", selected: params.get("kind") !== "quotes" ? "selected" : null }, "articles"),
      el("option", { value: "quotes", selected: params.get("kind") === "quotes" ? "selected" : null }, "quotes")),
    el("input", { name: "date_from", type: "date", value: params.get("date_from") || "", "aria-label": "from" }),
    el("input", { name: "date_to", type: "date", value: params.get("date_to") || "", "aria-label": "to" }),
    el("input", { name: "outlet", placeholder: "outlet", value: params.get("outlet") || "", maxlength: 200 }),
    el("input", { name: "event_type", placeholder: "event type (e.g. ACCUSE)", value: params.get("event_type") || "", maxlength: 20 }),
    el("input", { name: "entity", type: "hidden", value: params.get("entity") || "" }),
    el("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (v) q.set(k, v); });
    location.hash = `#/search?${q}`;
  });
  const results = el("div", { id: "results" });
  show(el("h1", {}, "Search"), form, results);
  const q = new URLSearchParams();
  ["q", "kind", "date_from", "date_to", "outlet", "event_type", "entity", "offset"].forEach((k) => { if (params.get(k)) q.set(k, params.get(k)); });
  if (![...q.keys()].some((k) => k !== "kind" && k !== "offset")) return;
  const page = await api(`/api/search?${q}&limit=20`);
  const items = page.items.map((r) => params.get("kind") === "quotes"
    ? el("li", { class: "card result" }, el("b", {}, entityLink(r.speaker_entity_id, r.speaker_name || "unknown")), ": ", el("q", {}, r.text),
      el("div", { class: "meta" }, [r.published, r.title].filter(Boolean).join(" · "), " ", articleLink(r.article_id, "↗", r.start)))
    : el("li", { class: "card result" }, articleLink(r.id, r.title || "(untitled)"),
      el("div", { class: "meta" }, [r.published, r.outlet].filter(Boolean).join(" · ")), snippet(r.snippet)));
  results.replaceChildren(items.length ? el("ul", { class: "cards" }, items) : el("p", { class: "muted" }, "No matches."),
    pager(page, (o) => { q.set("offset", o); location.hash = `#/search?${q}`; }));
}

// -- router -------------------------------------------------------------------

async function route() {
  const { parts, params } = parseHash();
  const [name, arg] = parts;
  try {
    if (!name) await homeView(params);
    else if (name === "article" && arg) await articleView(arg, params);
    else if (name === "entity" && arg) await entityView(arg, params);
    else if (name === "stories") await storiesView(params);
    else if (name === "story" && arg) await storyView(arg);
    else if (name === "timeline") await timelineView(params);
    else if (name === "matrix") await matrixView();
    else if (name === "network") await networkView(params);
    else if (name === "search") await searchView(params);
    else show(el("h1", {}, "Not found"), el("p", {}, "No such page."));
  } catch (err) {
    show(el("h1", {}, "Something went wrong"), el("p", { class: "error" }, err.message));
  }
  document.body.dataset.ready = location.hash || "#/";
}

document.getElementById("quick-search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  location.hash = `#/search?q=${enc(document.getElementById("quick-q").value)}`;
});
window.addEventListener("hashchange", route);
route();
