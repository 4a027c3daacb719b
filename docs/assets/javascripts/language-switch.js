// Keep the section and the page's state when switching language:
// /activations/gelu/#derivative ⇄ /zh/activations/gelu/#derivative, /activations/elu/?alpha=0.5#plot ⇄ /zh/activations/elu/?alpha=0.5#plot.
// Section anchors and state parameters (live parameters, playground view) are language-neutral.
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || (!window.location.hash && !window.location.search)) {
      return;
    }
    var target = new URL(link.href, window.location.href);
    target.search = window.location.search;
    target.hash = window.location.hash;
    link.href = target.toString();
  }, true);
})();
