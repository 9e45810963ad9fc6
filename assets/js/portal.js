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
