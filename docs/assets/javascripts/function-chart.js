// A small SVG line chart for the live parameters and the playground (no library, no CDN).
// Like the static figures: a white card, axes through 0, a grid, NaN lifts the pen, and the y-range
// keeps exploding curves from flattening the others (1st to 99th percentile, 8 % margin).
(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 640;
  var HEIGHT = 400;
  var MARGIN = {left: 52, right: 12, top: 12, bottom: 34};
  var POINTS = 801;
  var MINUS = "\u2212";
  var clipCount = 0;

  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  // Four significant digits, a real minus sign, no trailing zeros: "−0.5", "1.051", "2e-7".
  function format(value) {
    if (!isFinite(value)) {
      return isNaN(value) ? "NaN" : (value > 0 ? "∞" : MINUS + "∞");
    }
    var text = String(Number(value.toPrecision(4)));
    return text.replace("-", MINUS);
  }

  function sample(evaluate, low, high, points) {
    var count = points || POINTS;
    var xs = [];
    var ys = [];
    for (var i = 0; i < count; i++) {
      var x = low + (high - low) * i / (count - 1);
      xs.push(x);
      ys.push(evaluate(x));
    }
    return {xs: xs, ys: ys};
  }

  function percentile(sorted, q) {
    var position = (sorted.length - 1) * q;
    var below = Math.floor(position);
    var above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }

  function yLimits(curves) {
    var values = [];
    curves.forEach(function (curve) {
      curve.ys.forEach(function (y) { if (isFinite(y)) { values.push(y); } });
    });
    if (!values.length) {
      return [-1, 1];
    }
    values.sort(function (a, b) { return a - b; });
    var low = percentile(values, 0.01);
    var high = percentile(values, 0.99);
    var span = Math.max(high - low, 1e-3);
    return [low - 0.08 * span, high + 0.08 * span];
  }

  function ticks(low, high) {
    var raw = (high - low) / 6;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * power; }).filter(function (s) { return s >= raw; })[0];
    var result = [];
    for (var value = Math.ceil(low / step) * step; value <= high + step * 1e-9; value += step) {
      result.push(Math.abs(value) < step * 1e-9 ? 0 : value);
    }
    return result;
  }

  // Draw `curves` ([{xs, ys, color, dashed, dotted}]) over [low, high] into the <svg> `svg`.
  // Returns the mapping from a pointer's client x to the plotted x (for a cursor).
  function draw(svg, low, high, curves, cursor) {
    while (svg.firstChild) {
      svg.removeChild(svg.firstChild);
    }
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
    var limits = yLimits(curves);
    var plotWidth = WIDTH - MARGIN.left - MARGIN.right;
    var plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    function px(x) { return MARGIN.left + (x - low) / (high - low) * plotWidth; }
    function py(y) { return MARGIN.top + (limits[1] - y) / (limits[1] - limits[0]) * plotHeight; }
    element("rect", {x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: "#ffffff"}, svg);
    var clipId = "function-chart-clip-" + (++clipCount);
    var clip = element("clipPath", {id: clipId}, element("defs", {}, svg));
    element("rect", {x: MARGIN.left, y: MARGIN.top, width: plotWidth, height: plotHeight}, clip);
    var grid = element("g", {stroke: "#d0d0d0", "stroke-width": 1}, svg);
    var labels = element("g", {fill: "#222222", "font-size": 12, "font-family": "sans-serif"}, svg);
    ticks(low, high).forEach(function (x) {
      element("line", {x1: px(x), x2: px(x), y1: MARGIN.top, y2: MARGIN.top + plotHeight}, grid);
      element("text", {x: px(x), y: HEIGHT - MARGIN.bottom + 16, "text-anchor": "middle"}, labels).textContent = format(x);
    });
    ticks(limits[0], limits[1]).forEach(function (y) {
      element("line", {x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: py(y), y2: py(y)}, grid);
      element("text", {x: MARGIN.left - 6, y: py(y) + 4, "text-anchor": "end"}, labels).textContent = format(y);
    });
    element("text", {x: MARGIN.left + plotWidth / 2, y: HEIGHT - 4, "text-anchor": "middle"}, labels).textContent = "x";
    element("rect", {x: MARGIN.left, y: MARGIN.top, width: plotWidth, height: plotHeight, fill: "none", stroke: "#444444"}, svg);
    var plotted = element("g", {"clip-path": "url(#" + clipId + ")", fill: "none"}, svg);
    if (low < 0 && high > 0) {
      element("line", {x1: px(0), x2: px(0), y1: MARGIN.top, y2: MARGIN.top + plotHeight, stroke: "#888888", "stroke-width": 0.8}, plotted);
    }
    if (limits[0] < 0 && limits[1] > 0) {
      element("line", {x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: py(0), y2: py(0), stroke: "#888888", "stroke-width": 0.8}, plotted);
    }
    var span = limits[1] - limits[0];
    curves.forEach(function (curve) {
      var path = "";
      var drawing = false;
      for (var i = 0; i < curve.xs.length; i++) {
        var y = curve.ys[i];
        // Lift the pen at NaN and across a jump (a step's rise is not part of the curve).
        var jump = i > 0 && Math.abs(y - curve.ys[i - 1]) > 0.3 * span;
        if (!isFinite(y) || jump) {
          drawing = false;
          if (!isFinite(y)) {
            continue;
          }
        }
        var clamped = Math.max(limits[0] - span, Math.min(limits[1] + span, y));
        path += (drawing ? "L" : "M") + px(curve.xs[i]).toFixed(2) + " " + py(clamped).toFixed(2);
        drawing = true;
      }
      var attributes = {d: path, stroke: curve.color, "stroke-width": 2.2};
      if (curve.dashed) {
        attributes["stroke-dasharray"] = "7 4";
      } else if (curve.dotted) {
        attributes["stroke-dasharray"] = "2 3";
      }
      element("path", attributes, plotted);
    });
    if (cursor !== null && cursor !== undefined && cursor >= low && cursor <= high) {
      element("line", {x1: px(cursor), x2: px(cursor), y1: MARGIN.top, y2: MARGIN.top + plotHeight, stroke: "#222222", "stroke-width": 1, "stroke-dasharray": "3 3"}, svg);
    }
    return function (clientX) {
      var box = svg.getBoundingClientRect();
      var viewX = (clientX - box.left) / box.width * WIDTH;
      return low + (viewX - MARGIN.left) / plotWidth * (high - low);
    };
  }

  // A legend as an HTML list: a line sample in each curve's colour and style, then its label (text).
  function legend(list, curves) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    curves.forEach(function (curve) {
      var item = document.createElement("li");
      var swatch = element("svg", {width: 28, height: 10, "aria-hidden": "true", focusable: "false"});
      var line = {x1: 1, x2: 27, y1: 5, y2: 5, stroke: curve.color, "stroke-width": 2.5};
      if (curve.dashed) {
        line["stroke-dasharray"] = "7 4";
      } else if (curve.dotted) {
        line["stroke-dasharray"] = "2 3";
      }
      element("line", line, swatch);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + curve.label));
      list.appendChild(item);
    });
  }

  // "{name} and {x}" style templates of the i18n strings.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  // A slider and a number box for one parameter; `onChange(value)` on every valid edit.
  function parameterControl(parameter, value, strings, idPrefix, onChange) {
    var row = document.createElement("div");
    row.className = "live-parameter";
    var id = idPrefix + "-" + parameter.name;
    var label = document.createElement("label");
    label.setAttribute("for", id);
    var note = parameter.learnable ? fill(strings.live_learnable, {value: format(parameter.default)}) : fill(strings.live_default, {value: format(parameter.default)});
    label.textContent = parameter.symbol + " (" + note + ")";
    var range = document.createElement("input");
    range.type = "range";
    range.id = id;
    range.min = String(Math.min(parameter.min, value));
    range.max = String(Math.max(parameter.max, value));
    range.step = String(parameter.step);
    range.value = String(value);
    range.setAttribute("data-parameter", parameter.name);
    var box = document.createElement("input");
    box.type = "number";
    box.step = "any";
    box.value = String(value);
    box.setAttribute("aria-label", fill(strings.live_parameter_value, {symbol: parameter.symbol}));
    box.setAttribute("data-parameter-box", parameter.name);
    range.addEventListener("input", function () {
      var number = parseFloat(range.value);
      box.value = String(number);
      onChange(number);
    });
    box.addEventListener("input", function () {
      var number = parseFloat(box.value);
      if (isFinite(number)) {
        range.value = String(number);
        onChange(number);
      }
    });
    row.appendChild(label);
    row.appendChild(range);
    row.appendChild(box);
    return {
      row: row,
      set: function (number) {
        range.value = String(number);
        box.value = String(number);
      }
    };
  }

  // The parameter values in `search` (URLSearchParams) under `prefix` + name, where they are numbers.
  function valuesFrom(search, entry, prefix) {
    var values = {};
    entry.parameters.forEach(function (p) {
      var raw = search.get(prefix + p.name);
      var number = raw === null ? NaN : parseFloat(raw);
      values[p.name] = isFinite(number) ? number : p.default;
    });
    return values;
  }

  window.FunctionChart = {
    draw: draw,
    legend: legend,
    sample: sample,
    format: format,
    fill: fill,
    element: element,
    parameterControl: parameterControl,
    valuesFrom: valuesFrom
  };
})();
