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
//
// The embedded view (iframe[data-dpa-embed]) tells this page its height and
// when the reader has reached the end of the text (postMessage, only to this
// page's origin, which the script names in the frame's #origin=). The script
// takes those messages only from the portal's origin and from the form's own
// frame, for the version and hash the form records, and then
//   - with data-dpa-autosize on the form, sizes the frame to the text;
//   - marks the form data-dpa-read once the reader reached the end;
//   - with data-dpa-require-read, keeps the checkbox disabled until then
//     (unless the manifest could not be used: then nothing is required).
// data-dpa-compact on the form asks the view for its compact mode. The view
// follows the colour scheme of the frame: set color-scheme on the iframe
// (or the page) in CSS.
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
      frame.src = v.embed + "#origin=" + encodeURIComponent(window.location.origin) +
        (form.hasAttribute("data-dpa-compact") ? "&compact=1" : "");
    });
  }

  // requireRead disables the form's checkbox until the reader has reached
  // the end of the embedded text, if the form asks for it; done (false)
  // enables it again.
  function requireRead(form, required) {
    if (!form.hasAttribute("data-dpa-require-read")) return;
    var box = form.querySelector('input[name="dpa_accept"]');
    if (box) box.disabled = required;
  }

  // listen takes the messages of the form's embedded view from origin.
  function listen(form, origin) {
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== origin || !data || typeof data !== "object" || data.type !== "trustportal:dpa") return;
      var frame = null;
      form.querySelectorAll("iframe[data-dpa-embed]").forEach(function (f) {
        if (f.contentWindow === event.source) frame = f;
      });
      var field = function (name) {
        var input = form.querySelector('input[name="' + name + '"]');
        return input ? input.value : null;
      };
      // Only the text the form records counts: not a frame left over from
      // before the form was filled.
      if (!frame || data.version !== field("dpa_version") || data.sha256 !== field("dpa_sha256")) return;
      if (form.hasAttribute("data-dpa-autosize") && typeof data.height === "number" && data.height > 0 && data.height < 1e6) {
        frame.style.height = Math.ceil(data.height) + "px";
      }
      if (data.readToEnd === true) {
        form.setAttribute("data-dpa-read", "");
        requireRead(form, false);
      }
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
    listen(form, manifestURL.origin);
    requireRead(form, true);
    function refuse() {
      form.setAttribute("data-dpa-refused", ""); // keep the values the server rendered
      requireRead(form, false);
    }
    fetch(manifestURL.href, { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (m) {
        var v = m && checked(form, m, portalRoot(manifestURL));
        if (v) {
          fill(form, v);
          form.setAttribute("data-dpa-filled", "");
        } else {
          refuse();
        }
      })
      .catch(refuse);
  });
})();
