/* Search page: Pagefind's index (built at build time into ../pagefind/) queried in the
   browser. Results are built with DOM methods; only text and <mark> are taken from the
   excerpts. Messages come from data-* attributes written by the transform (i18n). */
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const siteRoot = new URL("../", import.meta.url);
let pagefind = null;

function message(name, ...args) {
  let text = status.dataset[name] || "";
  args.forEach((arg, i) => { text = text.replace(`{${i + 1}}`, arg); });
  return text;
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
    await pagefind.options({ baseUrl: siteRoot.pathname });
    await pagefind.init();
  }
  return pagefind;
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) { status.textContent = ""; return; }
  status.textContent = message("searching");
  let engine;
  try {
    engine = await load();
  } catch (error) {
    status.textContent = message("unavailable");
    return;
  }
  const search = await engine.search(query);
  const results = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
  results.forEach((data) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    const url = new URL(data.url, siteRoot);
    link.href = url.origin === location.origin ? url.href : "#";
    link.textContent = (data.meta && data.meta.title) || data.url;
    const text = document.createElement("p");
    text.appendChild(excerpt(data.excerpt || ""));
    item.append(link, text);
    list.appendChild(item);
  });
  status.textContent = results.length
    ? message("count", String(search.results.length), query)
    : message("none", query);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  history.replaceState(null, "", url);
  run(query);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
