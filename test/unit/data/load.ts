/** Reads a fixture of test/fixtures/raw (written by scripts/fixtures.js) through the import's own steps. */
import { readFileSync } from "fs";
import { join } from "path";
import { type DatasetKind, type TypedTable, decodeBytes, guessKind, parseCsv, suggestMapping, typeRows } from "../../../src/data";

export const RAW = join(__dirname, "..", "..", "fixtures", "raw");

export function bytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(RAW, name)));
}

/** A fixture as the Data tab's file input hands it over (FileInput: its name and bytes). */
export function fixtureFile(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: bytes(name) };
}

export async function rawTable(name: string) {
  const decoded = decodeBytes(bytes(name));
  if (!decoded.ok) throw new Error(`${name}: ${decoded.problem.code}`);
  const parsed = await parseCsv(decoded.text);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
  return parsed.table;
}

/** A fixture as the pane imports it with the suggested mapping. */
export async function typed<K extends DatasetKind>(name: string, kind: K): Promise<TypedTable<K>> {
  const table = await rawTable(name);
  if (guessKind(table.headers) !== kind) throw new Error(`${name} does not look like ${kind}`);
  const result = typeRows(kind, table, suggestMapping(kind, table.headers));
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
  return result.table;
}

/** The English and Chinese fixtures hold the same records; Chinese names map to these. */
export const EN_NAME: Record<string, string> = { 张伟: "Zhang Wei", 李娜: "Li Na", 王芳: "Wang Fang" };
