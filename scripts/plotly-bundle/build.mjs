// Builds docs/assets/vendor/plotly-site.min.js from index.js with esbuild (npm run build), and the
// licences of every package it bundles beside it (plotly-site.LICENSES.txt).
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

const LICENSES = "../../docs/assets/vendor/plotly-site.LICENSES.txt";

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
  metafile: true,
}).then((result) => {
  if (process.env.META) fs.writeFileSync(process.env.META, JSON.stringify(result.metafile));
  fs.writeFileSync(LICENSES, licences(result.metafile));
});

// The licences of every package the bundle holds code from (esbuild's list of its inputs), each
// with its version and its licence text as the package ships it, beside the bundle: the minified
// file keeps no licence comments (legalComments: "none").
function licences(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (match) folders.add(match[1]);
  }
  const packages = [...folders].map((folder) => {
    const meta = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8"));
    const file = fs.readdirSync(folder).filter((name) => /^(licen[cs]e|copying)/i.test(name)).sort()[0];
    const licence = typeof meta.license === "string" ? meta.license : (meta.license && meta.license.type) || "not stated";
    const text = file ? fs.readFileSync(path.join(folder, file), "utf8").trim()
      : `(The package ships no licence file; its package.json says: ${licence}.)`;
    return { name: meta.name, version: meta.version, licence, text };
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1)); // code points: the same order everywhere
  const rule = "=".repeat(72);
  return [
    "Third-party licences of docs/assets/vendor/plotly-site.min.js",
    "",
    "The site's plotly.js bundle holds code from these npm packages, at the versions in",
    "scripts/plotly-bundle/package-lock.json. Written by scripts/plotly-bundle/build.mjs",
    "(npm ci && npm run build) from the packages themselves; do not edit by hand.",
    "",
    ...packages.map((p) => `  ${p.name} ${p.version} (${p.licence})`),
    "",
    ...packages.flatMap((p) => [rule, `${p.name} ${p.version}, licence: ${p.licence}`, rule, "", p.text, ""]),
  ].join("\n");
}
