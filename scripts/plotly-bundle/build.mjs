// Builds docs/assets/vendor/plotly-site.min.js from index.js with esbuild (npm run build).
import { build } from "esbuild";

// Left out by stubbing the imports that would pull them in, since the site's charts never use
// them: selections (box and lasso select: the axes are fixed, so a reader never starts one),
// the mode bar's buttons (displayModeBar: false), drawing new shapes, and maplibre's stylesheet (maps).
// Each stub answers every method with a no-op.
const LEFT_OUT = /(components\/selections|components\/modebar|components\/shapes\/draw|maplibre-gl\.css)$/;

const leaveOut = {
  name: "leave-out",
  setup(b) {
    b.onResolve({ filter: LEFT_OUT }, (args) => ({ path: args.path, namespace: "left-out" }));
    // The mode bar's buttons (and their icons), which its layout attributes list by name.
    b.onResolve({ filter: /^\.\/buttons$/ }, (args) =>
      args.importer.includes("components/modebar") ? { path: args.path, namespace: "left-out" } : undefined);
    b.onLoad({ filter: /.*/, namespace: "left-out" }, () => ({
      contents: "module.exports = new Proxy({}, { get: function () { return function () {}; } });",
      loader: "js",
    }));
  },
};

await build({
  entryPoints: ["index.js"],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  legalComments: "none",
  target: "es2018",
  define: { global: "window" }, // some of plotly's dependencies expect Node's name for the global object
  outfile: "../../docs/assets/vendor/plotly-site.min.js",
  plugins: [leaveOut],
  logLevel: "warning",
  metafile: !!process.env.META,
}).then(async (result) => {
  if (process.env.META) (await import("node:fs")).writeFileSync(process.env.META, JSON.stringify(result.metafile));
});
