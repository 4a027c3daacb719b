// Render the formulas that pymdownx.arithmatex (generic mode) wrapped in .arithmatex elements.
// Material's instant navigation is off, so one render per page load is enough.
(function () {
  function renderFormulas() {
    document.querySelectorAll(".arithmatex").forEach(function (element) {
      renderMathInElement(element, {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true }
        ],
        throwOnError: false
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderFormulas);
  } else {
    renderFormulas();
  }
})();
