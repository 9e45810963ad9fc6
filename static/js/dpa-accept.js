// dpa-accept.js: fills a trustportal signup snippet from the portal's
// manifest, so that a signup form always offers the DPA version in effect.
// Optional: the snippet works without it. Copy this file to the signup site
// (or load it from the portal); it needs the portal to allow the signup
// origin to fetch /api/dpa.json (Access-Control-Allow-Origin).
//
// <form data-dpa-manifest="https://trust.example.com/api/dpa.json" data-dpa-lang="de">
//   … the snippet from docs/acceptance.md …
// </form>
//
// The script trusts nothing in the manifest it cannot check: links and the
// embedded view must be http(s) URLs of the portal the manifest came from
// (below data-dpa-manifest without its api/dpa.json: https://www.example.com/trust/
// for a portal published under /trust/ of a company website, or the origin of
// a manifest elsewhere), the hash 64 hexadecimal digits, the version a
// version number. A manifest with anything else fills nothing, and the
// values the server rendered stay.
(function () {
  "use strict";
  var HASH = /^[0-9a-f]{64}$/;
  var VERSION = /^[0-9]+(\.[0-9]+)*$/;
  var LANG = /^[a-z]{2}$/;

  // portalRoot returns the address the portal of the manifest at url is
  // published at: url without api/dpa.json, or its origin's root.
  function portalRoot(url) {
    var name = "/api/dpa.json";
    var path = url.pathname;
    if (path.length >= name.length && path.slice(-name.length) === name) {
      return url.origin + path.slice(0, path.length - name.length + 1);
    }
    return url.origin + "/";
  }

  // portalURL returns value as an absolute URL if it is an http(s) URL
  // below root, or null.
  function portalURL(value, root) {
    if (typeof value !== "string") return null;
    var url;
    try {
      url = new URL(value);
    } catch (e) {
      return null;
    }
    if ((url.protocol !== "https:" && url.protocol !== "http:") || url.href.indexOf(root) !== 0) return null;
    return url.href;
  }

  // checked returns the values to fill in, or null if the manifest fails a
  // check.
  function checked(form, manifest, root) {
    var lang = form.getAttribute("data-dpa-lang") || manifest.binding_language;
    var current = manifest.current;
    if (typeof lang !== "string" || !LANG.test(lang) || !current || typeof current !== "object") return null;
    var text = current.languages && Object.prototype.hasOwnProperty.call(current.languages, lang) ? current.languages[lang] : null;
    if (!text || typeof text !== "object") return null;
    // In a language other than the binding one, the acceptance records the
    // binding language's hashes too; in the binding language they are empty.
    var binding = current.binding_language !== undefined ? current.binding_language : manifest.binding_language;
    var values = {
      version: current.version,
      lang: lang,
      sha256: text.sha256,
      agreement: text.agreement_sha256,
      bindingLang: binding === lang ? "" : binding,
      bindingSha256: binding === lang ? "" : text.binding_sha256,
      bindingAgreement: binding === lang ? "" : text.binding_agreement_sha256,
      url: portalURL(text.url, root),
      embed: portalURL(text.embed_url, root)
    };
    if (typeof values.version !== "string" || !VERSION.test(values.version)) return null;
    if (typeof values.sha256 !== "string" || !HASH.test(values.sha256)) return null;
    if (typeof values.agreement !== "string" || !HASH.test(values.agreement)) return null;
    if (values.bindingLang !== "") {
      if (typeof values.bindingLang !== "string" || !LANG.test(values.bindingLang)) return null;
      if (typeof values.bindingSha256 !== "string" || !HASH.test(values.bindingSha256)) return null;
      if (typeof values.bindingAgreement !== "string" || !HASH.test(values.bindingAgreement)) return null;
    }
    if (!values.url || !values.embed) return null;
    return values;
  }

  function fill(form, v) {
    function set(name, value) {
      var input = form.querySelector('input[name="' + name + '"]');
      if (input) input.value = value;
    }
    set("dpa_version", v.version);
    set("dpa_language", v.lang);
    set("dpa_sha256", v.sha256);
    set("dpa_agreement_sha256", v.agreement);
    set("dpa_binding_language", v.bindingLang);
    set("dpa_binding_sha256", v.bindingSha256);
    set("dpa_binding_agreement_sha256", v.bindingAgreement);
    form.querySelectorAll("a[data-dpa-link]").forEach(function (a) {
      a.href = v.url;
      var label = a.querySelector("[data-dpa-version]");
      if (label) label.textContent = v.version;
    });
    form.querySelectorAll("iframe[data-dpa-embed]").forEach(function (frame) {
      frame.src = v.embed;
    });
  }

  document.querySelectorAll("form[data-dpa-manifest]").forEach(function (form) {
    var manifestURL;
    try {
      manifestURL = new URL(form.getAttribute("data-dpa-manifest"), document.baseURI);
    } catch (e) {
      return;
    }
    if (manifestURL.protocol !== "https:" && manifestURL.protocol !== "http:") return;
    fetch(manifestURL.href, { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (m) {
        var v = m && checked(form, m, portalRoot(manifestURL));
        if (v) {
          fill(form, v);
          form.setAttribute("data-dpa-filled", "");
        } else {
          form.setAttribute("data-dpa-refused", "");
        }
      })
      .catch(function () { form.setAttribute("data-dpa-refused", ""); /* keep the values the server rendered */ });
  });
})();
