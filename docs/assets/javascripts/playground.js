// The playground: overlay 2–6 activations, f, f′ and/or f″, each with its own parameters, over a
// chosen x-range, with a table of values at the cursor. The whole view lives in the page address:
// ?f=gelu,silu,mish&show=f,df&x=-4,2&silu.beta=2&at=0.5
(function () {
  var Chart = window.FunctionChart;
  var Functions = window.ActivationFunctions;
  var CURVES = ["f", "df", "d2f"];
  var PRIMES = {f: "", df: "′", d2f: "″"};
  var SLICE_KEYS = {"gated": "live_slice_gate", "vector": "live_slice_slice", "multi-output": "live_slice_outputs"};
  var SUGGESTIONS = 8;

  function normalise(text) {
    return text.trim().toLowerCase().replace(/[\s_]+/g, "-");
  }

  // Everything a reader may type for an entry: slug, aliases, both names, and the names' short forms.
  function searchTerms(entry) {
    var terms = [entry.slug].concat(entry.aliases, [entry.name.en, entry.name.zh]);
    [entry.name.en, entry.name.zh].forEach(function (name) {
      terms.push(name.split(/ \(|（/)[0]);
    });
    return terms.map(normalise);
  }

  function setup(stage) {
    var strings = JSON.parse(stage.getAttribute("data-strings"));
    var colors = JSON.parse(stage.getAttribute("data-colors"));
    var limit = parseInt(stage.getAttribute("data-limit"), 10);
    var language = stage.getAttribute("data-language");
    var entries = Functions.all();
    var terms = {};
    entries.forEach(function (entry) { terms[entry.slug] = searchTerms(entry); });

    function shortName(entry) {
      return entry.name[language].split(/ \(|（/)[0];
    }

    function resolve(text) {
      var query = normalise(text);
      if (!query) {
        return null;
      }
      var exact = entries.filter(function (e) { return terms[e.slug].indexOf(query) >= 0; });
      if (exact.length) {
        return exact[0];
      }
      var partial = matches(text);
      return partial.length === 1 ? partial[0] : null;
    }

    function matches(text) {
      var query = normalise(text);
      if (!query) {
        return [];
      }
      return entries.filter(function (e) {
        return terms[e.slug].some(function (term) { return term.indexOf(query) >= 0; });
      });
    }

    // The state, read from the address.
    var search = new URLSearchParams(window.location.search);
    var selected = [];
    (search.get("f") || "").split(",").forEach(function (name) {
      var entry = resolve(name);
      if (entry && selected.length < limit && !selected.some(function (s) { return s.entry === entry; })) {
        selected.push({entry: entry, values: Chart.valuesFrom(search, entry, entry.slug + ".")});
      }
    });
    var show = (search.get("show") || "f").split(",").filter(function (c) { return CURVES.indexOf(c) >= 0; });
    if (!show.length) {
      show = ["f"];
    }
    var range = (search.get("x") || "").split(",").map(parseFloat);
    if (range.length !== 2 || !isFinite(range[0]) || !isFinite(range[1]) || range[0] >= range[1]) {
      range = [-4, 4];
    }
    var cursor = parseFloat(search.get("at"));
    if (!isFinite(cursor)) {
      cursor = 0;
    }

    // The interface.
    function make(tag, className, text) {
      var node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text !== undefined) {
        node.textContent = text;
      }
      return node;
    }

    var adder = make("div", "playground-add");
    var addLabel = make("label", null, strings.playground_add);
    addLabel.setAttribute("for", "playground-search");
    var input = make("input");
    input.type = "search";
    input.id = "playground-search";
    input.placeholder = strings.playground_add_placeholder;
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-describedby", "playground-status");
    var addButton = make("button", "md-button", strings.playground_add_button);
    addButton.type = "button";
    var suggestions = make("ul", "playground-suggestions");
    suggestions.setAttribute("aria-label", strings.playground_add);
    adder.appendChild(addLabel);
    adder.appendChild(input);
    adder.appendChild(addButton);
    adder.appendChild(suggestions);
    var status = make("p", "playground-status");
    status.id = "playground-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    var list = make("ul", "playground-selected");
    list.setAttribute("aria-label", strings.playground_selected);

    var view = make("div", "playground-view");
    var showSet = make("fieldset", "playground-show");
    showSet.appendChild(make("legend", null, strings.playground_show));
    CURVES.forEach(function (curve) {
      var label = make("label");
      var box = make("input");
      box.type = "checkbox";
      box.value = curve;
      box.checked = show.indexOf(curve) >= 0;
      box.setAttribute("data-show", curve);
      box.addEventListener("change", function () {
        show = CURVES.filter(function (c) { return showSet.querySelector("[data-show=" + c + "]").checked; });
        changed();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + Chart.fill(strings["live_show_" + curve], {symbol: "f"})));
      showSet.appendChild(label);
    });
    var rangeSet = make("div", "playground-range");
    var rangeInputs = [strings.playground_x_from, strings.playground_x_to].map(function (text, index) {
      var label = make("label", null, text + " ");
      var box = make("input");
      box.type = "number";
      box.step = "any";
      box.value = String(range[index]);
      box.setAttribute("data-range", index === 0 ? "low" : "high");
      box.addEventListener("change", function () {
        var low = parseFloat(rangeInputs[0].value);
        var high = parseFloat(rangeInputs[1].value);
        if (isFinite(low) && isFinite(high) && low < high) {
          range = [low, high];
          changed();
        }
      });
      label.appendChild(box);
      rangeSet.appendChild(label);
      return box;
    });
    view.appendChild(showSet);
    view.appendChild(rangeSet);

    var figure = make("figure", "live-figure");
    var svg = Chart.element("svg", {role: "img", "data-playground-chart": ""});
    var legend = make("ul", "chart-legend");
    figure.appendChild(svg);
    figure.appendChild(legend);

    var cursorRow = make("div", "playground-cursor");
    var cursorLabel = make("label", null, strings.playground_cursor + " ");
    var cursorBox = make("input");
    cursorBox.type = "number";
    cursorBox.step = "any";
    cursorBox.setAttribute("data-cursor", "");
    cursorLabel.appendChild(cursorBox);
    cursorRow.appendChild(cursorLabel);
    var table = make("table");
    table.setAttribute("data-values", "");

    var share = make("div", "playground-share");
    var linkLabel = make("label", null, strings.playground_link + " ");
    var linkBox = make("input");
    linkBox.readOnly = true;
    linkBox.setAttribute("data-link", "");
    linkLabel.appendChild(linkBox);
    var copy = make("button", "md-button", strings.playground_copy);
    copy.type = "button";
    copy.setAttribute("data-copy", "");
    share.appendChild(linkLabel);
    share.appendChild(copy);

    [adder, status, list, view, figure, cursorRow, table, share].forEach(function (node) { stage.appendChild(node); });

    function say(text) {
      status.textContent = text;
    }

    function add(entry) {
      if (!entry) {
        say(Chart.fill(strings.playground_unknown, {query: input.value.trim()}));
        return;
      }
      if (selected.some(function (s) { return s.entry === entry; })) {
        say(Chart.fill(strings.playground_duplicate, {name: shortName(entry)}));
        return;
      }
      if (selected.length >= limit) {
        say(Chart.fill(strings.playground_full, {count: limit}));
        return;
      }
      var values = {};
      entry.parameters.forEach(function (p) { values[p.name] = p.default; });
      selected.push({entry: entry, values: values});
      input.value = "";
      suggest();
      say(Chart.fill(strings.playground_added, {name: shortName(entry)}));
      renderList();
      changed();
    }

    function suggest() {
      while (suggestions.firstChild) {
        suggestions.removeChild(suggestions.firstChild);
      }
      matches(input.value).slice(0, SUGGESTIONS).forEach(function (entry) {
        var item = make("li");
        var button = make("button", "playground-suggestion", entry.name[language] + " · " + entry.slug);
        button.type = "button";
        button.setAttribute("data-suggestion", entry.slug);
        button.addEventListener("click", function () { add(entry); input.focus(); });
        item.appendChild(button);
        suggestions.appendChild(item);
      });
    }

    input.addEventListener("input", suggest);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        add(resolve(input.value));
      }
    });
    addButton.addEventListener("click", function () { add(resolve(input.value)); });

    function renderList() {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      selected.forEach(function (item, index) {
        var entry = item.entry;
        var row = make("li", "playground-item");
        row.setAttribute("data-slug", entry.slug);
        var head = make("div", "playground-item-head");
        var swatch = make("span", "playground-swatch");
        swatch.style.backgroundColor = colors[index % colors.length];
        swatch.setAttribute("aria-hidden", "true");
        var link = make("a", null, entry.name[language]);
        link.href = "../activations/" + entry.slug + "/";
        head.appendChild(swatch);
        head.appendChild(link);
        var remove = make("button", "playground-remove", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", Chart.fill(strings.playground_remove, {name: shortName(entry)}));
        remove.addEventListener("click", function () {
          selected.splice(selected.indexOf(item), 1);
          renderList();
          changed();
          input.focus();
        });
        head.appendChild(remove);
        row.appendChild(head);
        if (SLICE_KEYS[entry.kind]) {
          row.appendChild(make("p", "live-slice", strings[SLICE_KEYS[entry.kind]]));
        }
        entry.parameters.forEach(function (parameter) {
          var widget = Chart.parameterControl(parameter, item.values[parameter.name], strings, "playground-" + entry.slug, function (number) {
            item.values[parameter.name] = number;
            changed();
          });
          row.appendChild(widget.row);
        });
        list.appendChild(row);
      });
    }

    var curves = [];

    function label(item, which) {
      var entry = item.entry;
      var settings = entry.parameters.map(function (p) { return p.symbol + " = " + Chart.format(item.values[p.name]); }).join(", ");
      return shortName(entry) + ": " + entry.symbol + PRIMES[which] + "(x" + (which === "f" && settings ? "; " + settings : "") + ")";
    }

    function sampleAll() {
      curves = [];
      selected.forEach(function (item, index) {
        show.forEach(function (which) {
          var sampled = Chart.sample(function (x) { return Functions.evaluate(item.entry, which, x, item.values); }, range[0], range[1]);
          curves.push({xs: sampled.xs, ys: sampled.ys, color: colors[index % colors.length], dashed: which === "df", dotted: which === "d2f", label: label(item, which)});
        });
      });
    }

    var toPlotX = null;

    function drawChart() {
      toPlotX = Chart.draw(svg, range[0], range[1], curves, cursor);
      Chart.legend(legend, curves);
      svg.setAttribute("aria-label", curves.map(function (c) { return c.label; }).join("; ") || strings.playground_empty);
    }

    function renderTable() {
      while (table.firstChild) {
        table.removeChild(table.firstChild);
      }
      cursorBox.value = String(Number(cursor.toPrecision(6)));
      var head = table.createTHead().insertRow();
      [strings.playground_col_function].concat(show.map(function (c) { return "f" + PRIMES[c] + "(x)"; })).forEach(function (text) {
        var cell = make("th", null, text);
        cell.scope = "col";
        head.appendChild(cell);
      });
      var body = table.createTBody();
      selected.forEach(function (item) {
        var row = body.insertRow();
        var name = make("th", null, shortName(item.entry) + " (" + item.entry.symbol + ")");
        name.scope = "row";
        row.appendChild(name);
        show.forEach(function (which) {
          var value = Functions.evaluate(item.entry, which, cursor, item.values);
          var cell = row.insertCell();
          cell.textContent = Chart.format(value);
          cell.setAttribute("data-value", String(value));
        });
      });
    }

    function writeAddress() {
      var query = new URLSearchParams();
      query.set("f", selected.map(function (s) { return s.entry.slug; }).join(","));
      query.set("show", show.join(","));
      query.set("x", range[0] + "," + range[1]);
      selected.forEach(function (item) {
        item.entry.parameters.forEach(function (p) {
          if (item.values[p.name] !== p.default) {
            query.set(item.entry.slug + "." + p.name, String(item.values[p.name]));
          }
        });
      });
      if (cursor !== 0) {
        query.set("at", String(cursor));
      }
      var url = window.location.pathname + "?" + query.toString().replace(/%2C/g, ",") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
      linkBox.value = window.location.href;
    }

    function changed() {
      if (selected.length < 2) {
        say(strings.playground_empty);
      }
      sampleAll();
      drawChart();
      renderTable();
      writeAddress();
    }

    svg.addEventListener("mousemove", function (event) {
      if (!toPlotX) {
        return;
      }
      var x = toPlotX(event.clientX);
      if (x >= range[0] && x <= range[1]) {
        cursor = x;
        drawChart();
        renderTable();
      }
    });
    svg.addEventListener("click", writeAddress);
    cursorBox.addEventListener("change", function () {
      var x = parseFloat(cursorBox.value);
      if (isFinite(x)) {
        cursor = x;
        drawChart();
        renderTable();
        writeAddress();
      }
    });
    copy.addEventListener("click", function () {
      var done = function () { say(strings.playground_copied); };
      var failed = function () {
        linkBox.select();
        say(strings.playground_copy_failed);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(linkBox.value).then(done, failed);
      } else {
        failed();
      }
    });

    renderList();
    changed();
    // The moment the first view is drawn, for the load time the browser suite reports.
    window.performance.mark("playground-drawn");
  }

  document.querySelectorAll("[data-playground]").forEach(setup);
})();
