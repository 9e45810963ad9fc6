// trustportal: the script of the embeddable view (…/dpa/2.0/embed.html),
// served from the portal itself. The view works without it.
//
// The signup page that frames the view names its origin in the fragment:
// embed.html#origin=https://signup.example.com. The view then posts it, and
// no other page, its height and whether the reader has reached the end of
// the text:
//   { type: "trustportal:dpa", height, readToEnd, version, sha256, language }
// #compact=1 sets the text denser. An origin that is not one (a path, "*")
// gets no message.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.hash.slice(1));
  if (params.get("compact") === "1") document.documentElement.classList.add("embed--compact");

  // parentOrigin returns the origin the fragment names, or null.
  function parentOrigin(value) {
    if (!value) return null;
    var url;
    try {
      url = new URL(value);
    } catch (e) {
      return null;
    }
    if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== value.replace(/\/$/, "")) return null;
    return url.origin;
  }

  var origin = parentOrigin(params.get("origin"));
  var article = document.querySelector("article[data-sha256]");
  var end = document.getElementById("embed-end");
  if (!origin || window.parent === window || !article) return;
  var readToEnd = false;
  var lastHeight = -1;

  function post(force) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (!force && height === lastHeight) return;
    lastHeight = height;
    window.parent.postMessage({
      type: "trustportal:dpa",
      height: height,
      readToEnd: readToEnd,
      version: article.getAttribute("data-version"),
      sha256: article.getAttribute("data-sha256"),
      language: document.documentElement.lang
    }, origin);
  }

  post(true);
  if (window.ResizeObserver) new ResizeObserver(function () { post(false); }).observe(document.documentElement);
  // The end of the text is in view: in the frame's own scrolling, or in the
  // signup page's, where the frame is as tall as the text.
  if (end && window.IntersectionObserver) {
    var seen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      readToEnd = true;
      seen.disconnect();
      post(true);
    });
    seen.observe(end);
  }
})();
