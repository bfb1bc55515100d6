/* Draws every chart on the page from its embedded figure JSON, in the reader's
   colour scheme. Material's instant navigation swaps pages without reloading,
   so drawing hangs on document$; a scheme toggle re-themes charts in place. */
(function () {
  "use strict";
  var settings = window.SITE_CHARTS;
  var localeRegistered = false;

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function themed(figure, name) {
    var theme = settings.themes[name];
    var layout = JSON.parse(JSON.stringify(figure.layout));
    layout.paper_bgcolor = theme.background;
    layout.plot_bgcolor = theme.background;
    layout.font = { color: theme.font, family: "inherit", size: 14 };
    layout.colorway = theme.colorway;
    ["xaxis", "yaxis"].forEach(function (axis) {
      layout[axis] = Object.assign({}, layout[axis], { gridcolor: theme.grid, linecolor: theme.grid, zerolinecolor: theme.grid });
    });
    var data = figure.data.map(function (trace, index) {
      var colour = theme.colorway[index % theme.colorway.length];
      var copy = Object.assign({}, trace);
      copy.line = Object.assign({}, trace.line, { color: colour });
      copy.marker = Object.assign({}, trace.marker, { color: colour });
      if (copy.marker.pattern) {
        copy.marker.pattern = Object.assign({}, copy.marker.pattern, { fgcolor: theme.background });
      }
      return copy;
    });
    return { data: data, layout: layout };
  }

  function draw(element, name) {
    var source = document.getElementById(element.getAttribute("data-figure"));
    if (!source) return;
    var figure = JSON.parse(source.content.textContent); // a <template>: inert, never run
    var view = themed(figure, name);
    window.Plotly.react(element, view.data, view.layout, figure.config);
    element.setAttribute("data-theme", name);
  }

  function drawAll() {
    if (!window.Plotly || !settings) return;
    if (!localeRegistered) {
      window.Plotly.register(settings.locale);
      localeRegistered = true;
    }
    var name = scheme();
    document.querySelectorAll(".chart-plot[data-figure]").forEach(function (element) {
      element.classList.add("is-drawn");
      draw(element, name);
    });
  }

  // A chart inside a hidden tab has no size: redraw when its tab is shown.
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches && event.target.matches(".tabbed-set > input")) {
      document.querySelectorAll(".chart-plot.js-plotly-plot").forEach(function (element) {
        window.Plotly.Plots.resize(element);
      });
    }
  });

  new MutationObserver(function () {
    document.querySelectorAll(".chart-plot[data-theme]").forEach(function (element) {
      if (element.getAttribute("data-theme") !== scheme()) draw(element, scheme());
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", drawAll);
  }
})();
