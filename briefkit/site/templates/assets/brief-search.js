// The header's search, on Pagefind's JavaScript API (pagefind.js of the
// edition's bundle), loaded when the reader first goes to the search field.
//
// Each result is a passage: Pagefind returns every matched word's position
// and every element id of the page (the generator numbers its blocks p-N),
// so a hit belongs to the block that precedes it, and the link goes to that
// block with the matched words (?hl=…), which the page then highlights.
//
// A matched word must share most of the beginning of a query word (3 letters,
// or 60 % of a longer word). Pagefind falls back, for a query word that no
// indexed word starts with, to the longest indexed word that starts it: « la »
// for « lapin », the initial « S. » for « stalin ». Those are not matches, and
// neither is any one-letter word.

const PASSAGE = /^(p|ul|ol|dl|table|blockquote|figure|pre|li|h[1-6])$/i;
const HEADING = /^h[2-6]$/i;
const JOINED = /\u2060 /g; // an elision split for the index: « l’\u2060 ONU »
const WORD = /[\p{L}\p{N}]+/gu;
const PER_PAGE = 3;
// Chinese and Japanese are written without spaces: Pagefind segments them into
// words for its index, but a result's content keeps the text as written, so
// its word positions cannot be read off the content; such a query's results
// show the text around the first occurrence of a query word instead.
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const UNSPACED_CONTEXT = 40; // characters of excerpt on each side
const CONTEXT = 14; // words of excerpt on each side of the first hit

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function common(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/** The query's words, folded; apostrophes and hyphens split words, as in the index. */
export function queryWords(query) {
  return [...new Set((fold(query).match(WORD) || []).filter((w) => w.length > 1))];
}

/** The query word that ``word`` (as written on the page) really matches, if any. */
export function matchedTerm(word, terms) {
  const parts = fold(word.replace(JOINED, "")).match(WORD) || [];
  for (const part of parts.filter((p) => p.length > 1)) {
    for (const term of terms) {
      const need = Math.min(term.length, Math.max(3, Math.ceil(term.length * 0.6)));
      if (common(part, term) >= need) return part;
    }
  }
  return null;
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function clean(text) {
  return (text || "").replace(JOINED, "").replace(/\u2060/g, "");
}

/** Passages of one page result: [{anchor, heading, hits: [location…], words}]. */
export function passages(data, terms) {
  const words = data.content.split(" ");
  const anchors = data.anchors
    .filter((a) => PASSAGE.test(a.element) && !a.id.startsWith("fnref"))
    .sort((a, b) => a.location - b.location);
  const groups = new Map();
  const perTerm = new Map(terms.map((t) => [t, 0]));
  for (const location of [...new Set(data.locations)].sort((a, b) => a - b)) {
    const part = matchedTerm(words[location] || "", terms);
    if (part === null) continue;
    for (const term of terms) {
      if (common(part, term) >= Math.min(term.length, 3)) perTerm.set(term, perTerm.get(term) + 1);
    }
    let anchor = null;
    let heading = null;
    for (const a of anchors) {
      if (a.location > location) break;
      anchor = a;
      if (HEADING.test(a.element)) heading = a;
    }
    const key = anchor ? anchor.id : "";
    if (!groups.has(key)) groups.set(key, { anchor, heading, hits: [], words: new Set() });
    groups.get(key).hits.push(location);
    groups.get(key).words.add(part);
  }
  if ([...perTerm.values()].some((n) => n === 0)) return [];
  return [...groups.values()].sort((a, b) => b.hits.length - a.hits.length).slice(0, PER_PAGE);
}

/** The excerpt of an unspaced-language result: the first query word found, in context. */
export function unspacedExcerpt(content, terms) {
  const text = clean(content);
  const lower = text.toLowerCase();
  for (const term of terms) {
    const at = lower.indexOf(term);
    if (at < 0) continue;
    const from = Math.max(0, at - UNSPACED_CONTEXT);
    const to = Math.min(text.length, at + term.length + UNSPACED_CONTEXT * 2);
    return (from > 0 ? "…" : "") + escape(text.slice(from, at)) +
      `<mark>${escape(text.slice(at, at + term.length))}</mark>` +
      escape(text.slice(at + term.length, to)) + (to < text.length ? "…" : "");
  }
  return null;
}

function excerpt(content, passage, anchors) {
  const words = content.split(" ");
  const start = passage.anchor ? passage.anchor.location : 0;
  const next = anchors.find((a) => a.location > start && PASSAGE.test(a.element));
  const end = next ? next.location : words.length;
  const first = passage.hits[0];
  let from = Math.max(start, first - CONTEXT);
  while (from < first && /^[.,;:)\]»]+$/.test(words[from] || "")) from += 1; // no leading mark
  const to = Math.min(end, first + CONTEXT * 2);
  const hits = new Set(passage.hits);
  const shown = [];
  for (let i = from; i < to; i += 1) {
    const word = escape(words[i] || "");
    shown.push(hits.has(i) ? `<mark>${word}</mark>` : word);
  }
  // A mark left alone where a note call was cut out sticks to its word again.
  const text = clean(shown.join(" ")).replace(/ ([.,)\]])(?= |$)/g, "$1");
  return (from > start ? "… " : "") + text + (to < end ? " …" : "");
}

