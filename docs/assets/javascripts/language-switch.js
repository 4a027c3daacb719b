// Keep the section when switching language: /activations/gelu/#derivative ⇄ /zh/activations/gelu/#derivative.
// Section anchors are language-neutral, so the same hash exists on the other page.
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !window.location.hash) {
      return;
    }
    var target = new URL(link.href, window.location.href);
    target.hash = window.location.hash;
    link.href = target.toString();
  }, true);
})();
