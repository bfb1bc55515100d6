/* The one site script on every page, kept small: it names Material's search dialog, and on a
   page with a chart (also one reached by Material's instant navigation) it loads the chart
   code once. Pages without charts load nothing more. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  var chartsLoaded = false;

  function load(name) {
    var script = document.createElement("script");
    script.src = new URL(name, here).href;
    script.async = false; // in order: charts.js reads the theme
    document.head.appendChild(script);
  }

  function onPage() {
    // Material's search overlay is a dialog without a name (WCAG 4.1.2: aria-dialog-name).
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Sök på webbplatsen");
    });
    if (chartsLoaded || !document.querySelector(".chart-plot[data-figure]")) return;
    chartsLoaded = true;
    load("chart-theme.js"); // written by the build: colours and the Swedish Plotly locale
    load("charts.js");
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
