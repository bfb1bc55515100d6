/* Draws the page's charts from their embedded figure JSON, in the reader's colour scheme.

   Loaded by site.js only on pages that have a chart. plotly.js (the big part: the site's own
   bundle, scripts/plotly-bundle/) is downloaded once the page has loaded and the browser is idle,
   and run when the reader first acts (scroll, touch, mouse, key) or a chart nears the screen;
   each chart is drawn when it
   nears the screen, one per task: text, cards and tables are readable before any of it runs,
   and a chart the reader reaches is drawn at once, not after a download.
   Material's instant navigation swaps pages without reloading, so the work hangs on document$.

   The figure's layout (macros/models/charts.py) keeps labels apart at any width; here it
   is fitted to the element's width at draw time: long names wrapped, fewer month ticks and
   smaller type on a phone, and a fixed A4 width when the page is printed.

   window.siteCharts.drawAll() draws every chart now and resolves when done (for printing
   a whole page, e.g. to PDF with a headless browser). */
(function () {
  "use strict";
  var NARROW = 600; // px: below this a chart gets the phone layout
  var PRINT_WIDTH = 640; // px: a chart on A4 portrait within the print margins
  var NEAR = "200px 0px"; // draw a chart when it is this close to the screen
  var plotlyUrl = new URL("vendor/plotly-site.min.js", document.currentScript.src).href;
  var plotly = null; // the promise of plotly.js, once asked for
  var observer = null;
  var printing = window.matchMedia("print");
  var paper = false; // between beforeprint and afterprint

  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        if (window.Plotly) return resolve(window.Plotly);
        var script = document.createElement("script");
        script.src = plotlyUrl;
        script.onload = function () {
          window.Plotly.register(window.SITE_CHARTS.locale);
          resolve(window.Plotly);
        };
        script.onerror = function () {
          plotly = null; // try again on the next chart
          reject(new Error("plotly.js could not be loaded"));
        };
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  function prefetchPlotly() {
    if (plotly || window.Plotly || document.querySelector("link[data-plotly]")) return;
    var link = document.createElement("link");
    link.rel = "prefetch"; // into the cache only; loadPlotly's script tag takes it from there
    link.href = plotlyUrl;
    link.setAttribute("data-plotly", "");
    document.head.appendChild(link);
  }

  function scheme() {
    if (onPaper()) return "light"; // paper is white whatever the screen shows
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  /* `text` in lines of at most `max` characters, broken at spaces (Plotly's <br>). */
  function wrap(text, max) {
    var lines = [];
    String(text).split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= max) lines[last] += " " + word;
      else lines.push(word);
    });
    return lines.join("<br>");
  }

  function lineCount(text) {
    return text.split("<br>").length;
  }

  /* The figure as drawn in this theme at this width: a fresh copy, the embedded one is kept. */
  function view(figure, name, width) {
    var theme = window.SITE_CHARTS.themes[name];
    var layout = JSON.parse(JSON.stringify(figure.layout));
    var narrow = width < NARROW;
    var size = narrow ? 12 : 14;
    var charWidth = size * 0.6; // a generous average for the site's sans-serif
    layout.paper_bgcolor = theme.background;
    layout.plot_bgcolor = theme.background;
    layout.font = { color: theme.font, family: "inherit", size: size };
    layout.colorway = theme.colorway;
    layout.width = width;
    var lying = figure.data.some(function (trace) { return trace.orientation === "h"; });
    ["xaxis", "yaxis"].forEach(function (key) {
      var axis = (layout[key] = Object.assign({}, layout[key], {
        gridcolor: theme.grid, linecolor: theme.grid, zerolinecolor: theme.grid
      }));
      // An axis title no longer than its axis: upright titles run along the plot's height.
      var length = key === "yaxis" ? layout.height - 120 : width - 120;
      if (axis.title && axis.title.text) {
        axis.title = Object.assign({}, axis.title, { text: wrap(axis.title.text, Math.max(12, Math.floor(length / charWidth))) });
      }
    });
    // Category names: long ones wrapped, into at most 40 % of the width when they stand beside lying bars.
    var categories = figure.data[0] ? (lying ? figure.data[0].y : figure.data[0].x) : [];
    var categoryAxis = layout[lying ? "yaxis" : "xaxis"];
    if (categoryAxis.type === "category" && categories.length) {
      var room = lying ? width * 0.4 : (width - 80) / categories.length;
      var max = Math.max(8, Math.floor(room / charWidth));
      var labels = categories.map(function (c) { return wrap(c, max); });
      if (labels.some(function (l, i) { return l !== String(categories[i]); })) {
        categoryAxis.tickmode = "array";
        categoryAxis.tickvals = categories;
        categoryAxis.ticktext = labels;
      }
      if (lying) {
        var lines = Math.max.apply(null, labels.map(lineCount));
        layout.height += categories.length * Math.max(0, lines - 2) * size * 1.3;
      } else if (narrow && categoryAxis.categoryarray && categoryAxis.categoryarray.length > 6) {
        categoryAxis.nticks = Math.max(2, Math.floor((width - 80) / 48)); // months: every other one, level
      }
    }
    // The line naming series with no value at all (charts.py, empty_marks): wrapped to the width,
    // in a band above the plot made as tall as its lines.
    (layout.annotations || []).forEach(function (mark, index) {
      if (mark.name !== "uppgift-saknas-serie") return;
      var text = wrap(mark.text, Math.max(12, Math.floor((width - 40) / (charWidth * 0.9))));
      layout.annotations[index] = Object.assign({}, mark, { text: text });
      var band = (lineCount(text) * size * 1.35 + 10) / Math.max(120, layout.height - 90);
      layout.yaxis = Object.assign({}, layout.yaxis, { domain: [0, Math.max(0.5, 1 - band)] });
    });
    var legendMax = Math.max(12, Math.floor((width - 60) / charWidth));
    var data = figure.data.map(function (trace, index) {
      var colour = trace.meta && trace.meta.muted ? theme.muted : theme.colorway[index % theme.colorway.length];
      var copy = Object.assign({}, trace, { name: wrap(trace.name, legendMax) });
      copy.line = Object.assign({}, trace.line, { color: colour });
      copy.marker = Object.assign({}, trace.marker, { color: colour });
      if (copy.marker.pattern) {
        copy.marker.pattern = Object.assign({}, copy.marker.pattern, { fgcolor: theme.background });
      }
      return copy;
    });
    var config = Object.assign({}, figure.config, { responsive: false }); // resizing is handled below
    return { data: data, layout: layout, config: config };
  }

  function figureOf(element) {
    var source = document.getElementById(element.getAttribute("data-figure"));
    return source ? JSON.parse(source.content.textContent) : null; // a <template>: inert, never run
  }

  function onPaper() {
    return paper || printing.matches;
  }

  function widthOf(element) {
    return onPaper() ? PRINT_WIDTH : Math.round(element.getBoundingClientRect().width);
  }

  function draw(element) {
    var figure = figureOf(element);
    var width = widthOf(element);
    if (!figure) return;
    if (!width) { // in a hidden tab: drawn when it is shown
      if (observer) observer.observe(element);
      return;
    }
    var name = scheme();
    var drawn = view(figure, name, width);
    window.Plotly.react(element, drawn.data, drawn.layout, drawn.config);
    element.setAttribute("data-theme", name);
    element.setAttribute("data-width", String(width));
    element.classList.add("is-drawn");
  }

  /* Draw these elements one per task: a long page never blocks the reader for all its charts at once. */
  function drawSoon(elements) {
    return loadPlotly().then(function () {
      return elements.reduce(function (previous, element) {
        return previous.then(function () {
          return new Promise(function (resolve) {
            setTimeout(function () {
              try {
                if (document.body.contains(element)) draw(element);
              } finally {
                resolve(); // one chart that fails to draw does not stop the others
              }
            }, 0);
          });
        });
      }, Promise.resolve());
    });
  }

  function plots() {
    return Array.prototype.slice.call(document.querySelectorAll(".chart-plot[data-figure]"));
  }

  function drawn() {
    return plots().filter(function (element) { return element.classList.contains("is-drawn"); });
  }

  function watch() {
    if (observer) observer.disconnect();
    var elements = plots().filter(function (element) { return !element.classList.contains("is-drawn"); });
    if (!elements.length) return;
    if (!("IntersectionObserver" in window)) {
      drawSoon(elements);
      return;
    }
    // The reader has started to act (a scroll, a touch, the mouse, a key: a jump to a chart through
    // the table of contents starts with one of them): run plotly.js now, not at the first chart.
    var acting = ["scroll", "wheel", "touchstart", "pointermove", "pointerdown", "keydown"];
    function onAct() {
      acting.forEach(function (name) { window.removeEventListener(name, onAct, { passive: true }); });
      if (plots().length) loadPlotly().catch(function () {});
    }
    acting.forEach(function (name) { window.addEventListener(name, onAct, { passive: true }); });
    // Once the page has rendered, download plotly.js while the browser is idle, without running
    // it: the first chart the reader reaches is drawn without a download, and a reader who never
    // scrolls pays no CPU for it (running it is one long task, seconds on a slow phone).
    whenIdle(function () {
      if (plots().length) prefetchPlotly();
    });
    observer = new IntersectionObserver(function (entries) {
      var near = entries.filter(function (e) { return e.isIntersecting; }).map(function (e) { return e.target; });
      near.forEach(function (element) { observer.unobserve(element); });
      if (near.length) drawSoon(near);
    }, { rootMargin: NEAR });
    elements.forEach(function (element) { observer.observe(element); });
  }

  function whenIdle(task) {
    function soon() {
      if ("requestIdleCallback" in window) window.requestIdleCallback(task, { timeout: 3000 });
      else setTimeout(task, 1000);
    }
    if (document.readyState === "complete") soon();
    else window.addEventListener("load", soon, { once: true });
  }

  /* Redraw what was drawn for another width or scheme (window resized, printed, dark mode). */
  function refit() {
    if (!window.Plotly) return;
    drawn().forEach(function (element) {
      var width = widthOf(element);
      if (Math.abs(width - Number(element.getAttribute("data-width"))) > 4 || element.getAttribute("data-theme") !== scheme()) {
        draw(element);
      }
    });
  }

  window.siteCharts = {
    drawAll: function () {
      if (observer) observer.disconnect();
      return drawSoon(plots());
    }
  };

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(refit, 150);
  });
  // Printing: every chart is drawn at once (if plotly.js is here) for the paper's width, in light colours.
  function toPaper() {
    if (!window.Plotly) return void loadPlotly().catch(function () {}); // too late for this print: the tables carry the numbers
    plots().forEach(function (element) {
      if (!element.classList.contains("is-drawn")) draw(element);
    });
    refit();
  }
  printing.addEventListener("change", function () { (printing.matches ? toPaper : refit)(); });
  window.addEventListener("beforeprint", function () { paper = true; toPaper(); });
  window.addEventListener("afterprint", function () { paper = false; refit(); });

  // A chart inside a hidden tab has no size: fit it when its tab is shown.
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches && event.target.matches(".tabbed-set > input")) refit();
  });

  new MutationObserver(refit).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(watch);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
