// dpa-accept.js: fills a trustportal signup snippet from the portal's
// manifest, so that a signup form always offers the DPA version in effect.
// Optional: the snippet works without it. Copy this file to the signup site
// (or load it from the portal); it needs the portal to allow the signup
// origin to fetch /api/dpa.json (Access-Control-Allow-Origin).
//
// <form data-dpa-manifest="https://trust.example.com/api/dpa.json" data-dpa-lang="de">
//   … the snippet from docs/acceptance.md …
// </form>
(function () {
  "use strict";
  function fill(form, manifest) {
    var lang = form.getAttribute("data-dpa-lang") || manifest.binding_language;
    var current = manifest.current;
    if (!current || !current.languages || !current.languages[lang]) return;
    var text = current.languages[lang];
    function set(name, value) {
      var input = form.querySelector('input[name="' + name + '"]');
      if (input) input.value = value;
    }
    set("dpa_version", current.version);
    set("dpa_language", lang);
    set("dpa_sha256", text.sha256);
    form.querySelectorAll("a[data-dpa-link]").forEach(function (a) {
      a.href = text.url;
      var label = a.querySelector("[data-dpa-version]");
      if (label) label.textContent = current.version;
    });
    form.querySelectorAll("iframe[data-dpa-embed]").forEach(function (frame) {
      frame.src = text.embed_url;
    });
  }
  document.querySelectorAll("form[data-dpa-manifest]").forEach(function (form) {
    fetch(form.getAttribute("data-dpa-manifest"), { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (m) { if (m) fill(form, m); })
      .catch(function () { /* keep the values the server rendered */ });
  });
})();
