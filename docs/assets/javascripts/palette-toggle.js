// The light/dark toggle (overrides/partials/palette.html), doing what Material's palette component does
// but only the cheap part at load: which toggle shows, and the stored choice. Material's inline script in
// <head> has already applied a stored palette to <body>; the page is restyled only when the palette
// really changes (the reader's click, or a first visit whose system prefers the other scheme), and the
// browser-colour metas are written when the main thread is idle, only where they change (the page
// carries the theme colour already: mkdocs.yml, extra.theme_color).
(function () {
  var form = document.querySelector("[data-palette-toggle]");
  if (!form || typeof __md_get !== "function") {
    return;
  }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var idle = window.requestIdleCallback || function (callback) { return window.setTimeout(callback, 1); };

  function colorOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent"),
    };
  }

  function meta(name) {
    var element = document.head.querySelector('meta[name="' + name + '"]');
    if (!element) {
      element = document.createElement("meta");
      element.name = name;
      document.head.appendChild(element);
    }
    return element;
  }

  // The browser's own colours follow the header, as with Material (its theme colour and colour scheme).
  // Both are read before either is written: a new or changed meta restyles the whole page, so once.
  function writeMetas() {
    var style = window.getComputedStyle(document.querySelector("header"));
    var themeColor = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3).map(function (c) {
      return (+c).toString(16).padStart(2, "0");
    }).join("");
    var colorScheme = style.colorScheme;
    if (meta("theme-color").content !== themeColor) {
      meta("theme-color").content = themeColor;
    }
    // Light is the browser's own default: the meta is needed only once a scheme other than light was chosen.
    var current = document.head.querySelector('meta[name="color-scheme"]');
    if (current ? current.content !== colorScheme : !["normal", "light"].includes(colorScheme)) {
      meta("color-scheme").content = colorScheme;
    }
  }

  function show(index) {
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement) {
        label.hidden = i !== index;
      }
    });
  }

  function apply(index) {
    var color = colorOf(inputs[index]);
    var body = document.body;
    var changed = Object.keys(color).some(function (key) { return body.getAttribute("data-md-color-" + key) !== color[key]; });
    if (changed) {
      // Material's mark: no colour transitions while switching (without it, a first visit whose system
      // prefers dark faded code blocks and links from the light colours for 125 ms). The page is styled
      // with the mark on (reading a computed style does that, as Material's component does when it reads
      // the header's colours) before the mark goes at the next frame.
      body.setAttribute("data-md-color-switching", "");
      Object.keys(color).forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
      window.getComputedStyle(body).getPropertyValue("color");
      window.requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
    }
    show(index);
    __md_set("__palette", {index: index, color: color});
    idle(writeMetas);
  }

  var stored = __md_get("__palette");
  var index = stored && typeof stored.index === "number"
    ? stored.index
    : inputs.findIndex(function (input) { return window.matchMedia(input.getAttribute("data-md-color-media")).matches; });
  apply(Math.max(0, Math.min(index, inputs.length - 1)));

  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { apply(i); });
  });
  form.addEventListener("keydown", function (event) {  // Enter on a toggle moves to the next palette, as with Material
    if (event.key !== "Enter") {
      return;
    }
    var current = inputs.findIndex(function (input) { return input.nextElementSibling && !input.nextElementSibling.hidden; });
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
