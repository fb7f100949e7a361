// One esbuild entry per panel: anywidget loads a single ESM file and cannot load split chunks.
import { build } from "esbuild";

const panels = ["grid", "clean", "features", "nlp", "model", "charts", "code"];
await build({
  entryPoints: [...panels.map((p) => `src/${p}.js`), "src/studio.css"],
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  outdir: "../lepton_widgets/static",
  logLevel: "warning",
});
