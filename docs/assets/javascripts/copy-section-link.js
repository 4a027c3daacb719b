// "Copy link to this section": clicking a heading's ¶ mark copies the section's full URL.
(function () {
  var label = document.documentElement.lang === "zh" ? "复制本节链接" : "Copy link to this section";
  var done = document.documentElement.lang === "zh" ? "已复制链接" : "Link copied";
  document.querySelectorAll("a.headerlink").forEach(function (link) {
    link.setAttribute("title", label);
    link.setAttribute("aria-label", label);
    link.addEventListener("click", function () {
      var url = new URL(link.getAttribute("href"), window.location.href).toString();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () {
          link.setAttribute("data-copied", done);
          window.setTimeout(function () { link.removeAttribute("data-copied"); }, 1500);
        }, function () {});
      }
    });
  });
})();
