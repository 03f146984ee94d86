/** Portable workbooks (issue 6): native equivalents of the COLLECT functions. See README.md. */
export { makePortable, describeSummary, officeContextIsPortable } from "./excelAction";
export type { MakePortableOptions, PortableContext, PortableRun, PortableSummary } from "./excelAction";
export { convertFormula, convertSheet, collectFunction, mentionsCollect } from "./convert";
export type { ConvertOptions, ConvertedCell, NameDefinition, SheetCell, SheetConversion, SkippedCell } from "./convert";
export { NATIVE, NATIVE_NAME_PREFIX, MAX_FORMULA_LENGTH, Unconvertible } from "./native";
export { parseFormula, printFormula, FormulaSyntaxError } from "./formula";
export { REASONS, reasonText } from "./reasons";
export type { Reason, ReasonKey } from "./reasons";
