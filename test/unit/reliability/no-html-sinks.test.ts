/**
 * Issue 8, no injection: text from the workbook (benchmark names, sheet names, cell text)
 * must never reach the page as HTML. The UI builds every element with src/taskpane/dom.ts,
 * which puts text in as text nodes; this test fails if any source file takes up an API
 * that parses a string as HTML or as code.
 */
import { readFileSync, readdirSync, statSync } from "fs";
import { join, relative } from "path";

const ROOT = join(__dirname, "../../..");
const SINKS = /\binnerHTML\b|\bouterHTML\b|\binsertAdjacentHTML\b|\bdocument\.write(ln)?\b|\bnew Function\b|(?<![\w.])eval\s*\(|\bcreateContextualFragment\b|\bsrcdoc\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|html)$/.test(name) ? [path] : [];
  });
}

/** Code only: a comment may name a sink to say it is not used. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1").replace(/<!--[\s\S]*?-->/g, "");
}

test("no source file parses a string as HTML or as code", () => {
  const files = sourceFiles(join(ROOT, "src"));
  // the whole UI: task pane, preview, templates, core
  expect(files.length).toBeGreaterThan(40);
  const hits = files.flatMap((file) =>
    withoutComments(readFileSync(file, "utf8"))
      .split("\n")
      .map((line, i) => ({ file: relative(ROOT, file), line: i + 1, text: line.trim() }))
      .filter((l) => SINKS.test(l.text))
  );
  expect(hits).toEqual([]);
});

test("the sink pattern does catch each sink it is meant to", () => {
  for (const code of ['el.innerHTML = name', "el.insertAdjacentHTML('beforeend', s)", "document.write(s)", "new Function(s)", "eval(s)", "frame.srcdoc = s"]) {
    expect([code, SINKS.test(code)]).toEqual([code, true]);
  }
  // and not harmless look-alikes
  for (const code of ["el.textContent = name", "evaluate(sheet)", "retrieval(s)"]) {
    expect([code, SINKS.test(code)]).toEqual([code, false]);
  }
});
