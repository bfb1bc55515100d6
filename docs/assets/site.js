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

  /* Whole numbers only: a table wider than its box is laid out as one card per row (each cell
     under its column's name), never cut at the box's edge. The column names come from the
     table's head, so Markdown tables get them too. Measured again when the width changes and
     when a hidden tab (a chart's table) is shown. Paper prints the table itself (site.css). */
  function labelCells(table) {
    if (table.hasAttribute("data-labelled")) return;
    var heads = table.tHead ? Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.textContent.replace(/\u00ad/g, "").trim();
    }) : [];
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr, tfoot tr"), function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        if (index > 0 && heads[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", heads[index]);
          if (heads[index].length > 16) cell.setAttribute("data-label-long", ""); // a cell of its own width
        }
      });
    });
    table.setAttribute("data-labelled", "");
  }

  // One write pass, one read pass, one write pass: the page is laid out once, however many
  // tables it has (measuring between writes laid it out again for each table). Cells are
  // labelled only in tables that become cards.
  function fitTables() {
    var tables = Array.prototype.slice.call(document.querySelectorAll(".md-typeset table"));
    tables.forEach(function (table) { table.removeAttribute("data-stacked"); }); // an attribute: Material styles Markdown tables by :not([class])
    var wide = tables.filter(function (table) {
      // A folded table is measured when it is opened: reading its size while folded forced a
      // layout of the hidden content for each one (23 on the data page).
      if (table.closest("details:not([open])")) return false;
      var box = table.closest(".table-wrap, .md-typeset__scrollwrap") || table.parentElement;
      if (!box || !box.clientWidth) return false; // in a hidden tab: fitted when it is shown
      var offset = table.getBoundingClientRect().left - box.getBoundingClientRect().left;
      return offset + Math.max(table.scrollWidth, table.offsetWidth) > box.clientWidth + 1;
    });
    wide.forEach(function (table) {
      labelCells(table);
      table.setAttribute("data-stacked", "");
    });
  }

  var fitting = null;
  window.addEventListener("resize", function () {
    clearTimeout(fitting);
    fitting = setTimeout(fitTables, 100);
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches && event.target.matches(".tabbed-set > input")) fitTables();
  });

  // "toggle" does not bubble: caught on its way down, for any folded section with a table.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.open && details.querySelector && details.querySelector("table")) fitTables();
  }, true);

  // On paper every folded text is shown (an edition's "Om utgåvan": how to cite it).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("article details:not([open])").forEach(function (details) { details.open = true; });
  });

  function onPage() {
    fitTables();
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
