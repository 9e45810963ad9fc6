// trustportal: the only script of the portal, served from the portal itself.
// Anchors (clause, measure and subprocessor ids) are the same in every
// language, so the language switch keeps the reader at the same place.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-keep-hash]");
  if (!link || !window.location.hash) return;
  var url = new URL(link.href, window.location.href);
  url.hash = window.location.hash;
  link.href = url.toString();
});

// Everything below improves a page that works without it: the full hash is
// selectable, the table of contents is a list, the subprocessor list and
// the search page say what they show without JavaScript.

// Copy buttons beside a full hash.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var label = button.textContent;
    navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});

// The table of contents: open beside the text on wide screens, the clause
// being read marked with aria-current.
(function () {
  var toc = document.querySelector("#toc");
  if (!toc) return;
  var wide = window.matchMedia("(min-width: 64rem)");
  var box = toc.querySelector("details");
  function follow() { if (box && wide.matches) box.open = true; }
  follow();
  wide.addEventListener("change", follow);
  var links = [], targets = [];
  toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
    var target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (target && a.hash !== "#main") { links.push(a); targets.push(target); }
  });
  var current = null, pending = false;
  function mark() {
    pending = false;
    var line = window.innerHeight * 0.3, found = null;
    for (var i = 0; i < targets.length; i++) {
      if (targets[i].getBoundingClientRect().top <= line) found = links[i];
    }
    if (found === current) return;
    if (current) { current.removeAttribute("aria-current"); }
    if (found) { found.setAttribute("aria-current", "location"); }
    current = found;
  }
  window.addEventListener("scroll", function () {
    if (!pending) { pending = true; window.requestAnimationFrame(mark); }
  }, { passive: true });
  mark();
})();

// words splits a query into lower-case words.
function words(text) {
  return text.toLowerCase().split(/\s+/).filter(function (w) { return w !== ""; });
}

// matches says whether every word occurs in text.
function matches(text, query) {
  text = text.toLowerCase();
  return query.every(function (w) { return text.indexOf(w) >= 0; });
}

// The subprocessor filter: the rows whose name, country, locations,
// purpose or safeguard hold every word typed.
document.querySelectorAll(".filter[data-filter-table]").forEach(function (filter) {
  var table = document.getElementById(filter.getAttribute("data-filter-table"));
  var field = filter.querySelector(".filter__field");
  var input = filter.querySelector("input");
  var count = filter.querySelector(".filter__count");
  if (!table || !field || !input) return;
  filter.querySelector(".filter__noscript").hidden = true;
  field.hidden = false;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var texts = rows.map(function (row) {
    return Array.prototype.map.call(row.querySelectorAll("[data-filter]"), function (c) { return c.textContent; }).join(" ");
  });
  function apply() {
    var query = words(input.value), shown = 0;
    rows.forEach(function (row, i) {
      row.hidden = !matches(texts[i], query);
      if (!row.hidden) shown++;
    });
    count.textContent = query.length ? count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", rows.length) : "";
  }
  input.addEventListener("input", apply);
  apply();
});

// The search page: the index of the portal's documents in the page's
// language, fetched from the portal itself when the page opens.
(function () {
  var search = document.querySelector(".search[data-index]");
  if (!search) return;
  var form = search.querySelector("form");
  var input = form.querySelector("input");
  var status = search.querySelector(".search__status");
  var list = search.querySelector(".search__results");
  var entries = null;
  search.querySelector(".search__noscript").hidden = true;
  form.hidden = false;
  function show() {
    var query = words(input.value);
    list.textContent = "";
    if (!entries || !query.length) { status.textContent = ""; return; }
    var found = entries.filter(function (e) { return matches(e.title + " " + e.document + " " + e.text, query); });
    // Entries whose title holds every word first, each group in the
    // documents' order.
    found.sort(function (a, b) { return matches(b.title, query) - matches(a.title, query); });
    status.textContent = found.length ? status.getAttribute("data-template").replace("{count}", found.length) : status.getAttribute("data-none");
    found.slice(0, 50).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e.url;
      link.textContent = e.title;
      var where = document.createElement("span");
      where.className = "search__document";
      where.textContent = e.document;
      var text = document.createElement("p");
      text.textContent = e.text.length > 220 ? e.text.slice(0, 220) + "…" : e.text;
      item.append(link, " ", where, text);
      list.append(item);
    });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  input.addEventListener("input", show);
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) input.value = q;
  fetch(search.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (index) {
    entries = index.entries;
    show();
  });
})();
