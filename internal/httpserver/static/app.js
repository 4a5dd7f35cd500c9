// Progressive enhancement only: every page works without this file.
// "/" focuses the search box (unless typing in a field already).
document.addEventListener("keydown", function (e) {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
  var t = e.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
  var q = document.getElementById("site-q");
  if (q) { e.preventDefault(); q.focus(); }
});
