// Special functions the generated activation code calls where JavaScript's Math has none, and the
// registry the generated files add their functions to (window.ActivationFunctions).
// Each function is written for full double precision: the browser suite compares the generated
// code with the build's 40-digit values (relative 1e-9) and this file's erf/erfc with mpmath.
(function () {
  var SQRT_PI = Math.sqrt(Math.PI);
  var SQRT_2 = Math.SQRT2;
  var SQRT_2PI = Math.sqrt(2 * Math.PI);

  // erf by its series of positive terms, erf(x) = 2/√π e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)):
  // no cancellation, so a few ulp of error for |x| ≤ 2.
  function erfSeries(x) {
    var term = x;
    var sum = x;
    var square = 2 * x * x;
    for (var n = 1; n < 200; n++) {
      term *= square / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return 2 / SQRT_PI * Math.exp(-x * x) * sum;
  }

  // erfc by its continued fraction, erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
  // evaluated from the tail; 200 levels reach double precision for x ≥ 1.
  function erfcFraction(x) {
    var tail = x;
    for (var k = 200; k >= 1; k--) {
      tail = x + (k / 2) / tail;
    }
    return Math.exp(-x * x) / SQRT_PI / tail;
  }

  function erf(x) {
    if (isNaN(x)) {
      return NaN;
    }
    if (Math.abs(x) <= 2) {
      return erfSeries(x);
    }
    var complement = Math.abs(x) > 27 ? 0 : erfcFraction(Math.abs(x));
    return x > 0 ? 1 - complement : complement - 1;
  }

  function erfc(x) {
    if (isNaN(x)) {
      return NaN;
    }
    if (x > 27) {
      return 0;
    }
    // 1 − erf(x) only where erfc(x) > 0.15: it then loses less than a digit.
    if (x >= 1) {
      return erfcFraction(x);
    }
    if (x <= -1) {
      return 2 - erfcFraction(-x);
    }
    return 1 - erfSeries(x);
  }

  var ActivationMath = {
    erf: erf,
    erfc: erfc,
    // σ(z) = 1/(1 + e^(−z)), with the exponential of a non-positive number only (no overflow).
    sigmoid: function (z) {
      if (z >= 0) {
        return 1 / (1 + Math.exp(-z));
      }
      var e = Math.exp(z);
      return e / (1 + e);
    },
    // softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)): exact for large |z| of either sign.
    softplus: function (z) {
      return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    },
    // The standard normal density and distribution; Φ(z) = erfc(−z/√2)/2 keeps the left tail exact.
    phi: function (z) {
      return Math.exp(-z * z / 2) / SQRT_2PI;
    },
    Phi: function (z) {
      return erfc(-z / SQRT_2) / 2;
    },
    // SymPy's unnormalised sinc(x) = sin(x)/x with sinc(0) = 1.
    sinc: function (x) {
      return x === 0 ? 1 : Math.sin(x) / x;
    },
    // As in the build's evaluation: 0 away from its point, infinite at it (only f″ of |x| uses it).
    DiracDelta: function (x) {
      return x === 0 ? Infinity : 0;
    }
  };

  var entries = {};
  window.ActivationMath = ActivationMath;
  window.ActivationFunctions = {
    register: function (entry) {
      entries[entry.slug] = entry;
    },
    get: function (slug) {
      return entries[slug];
    },
    all: function () {
      return Object.keys(entries).sort().map(function (slug) { return entries[slug]; });
    },
    // f, f′ or f″ ("f", "df", "d2f") of an entry at x with the given parameter values (by name).
    // A 0/0 at a removable singularity reads as the mean of the two one-sided values, as in the build.
    evaluate: function (entry, which, x, values) {
      var args = [x].concat(entry.parameters.map(function (p) {
        return values && values[p.name] !== undefined ? values[p.name] : p.default;
      }));
      var y = entry[which].apply(null, args);
      if (isNaN(y) && !isNaN(x)) {
        var h = 1e-7 * Math.max(1, Math.abs(x));
        args[0] = x - h;
        var left = entry[which].apply(null, args);
        args[0] = x + h;
        y = (left + entry[which].apply(null, args)) / 2;
      }
      return y;
    },
    // E[f], E[f²], E[f′], E[f′²] and the gains as analysis/gaussian_moments.py, propagation.py
    moments: function (e, v) {
      var F = this, b = [-12, 12], w = 1, r, q = e.kinks.apply(null, e.parameters.map(function (p) { return v && v[p.name] !== undefined ? v[p.name] : p.default; }));
      q.forEach(function (k) { if (k > -12 && k < 12 && b.indexOf(k) < 0) b.push(k); });
      b.sort(function (a, c) { return a - c; });
      function S(w) {
        var s = [0, 0, 0, 0];
        for (var i = 0; i + 1 < b.length; i++) {
          var n = Math.max(1, Math.ceil((b[i + 1] - b[i]) / w - 1e-9)), h = (b[i + 1] - b[i]) / n;
          for (var j = 0; j < n * 16; j++) {
            var g = GL[j % 16], z = b[i] + (Math.floor(j / 16) + 0.5 + g[0] / 2) * h, c = h / 2 * g[1] * Math.exp(-z * z / 2) / SQRT_2PI;
            var f = F.evaluate(e, "f", z, v), d = F.evaluate(e, "df", z, v);
            s[0] += c * f; s[1] += c * f * f; s[2] += c * d; s[3] += c * d * d;
          }
        }
        return s;
      }
      for (r = S(1); w > 1 / 128; w /= 2) {
        var t = S(w / 2), m = Math.max.apply(null, t.map(Math.abs));
        if (t.every(function (x, i) { return Math.abs(x - r[i]) <= 1e-14 * Math.max(Math.abs(x), 1e-3 * m, 1e-300); })) break;
        r = t;
      }
      var k = e.kind === "gated" ? r[1] + r[3] : r[3];
      return {mean: r[0], second: r[1], slopeMean: r[2], slopeSecond: r[3], forward: 1 / Math.sqrt(r[1]), backward: k > 0 ? 1 / Math.sqrt(k) : Infinity};
    }
  };

  var GL = [];  // Gauss–Legendre, 16 points
  for (var i = 1; i <= 16; i++) {
    for (var x = Math.cos(Math.PI * (i - 0.25) / 16.5), p0, p1, d = NaN, it = 0; it < 100 && !(Math.abs(p1 / d) < 1e-16); it++) {
      p0 = 1;
      p1 = x;
      for (var k = 2; k <= 16; k++) {
        var p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      d = 16 * (x * p1 - p0) / (x * x - 1);
      x -= p1 / d;
    }
    GL.push([x, 2 / ((1 - x * x) * d * d)]);
  }
})();