export function mount(box) {
  const words = JSON.parse(box.dataset.words);
  const input = box.querySelector(".brief-search-input");
  const panel = box.querySelector(".brief-search-results");
  const count = box.querySelector(".brief-search-count");
  const list = box.querySelector(".brief-search-list");
  const pagefind = import(new URL(box.dataset.bundle + "pagefind.js", location.href).href).then(async (api) => {
    await api.options({ baseUrl: new URL(box.dataset.base, location.href).pathname });
    await api.init();
    return api;
  });
  let latest = 0;

  async function run() {
    const query = input.value.trim();
    const id = (latest += 1);
    const terms = queryWords(query);
    if (!terms.length) {
      panel.hidden = true;
      return;
    }
    const api = await pagefind;
    // The query's words as the index has them (« l’ONU » is « l » and « ONU »).
    const search = await api.debouncedSearch(terms.join(" "), {}, 150);
    if (search === null || id !== latest) return;
    const items = [];
    for (const result of search.results.slice(0, 12)) {
      const data = await result.data();
      const title = clean(data.meta.title || data.url);
      if (words.unspaced || UNSPACED.test(query)) {
        const shown = unspacedExcerpt(data.content, terms);
        if (shown === null) continue;
        const url = new URL(data.url, location.href);
        for (const term of terms) url.searchParams.append("hl", term);
        items.push(
          `<li><a class="brief-result" href="${escape(url.pathname + url.search)}">` +
          `<span class="brief-result-title"><bdi>${escape(title)}</bdi></span>` +
          `<span class="brief-result-excerpt" dir="auto">${shown}</span></a></li>`
        );
        continue;
      }
      for (const passage of passages(data, terms)) {
        const url = new URL(data.url, location.href);
        if (passage.anchor) url.hash = passage.anchor.id;
        for (const word of passage.words) url.searchParams.append("hl", word);
        const where = passage.anchor && passage.anchor.id.startsWith("fn:")
          ? words.note.replace("{n}", passage.anchor.id.slice(3))
          : passage.heading ? clean(passage.heading.text) : "";
        items.push(
          `<li><a class="brief-result" href="${escape(url.pathname + url.search + url.hash)}">` +
          `<span class="brief-result-title"><bdi>${escape(title)}</bdi>` +
          (where && where !== title ? ` <span class="brief-result-where">› <bdi>${escape(where)}</bdi></span>` : "") +
          `</span><span class="brief-result-excerpt" dir="auto">${excerpt(data.content, passage, data.anchors)}</span></a></li>`
        );
      }
    }
    if (id !== latest) return;
    list.innerHTML = items.join("");
    const n = items.length;
    // The query isolated (FSI … PDI): typed in any direction, it keeps the sentence's order.
    count.textContent = n === 0 ? words.none.replace("{query}", "\u2068" + query + "\u2069")
      : n === 1 ? words.one : words.many.replace("{n}", String(n));
    panel.hidden = false;
  }

  input.addEventListener("input", run);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !panel.hidden) {
      const first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
  });
  if (input.value.trim()) run();
}
