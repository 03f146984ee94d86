/**
 * The place a HYPERLINK inside the workbook points at ("#'Benchmarks'!D13" → "'Benchmarks'!D13"),
 * or undefined: links out of the workbook are never followed from the preview.
 */
export function linkTarget(formula: string): string | undefined {
  const m = /HYPERLINK\(\s*"#((?:[^"]|"")+)"/i.exec(formula);
  return m === null ? undefined : m[1].replace(/""/g, '"');
}
