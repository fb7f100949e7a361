// Code tab: the recipe and model as Python, shown as text, with a copy button.
import { h } from "./util.js";

export default {
  render({ model, el }) {
    const pre = h("pre", { cls: "lw-code" });
    const status = h("span", { cls: "lw-muted" });
    const copy = h("button", {
      text: "Copy code",
      cls: "lw-btn",
      on: {
        click: async () => {
          try {
            await navigator.clipboard.writeText(model.get("code"));
            status.textContent = "copied";
          } catch {
            status.textContent = "select the text and copy it (clipboard not available)";
          }
        },
      },
    });
    const show = () => (pre.textContent = model.get("code"));
    show();
    model.on("change:code", show);
    el.appendChild(h("div", { cls: "lepton lw-code-panel" }, [
      h("div", { cls: "lw-toolbar" }, [copy, status]), pre,
    ]));
  },
};
