/**
 * Links taskpane.css into the page. `new URL(..., import.meta.url)` makes webpack 5 emit the
 * file as an asset with no loader configured; nothing is fetched from another origin.
 * Resolves when the sheet has loaded (or after a short wait), so the pane never flashes unstyled.
 */
export const TASKPANE_CSS_URL = new URL("./taskpane.css", import.meta.url).href;

export function ensureStylesheet(doc: Document): Promise<void> {
  const existing = doc.querySelector<HTMLLinkElement>('link[data-collectkpi="taskpane"]');
  if (existing !== null) return Promise.resolve();
  const link = doc.createElement("link");
  link.rel = "stylesheet";
  link.href = TASKPANE_CSS_URL;
  link.dataset.collectkpi = "taskpane";
  return new Promise((resolve) => {
    const done = (): void => resolve();
    link.addEventListener("load", done, { once: true });
    link.addEventListener("error", done, { once: true });
    setTimeout(done, 1500);
    doc.head.appendChild(link);
  });
}
