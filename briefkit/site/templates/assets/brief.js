// What every page of the brief does for its reader, in a few lines each:
// search on demand, the copy button of "cite this brief", notes on touch,
// notes in the margin of a wide screen, figures in the reader's colour scheme,
// a language switch that keeps the reader's place, and the passage a search
// result leads to, highlighted.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // Search: Pagefind and the search script load when the reader goes to the
  // field (or opens it on a phone); reading pages carry none of it.
  var box = document.querySelector(".brief-search");
  if (box) {
    var input = box.querySelector(".brief-search-input");
    var toggle = box.querySelector(".brief-search-toggle");
    var loaded = null;
    var load = function () {
      loaded = loaded || import(new URL(box.dataset.script, location.href).href).then(function (search) { search.mount(box); });
      return loaded;
    };
    var open = function (state) {
      box.toggleAttribute("data-open", state);
      toggle.setAttribute("aria-expanded", String(state));
      if (state) { input.focus(); } else { toggle.focus(); }
    };
    input.addEventListener("focus", load);
    toggle.addEventListener("click", function () { open(true); });
    box.querySelector(".brief-search-close").addEventListener("click", function () { open(false); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        box.querySelector(".brief-search-results").hidden = true;
        if (box.hasAttribute("data-open")) { open(false); } else { input.focus(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) { box.querySelector(".brief-search-results").hidden = true; }
    });
  }

  // Material's drawer and search toggles are checkboxes: a page restored by
  // "back" starts with them closed (their autocomplete="off" is invalid HTML).
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("input.md-toggle[data-md-toggle]").forEach(function (t) { t.checked = false; });
    }
  });

  // "Cite this brief": copy the formatted reference.
  document.querySelectorAll(".brief-cite-copy").forEach(function (button) {
    var block = button.closest(".brief-cite");
    var status = block.querySelector(".brief-cite-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = block.querySelector(".brief-cite-reference").innerText.trim();
      var done = function () { status.textContent = button.dataset.copied; };
      var fallback = function () {
        var range = document.createRange();
        range.selectNodeContents(block.querySelector(".brief-cite-reference"));
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        document.execCommand("copy");
        done();
      };
      if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, fallback); } else { fallback(); }
    });
  });

  // Notes on touch screens: a tap on a note call shows the note (the theme's
  // tooltip opens on focus) instead of jumping to the end of the page.
  if (matchMedia("(hover: none)").matches) {
    document.addEventListener("click", function (event) {
      var call = event.target.closest && event.target.closest("a.footnote-ref");
      if (call) { event.preventDefault(); call.focus(); }
    }, true);
  }

  // Notes in the margin (wide screens): the stylesheet takes the notes out of
  // the flow when the page is wide enough; this sets each one level with its
  // call, stacked without overlap and clear of the figures that take the
  // margin, then shows them. Screen readers hear each note with its call
  // (aria-describedby, put back whenever the theme's tooltip takes it off).
  var article = document.querySelector("article.md-content__inner");
  var notes = article ? [].slice.call(article.querySelectorAll(".footnote > ol > li[id]")) : [];
  var GAP = 8;
  var callOf = function (note) {
    var call = document.getElementById(note.id.replace(/^fn:/, "fnref:").replace(/^ed:/, "edref:"));
    return call && call.querySelector("a");
  };
  var place = function () {
    var wide = notes.length && getComputedStyle(notes[0]).position === "absolute";
    article.classList.toggle("brief-sidenotes", Boolean(wide));
    article.style.minHeight = "";
    if (!wide) { return; }
    var origin = article.getBoundingClientRect().top;
    var figures = [].map.call(article.querySelectorAll("figure.brief-figure"), function (figure) {
      var box = figure.getBoundingClientRect();
      return [box.top - origin, box.bottom - origin];
    });
    var floor = 0;
    notes.map(function (note) {
      var call = callOf(note);
      return { note: note, at: call ? call.getBoundingClientRect().top - origin : floor };
    }).sort(function (a, b) { return a.at - b.at; }).forEach(function (item) {
      var top = Math.max(item.at, floor);
      var height = item.note.offsetHeight;
      figures.forEach(function (figure) {
        if (top < figure[1] + GAP && top + height > figure[0] - GAP) { top = figure[1] + GAP; }
      });
      item.note.style.top = top + "px";
      floor = top + height + GAP;
    });
    // The last notes may run past the text: the page grows to hold them.
    if (floor > article.offsetHeight) { article.style.minHeight = floor + "px"; }
  };
  if (notes.length) {
    notes.forEach(function (note) {
      var link = callOf(note);
      if (!link) { return; }
      var describe = function () {
        if (link.getAttribute("aria-describedby") !== note.id) { link.setAttribute("aria-describedby", note.id); }
      };
      describe();
      new MutationObserver(describe).observe(link, { attributes: true, attributeFilter: ["aria-describedby"] });
      var mark = function (on) { note.classList.toggle("brief-current", on); };
      link.addEventListener("mouseenter", function () { mark(true); });
      link.addEventListener("mouseleave", function () { mark(false); });
      link.addEventListener("focus", function () { mark(true); });
      link.addEventListener("blur", function () { mark(false); });
    });
    place();
    var pending = false;
    var again = function () {
      if (!pending) { pending = true; requestAnimationFrame(function () { pending = false; place(); }); }
    };
    addEventListener("resize", again);
    addEventListener("load", again);
    if (document.fonts) { document.fonts.ready.then(again); }
  }

  // Figures with a dark variant follow the scheme the reader chose with the
  // header's toggle (Material sets it on <body>); the page's own markup
  // follows the system's setting, for a reader without scripts.
  var darkSources = document.querySelectorAll("picture > source[media]");
  var followScheme = function () {
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    darkSources.forEach(function (source) { source.media = dark ? "screen" : "not all"; });
  };
  if (darkSources.length) {
    followScheme();
    new MutationObserver(followScheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  // Language switch: the editions number their passages alike (p-N, notes
  // fn:N, sources ref-…), so the other edition opens at the passage on top.
  var PLACES = "article [id^='p-'], article li[id^='fn:'], article li[id^='ref-'], article figure[id]";
  document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      var header = document.querySelector(".md-header");
      var top = header ? header.getBoundingClientRect().bottom : 0;
      var title = document.querySelector("article h1");
      if (title && title.getBoundingClientRect().bottom > top) { return; } // still at the top
      var places = document.querySelectorAll(PLACES);
      for (var i = 0; i < places.length; i += 1) {
        if (places[i].getBoundingClientRect().bottom > top + 8) {
          link.hash = places[i].id;
          return;
        }
      }
    });
  });

  // The passage a search result leads to: its matched words marked.
  var words = new URLSearchParams(location.search).getAll("hl").map(fold);
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (words.length && target) {
    target.classList.add("brief-found");
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var parts = [];
      var last = 0;
      text.replace(/[\p{L}\p{N}]+/gu, function (word, at) {
        if (words.indexOf(fold(word)) >= 0) {
          parts.push(document.createTextNode(text.slice(last, at)));
          var mark = document.createElement("mark");
          mark.textContent = word;
          parts.push(mark);
          last = at + word.length;
        }
        return word;
      });
      if (parts.length) {
        parts.push(document.createTextNode(text.slice(last)));
        node.replaceWith.apply(node, parts);
      }
    });
  }
})();
