// Live parameters in an activation page's #plot section: a slider and a number box per parameter,
// f and f′ (f″ on request) redrawn from the generated functions, the values in the legend, a reset
// button, and the state in the page address (…/elu/?alpha=0.5#plot) so a link keeps the setting.
(function () {
  var Chart = window.FunctionChart;

  function setup(container) {
    var entry = window.ActivationFunctions.get(container.getAttribute("data-live-parameters"));
    if (!entry) {
      return;
    }
    var strings = JSON.parse(container.getAttribute("data-strings"));
    var colors = JSON.parse(container.getAttribute("data-colors"));
    var name = container.getAttribute("data-name");
    var search = new URLSearchParams(window.location.search);
    var values = Chart.valuesFrom(search, entry, "");
    var showSecond = search.get("d2") === "1";
    var symbol = entry.symbol;
    var low = entry.range[0];
    var high = entry.range[1];

    var title = document.createElement("p");
    title.className = "live-title";
    title.textContent = strings.live_title;
    var intro = document.createElement("p");
    intro.textContent = strings.live_intro;
    container.appendChild(title);
    container.appendChild(intro);
    var slice = container.getAttribute("data-slice");
    if (slice) {
      var note = document.createElement("p");
      note.className = "live-slice";
      note.textContent = slice;
      container.appendChild(note);
    }
    var controls = document.createElement("div");
    controls.className = "live-controls";
    container.appendChild(controls);
    var widgets = entry.parameters.map(function (parameter) {
      var widget = Chart.parameterControl(parameter, values[parameter.name], strings, "live-" + entry.slug, function (number) {
        values[parameter.name] = number;
        update();
      });
      controls.appendChild(widget.row);
      return widget;
    });
    var options = document.createElement("div");
    options.className = "live-options";
    var toggleLabel = document.createElement("label");
    var toggle = document.createElement("input");
    toggle.type = "checkbox";
    toggle.checked = showSecond;
    toggle.setAttribute("data-show-d2f", "");
    toggleLabel.appendChild(toggle);
    toggleLabel.appendChild(document.createTextNode(" " + Chart.fill(strings.live_show_d2f, {symbol: symbol})));
    toggle.addEventListener("change", function () {
      showSecond = toggle.checked;
      update();
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button";
    reset.textContent = strings.live_reset;
    reset.setAttribute("data-reset", "");
    reset.addEventListener("click", function () {
      entry.parameters.forEach(function (p, index) {
        values[p.name] = p.default;
        widgets[index].set(p.default);
      });
      update();
    });
    options.appendChild(toggleLabel);
    options.appendChild(reset);
    container.appendChild(options);
    var figure = document.createElement("figure");
    figure.className = "live-figure";
    var svg = Chart.element("svg", {role: "img", "data-live-chart": ""});
    var legend = document.createElement("ul");
    legend.className = "chart-legend";
    figure.appendChild(svg);
    figure.appendChild(legend);
    container.appendChild(figure);
    var gains = strings.live_gains && document.createElement("p");
    if (gains) {
      gains.setAttribute("data-live-gains", "");
      container.appendChild(gains);
    }
    container.hidden = false;

    function settings() {
      return entry.parameters.map(function (p) { return p.symbol + " = " + Chart.format(values[p.name]); }).join(", ");
    }

    function update() {
      var curves = [
        {which: "f", label: symbol + "(x; " + settings() + ")", color: colors[0]},
        {which: "df", label: symbol + "′(x)", color: colors[1], dashed: true}
      ];
      if (showSecond) {
        curves.push({which: "d2f", label: symbol + "″(x)", color: colors[2], dotted: true});
      }
      curves.forEach(function (curve) {
        var sampled = Chart.sample(function (x) { return window.ActivationFunctions.evaluate(entry, curve.which, x, values); }, low, high);
        curve.xs = sampled.xs;
        curve.ys = sampled.ys;
      });
      Chart.draw(svg, low, high, curves, null);
      Chart.legend(legend, curves);
      if (gains) {
        var m = window.ActivationFunctions.moments(entry, values);
        gains.textContent = Chart.fill(strings.live_gains, {symbol: symbol, second: Chart.format(m.second), slope_second: Chart.format(m.slopeSecond),
          forward: Chart.format(m.forward), backward: Chart.format(m.backward)});
      }
      svg.setAttribute("aria-label", Chart.fill(strings.live_chart_label, {
        name: name,
        low: Chart.format(low),
        high: Chart.format(high),
        curves: curves.map(function (c) { return c.label; }).join("; ")
      }));
      var query = new URLSearchParams(window.location.search);
      entry.parameters.forEach(function (p) {
        if (values[p.name] === p.default) {
          query.delete(p.name);
        } else {
          query.set(p.name, String(values[p.name]));
        }
      });
      if (showSecond) {
        query.set("d2", "1");
      } else {
        query.delete("d2");
      }
      var text = query.toString();
      var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
    }

    update();
  }

  document.querySelectorAll("[data-live-parameters]").forEach(setup);
})();
