/* Search page: Pagefind's index (built at build time into ../pagefind/) queried in the
   browser. One record per citable unit: a hit in a text leads to its paragraph or note
   (the record's `url` metadata, e.g. "text.html#p2"). Results carry their type (the
   `type` filter); checkboxes narrow them to some types; results come PAGE at a time with
   a button for the next ones, so every result is reachable. Results are built with DOM
   methods; only text and <mark> are taken from the excerpts. Messages and labels come from
   data-* attributes written by the transform (i18n). */
const PAGE = 20;
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const filters = document.getElementById("search-filters");
const filterList = document.getElementById("search-filter-list");
const more = document.getElementById("search-more");
const labels = document.getElementById("search-labels").dataset;
const siteRoot = new URL("../", import.meta.url);
let pagefind = null;
let current = null; // { query, results, shown }
let runId = 0;

function fill(text, ...args) {
  let result = text || "";
  args.forEach((arg, i) => { result = result.replaceAll(`{${i + 1}}`, arg); });
  return result;
}

function message(name, ...args) {
  return fill(status.dataset[name], ...args);
}

/* "paragraph" -> data-type-paragraph on #search-labels */
function label(prefix, kind) {
  const key = prefix + kind.replace(/(^|-)([a-z])/g, (m, dash, c) => c.toUpperCase());
  return labels[key];
}

function typeLabel(kind) {
  return label("type", kind) || kind;
}

function excerpt(html) {
  const fragment = document.createDocumentFragment();
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  parsed.body.firstChild.childNodes.forEach((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      fragment.appendChild(mark);
    } else {
      fragment.appendChild(document.createTextNode(node.textContent));
    }
  });
  return fragment;
}

async function load() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
    await pagefind.init();
  }
  return pagefind;
}

function selectedTypes() {
  return [...filterList.querySelectorAll("input:checked")].map((box) => box.value);
}

function kindOf(data) {
  return ((data.filters && data.filters.type) || [])[0] || "page";
}

function resultTitle(meta, kind) {
  const title = meta.title || meta.url || "";
  const unit = meta.n ? label("unit", kind) : null;
  return unit ? `${title}, ${fill(unit, meta.n)}` : title;
}

function resultHref(data) {
  const url = new URL((data.meta && data.meta.url) || data.url, siteRoot);
  return url.origin === location.origin && /^https?:$/.test(url.protocol) ? url.href : "#";
}

function renderItem(data) {
  const meta = data.meta || {};
  const kind = kindOf(data);
  const item = document.createElement("li");
  item.className = `search-result search-result-${kind.replace(/[^a-z-]/g, "")}`;
  const type = document.createElement("span");
  type.className = "search-type";
  type.textContent = typeLabel(kind);
  const link = document.createElement("a");
  link.href = resultHref(data);
  link.textContent = resultTitle(meta, kind);
  const heading = document.createElement("p");
  heading.className = "search-result-head";
  const separator = document.createElement("span");
  separator.className = "visually-hidden";
  separator.textContent = ": ";
  heading.append(type, separator, link);
  const text = document.createElement("p");
  text.className = "search-excerpt";
  text.appendChild(excerpt(data.excerpt || ""));
  item.append(heading, text);
  return item;
}

async function showMore(id) {
  const { results, shown } = current;
  const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
  if (id !== runId) return;
  const first = list.children.length;
  batch.forEach((data) => list.appendChild(renderItem(data)));
  current.shown = shown + batch.length;
  more.hidden = current.shown >= results.length;
  more.textContent = fill(more.dataset.label, String(Math.min(PAGE, results.length - current.shown)));
  return list.children[first];
}

function renderFilters(counts, chosen) {
  const kinds = Object.keys(counts).filter((kind) => counts[kind] > 0 || chosen.includes(kind));
  const order = (labels.order || "").split(" ");
  kinds.sort((a, b) => {
    const ia = order.indexOf(a) < 0 ? order.length : order.indexOf(a);
    const ib = order.indexOf(b) < 0 ? order.length : order.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
  filterList.replaceChildren(...kinds.map((kind) => {
    const item = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = kind;
    box.id = `search-type-${kind.replace(/[^a-z-]/g, "")}`;
    box.checked = chosen.includes(kind);
    const text = document.createElement("label");
    text.htmlFor = box.id;
    text.textContent = `${typeLabel(kind)} (${counts[kind] || 0})`;
    item.append(box, text);
    return item;
  }));
  filters.hidden = kinds.length < 2 && chosen.length === 0;
}

/* The reading text first, then the editorial notes, then the register entries, then the
   other pages, each group in Pagefind's order: one filtered search per group (data-tiers,
   e.g. "paragraph figure text|note|*|page", where "*" is every type not named). */
async function ranked(engine, query, chosen) {
  const tiers = (labels.tiers || "*").split("|").map((tier) => tier.split(" ").filter(Boolean));
  const named = tiers.flat().filter((kind) => kind !== "*");
  const searches = [];
  tiers.forEach((tier) => {
    if (tier.includes("*")) {
      const others = chosen.filter((kind) => !named.includes(kind));
      if (!chosen.length) searches.push({ type: { none: named } });
      else if (others.length) searches.push({ type: { any: others } });
    } else {
      const kinds = chosen.length ? tier.filter((kind) => chosen.includes(kind)) : tier;
      if (kinds.length) searches.push({ type: { any: kinds } });
    }
  });
  const found = await Promise.all(searches.map((filters) => engine.search(query, { filters })));
  const counts = (found[0] && found[0].totalFilters && found[0].totalFilters.type) || {};
  return { results: found.flatMap((search) => (search ? search.results : [])), counts };
}

async function run(query, chosen = []) {
  const id = ++runId;
  list.replaceChildren();
  more.hidden = true;
  if (!query.trim()) { status.textContent = ""; filters.hidden = true; return; }
  status.textContent = message("searching");
  let engine;
  try {
    engine = await load();
  } catch (error) {
    status.textContent = message("unavailable");
    return;
  }
  const { results, counts } = await ranked(engine, query, chosen);
  if (id !== runId) return;
  current = { query, results, shown: 0 };
  renderFilters(counts, chosen);
  await showMore(id);
  if (id !== runId) return;
  const total = results.length;
  if (!total) status.textContent = message("none", query);
  else status.textContent = message(total === 1 ? "countOne" : "count", String(total), query);
}

function remember(query, chosen) {
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  url.searchParams.delete("type");
  chosen.forEach((kind) => url.searchParams.append("type", kind));
  history.replaceState(null, "", url);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  remember(query, []);
  run(query);
});

filterList.addEventListener("change", async (event) => {
  const chosen = selectedTypes();
  remember(input.value, chosen);
  await run(input.value, chosen);
  const box = document.getElementById(event.target.id); // the list was redrawn
  if (box) box.focus();
});

more.addEventListener("click", async () => {
  const first = await showMore(runId);
  if (first) first.querySelector("a").focus();
});

const params = new URLSearchParams(location.search);
const initial = params.get("q");
if (initial) {
  input.value = initial;
  run(initial, params.getAll("type"));
}
