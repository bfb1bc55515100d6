// The site's plotly.js: what the charts in macros/models/charts.py use and nothing more.
// plotly.js/src/core.js with its parts chosen: the plot API, the scatter trace (lines and
// markers), bar traces, and the components those charts draw (legend, hover, annotations for
// "uppgift saknas", colour scales that scatter's defaults read). Left out: pie, 3D, maps, shapes,
// images, menus, sliders, range sliders and selectors, selections, error bars, snapshots. Built by ./build.sh into docs/assets/vendor/plotly-site.min.js.
"use strict";

exports.version = require("plotly.js/src/version").version;

require("plotly.js/build/plotcss");

var Registry = require("plotly.js/src/registry");
var register = (exports.register = Registry.register);

var plotApi = require("plotly.js/src/plot_api");
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== "_") exports[name] = plotApi[name];
  register({ moduleType: "apiMethod", name: name, fn: plotApi[name] });
});

register(require("plotly.js/src/traces/scatter"));
register([
  require("plotly.js/src/components/annotations"),
  require("plotly.js/src/components/colorscale"),
  require("plotly.js/src/components/colorbar"),
  require("plotly.js/src/components/legend"),
  require("plotly.js/src/components/fx"),
]);
// The mode bar is hidden (displayModeBar: false): only its layout defaults, which the plot reads.
register({
  moduleType: "component",
  name: "modebar",
  layoutAttributes: require("plotly.js/src/components/modebar/attributes"),
  supplyLayoutDefaults: require("plotly.js/src/components/modebar/defaults"),
});
// Shapes and selections are left out, but the legend and the plot read their (empty) lists.
["shapes", "selections"].forEach(function (name) {
  register({
    moduleType: "component",
    name: name,
    layoutAttributes: {},
    supplyLayoutDefaults: function (layoutIn, layoutOut) {
      layoutOut[name] = [];
    },
  });
});
register([require("plotly.js/src/locale-en"), require("plotly.js/src/locale-en-us")]);
register(require("plotly.js/src/traces/bar"));
