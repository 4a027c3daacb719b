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
    // E[f(z)], E[f(z)²], E[f′(z)], E[f′(z)²] for z ~ N(0, 1) at the given parameter values, by the
    // build's rule (actsite.analysis.gaussian_moments): composite 16-point Gauss–Legendre on
    // [−12, 12] cut at the kinks (the entry's `kinks`, printed from the same expression), each piece
    // cut into sub-intervals whose width is halved from 1 until the four sums agree to 1e−14.
    moments: function (entry, values) {
      var args = entry.parameters.map(function (p) {
        return values && values[p.name] !== undefined ? values[p.name] : p.default;
      });
      var breaks = [-REACH, REACH];
      entry.kinks.apply(null, args).forEach(function (k) {
        if (Number.isFinite(k) && k > -REACH && k < REACH && breaks.indexOf(k) < 0) {
          breaks.push(k);
        }
      });
      breaks.sort(function (a, b) { return a - b; });
      var self = this;
      function sums(width) {
        var total = [0, 0, 0, 0];
        for (var i = 0; i + 1 < breaks.length; i++) {
          var count = Math.max(1, Math.ceil((breaks[i + 1] - breaks[i]) / width - 1e-9));
          var step = (breaks[i + 1] - breaks[i]) / count;
          for (var j = 0; j < count; j++) {
            var middle = breaks[i] + (j + 0.5) * step;
            for (var k = 0; k < NODES.length; k++) {
              var z = middle + step / 2 * NODES[k];
              var weight = step / 2 * WEIGHTS[k] * Math.exp(-z * z / 2) / SQRT_2PI;
              var f = self.evaluate(entry, "f", z, values);
              var df = self.evaluate(entry, "df", z, values);
              total[0] += weight * f;
              total[1] += weight * f * f;
              total[2] += weight * df;
              total[3] += weight * df * df;
            }
          }
        }
        return total;
      }
      var width = 1;
      var previous = sums(width);
      while (width > 1 / 128) {
        var current = sums(width / 2);
        var largest = Math.max.apply(null, current.map(Math.abs));
        var agree = current.every(function (value, index) {
          return Math.abs(value - previous[index]) <= 1e-14 * Math.max(Math.abs(value), 1e-3 * largest, 1e-300);
        });
        if (agree) {
          break;
        }
        width /= 2;
        previous = current;
      }
      return {mean: previous[0], second: previous[1], slopeMean: previous[2], slopeSecond: previous[3]};
    },
    // The forward and backward gains from the moments: 1/√E[f²] and 1/√E[f′²]; for a gated unit
    // a·g(b) with independent halves, 1/√E[g²] and 1/√(E[g²] + E[g′²]). Infinity where the mean square is 0.
    gains: function (entry, moments) {
      var backward = entry.kind === "gated" ? moments.second + moments.slopeSecond : moments.slopeSecond;
      return {forward: 1 / Math.sqrt(moments.second), backward: backward > 0 ? 1 / Math.sqrt(backward) : Infinity};
    }
  };

  // The nodes and weights of 16-point Gauss–Legendre quadrature on [−1, 1], by Newton's method on P₁₆.
  var REACH = 12;
  var NODES = [];
  var WEIGHTS = [];
  (function () {
    var n = 16;
    for (var i = 1; i <= n; i++) {
      var x = Math.cos(Math.PI * (i - 0.25) / (n + 0.5));
      var derivative = 0;
      for (var iteration = 0; iteration < 100; iteration++) {
        var p0 = 1;
        var p1 = x;
        for (var k = 2; k <= n; k++) {
          var p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        derivative = n * (x * p1 - p0) / (x * x - 1);
        var change = p1 / derivative;
        x -= change;
        if (Math.abs(change) < 1e-16) {
          break;
        }
      }
      NODES.push(x);
      WEIGHTS.push(2 / ((1 - x * x) * derivative * derivative));
    }
  })();
})();
