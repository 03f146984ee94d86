/**
 * Excel number formats, rendered as Excel shows them, for the browser preview's grid.
 *
 * Covers what templates write and what a user is likely to type: General; digit
 * placeholders 0 # ?; decimals; thousands separators (and trailing-comma scaling); % (×100);
 * scientific E+00; quoted literals ("天", "¥"); backslash escapes; [$¥-804] currency;
 * [Red]-style colours; up to four sections (positive;negative;zero;text) with [>=n]
 * conditions; @ for text; _x spacing and *x fill (rendered as one space / nothing).
 * ‰ is a literal in Excel (it does not scale), and so it is here. Dates and times (the Data
 * tab's tables and the reporting month: yyyy-mm-dd, yyyy"年"m"月", hh:mm:ss) render from the
 * serial in Excel's 1900 system; elapsed-time codes ([h]) show the number as General.
 * Pure: no DOM.
 */

export type FormatValue = number | string | boolean | null;

export interface Rendered {
  readonly text: string;
  /** From a [Red]-style colour code, as CSS. */
  readonly color?: string;
}

const COLORS: Readonly<Record<string, string>> = {
  black: "#000000",
  blue: "#0000FF",
  cyan: "#00FFFF",
  green: "#008000",
  magenta: "#FF00FF",
  red: "#FF0000",
  white: "#FFFFFF",
  yellow: "#FFFF00",
};

type Token =
  | { readonly t: "lit"; readonly s: string }
  | { readonly t: "digit"; readonly c: "0" | "#" | "?" }
  | { readonly t: "point" }
  | { readonly t: "comma" }
  | { readonly t: "percent" }
  | { readonly t: "exp"; readonly sign: "+" | "-" }
  | { readonly t: "text" }
  | { readonly t: "general" }
  /** A date or time code: yyyy, yy, m, mm, mmm, d, dd, h, hh, s, ss (m after h or before s: minutes). */
  | { readonly t: "date"; readonly code: string };

interface Section {
  readonly tokens: readonly Token[];
  readonly color?: string;
  readonly condition?: { readonly op: string; readonly value: number };
  /** A date/time code was found: the section renders a date. */
  readonly date: boolean;
  /** An elapsed-time code ([h], [mm]) was found: not rendered by this module (General). */
  readonly elapsed?: boolean;
}

const cache = new Map<string, Section[]>();

/** Splits a format into sections at ';' outside quotes, brackets and escapes. */
function splitSections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (!quoted && !bracket && ch === "\\" && i + 1 < format.length) {
      current += ch + format[++i];
      continue;
    }
    if (!bracket && ch === '"') quoted = !quoted;
    else if (!quoted && ch === "[") bracket = true;
    else if (!quoted && ch === "]") bracket = false;
    if (ch === ";" && !quoted && !bracket) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

function parseSection(text: string): Section {
  const tokens: Token[] = [];
  let color: string | undefined;
  let condition: Section["condition"];
  let date = false;
  let elapsed = false;
  const lit = (s: string): void => {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.t === "lit") tokens[tokens.length - 1] = { t: "lit", s: last.s + s };
    else tokens.push({ t: "lit", s });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      lit(text.slice(i + 1, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end;
    } else if (ch === "\\") {
      if (i + 1 < text.length) lit(text[++i]);
    } else if (ch === "_") {
      i++;
      lit(" ");
    } else if (ch === "*") {
      i++; // fill character: the preview's cells do not repeat it
    } else if (ch === "[") {
      const end = text.indexOf("]", i + 1);
      const inner = text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      const lower = inner.toLowerCase();
      const cond = /^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)$/.exec(inner.trim());
      if (COLORS[lower] !== undefined) color = COLORS[lower];
      else if (/^color\s*\d+$/.test(lower)) color = undefined;
      else if (cond !== null) condition = { op: cond[1], value: Number(cond[2]) };
      else if (inner.startsWith("$")) {
        // [$¥-804], [$USD]: the currency text before the locale id.
        const symbol = inner.slice(1).split("-")[0];
        if (symbol !== "") lit(symbol);
      } else if (/^(h+|m+|s+)$/i.test(inner)) {
        date = true;
        elapsed = true;
      }
    } else if (ch === "0" || ch === "#" || ch === "?") {
      tokens.push({ t: "digit", c: ch });
    } else if (ch === ".") {
      tokens.push({ t: "point" });
    } else if (ch === ",") {
      tokens.push({ t: "comma" });
    } else if (ch === "%") {
      tokens.push({ t: "percent" });
    } else if ((ch === "E" || ch === "e") && (text[i + 1] === "+" || text[i + 1] === "-")) {
      tokens.push({ t: "exp", sign: text[i + 1] as "+" | "-" });
      i++;
    } else if (ch === "@") {
      tokens.push({ t: "text" });
    } else if (text.slice(i, i + 7).toLowerCase() === "general") {
      tokens.push({ t: "general" });
      i += 6;
    } else if (/[dmyhs]/i.test(ch) && !/[a-z]/i.test(text[i - 1] ?? "") && /^(d{1,4}|m{1,5}|y{1,4}|h{1,2}|s{1,2})(?![a-z])/i.test(text.slice(i))) {
      date = true;
      const code = (/^(d{1,4}|m{1,5}|y{1,4}|h{1,2}|s{1,2})/i.exec(text.slice(i)) as RegExpExecArray)[1];
      tokens.push({ t: "date", code: code.toLowerCase() });
      i += code.length - 1;
    } else {
      lit(ch);
    }
  }
  return { tokens, ...(color !== undefined ? { color } : {}), ...(condition !== undefined ? { condition } : {}), date, ...(elapsed ? { elapsed } : {}) };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * A serial in Excel's 1900 date system as a date and time: day 1 is 1900-01-01, and Excel
 * counts a 29 February 1900 (serial 60) that never was, so from serial 61 on the days run
 * from 1899-12-30. Seconds are rounded, as Excel displays them.
 */
function dateParts(serial: number): { y: number; m: number; d: number; wd: number; h: number; min: number; s: number } {
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds >= 86_400) {
    days += 1;
    seconds -= 86_400;
  }
  const base = days >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const when = new Date(base + days * 86_400_000);
  return { y: when.getUTCFullYear(), m: when.getUTCMonth() + 1, d: when.getUTCDate(), wd: when.getUTCDay(), h: Math.floor(seconds / 3600), min: Math.floor((seconds % 3600) / 60), s: seconds % 60 };
}

/** Renders a date section: each code from the serial, literals as they are. */
function renderDate(section: Section, value: number): string {
  const p = dateParts(value);
  const two = (n: number): string => String(n).padStart(2, "0");
  const tokens = section.tokens;
  return tokens
    .map((t, i) => {
      if (t.t === "lit") return t.s;
      if (t.t !== "date") return "";
      const code = t.code;
      if (code[0] === "m") {
        // m after an hour code or before a seconds code is minutes (as Excel reads it).
        const prev = tokens.slice(0, i).reverse().find((x) => x.t === "date") as { code: string } | undefined;
        const next = tokens.slice(i + 1).find((x) => x.t === "date") as { code: string } | undefined;
        if (code.length <= 2 && (prev?.code[0] === "h" || next?.code[0] === "s")) return code.length === 2 ? two(p.min) : String(p.min);
        if (code.length === 1) return String(p.m);
        if (code.length === 2) return two(p.m);
        if (code.length === 3) return MONTHS[p.m - 1].slice(0, 3);
        return code.length === 5 ? MONTHS[p.m - 1][0] : MONTHS[p.m - 1];
      }
      switch (code[0]) {
        case "y":
          return code.length <= 2 ? two(p.y % 100) : String(p.y);
        case "d":
          return code.length === 1 ? String(p.d) : code.length === 2 ? two(p.d) : code.length === 3 ? DAYS[p.wd].slice(0, 3) : DAYS[p.wd];
        case "h":
          return code.length === 2 ? two(p.h) : String(p.h);
        default:
          return code.length === 2 ? two(p.s) : String(p.s);
      }
    })
    .join("");
}

function sectionsOf(format: string): Section[] {
  let sections = cache.get(format);
  if (sections === undefined) {
    sections = splitSections(format).map(parseSection);
    cache.set(format, sections);
  }
  return sections;
}

function meets(condition: NonNullable<Section["condition"]>, value: number): boolean {
  switch (condition.op) {
    case "<":
      return value < condition.value;
    case "<=":
      return value <= condition.value;
    case ">":
      return value > condition.value;
    case ">=":
      return value >= condition.value;
    case "=":
      return value === condition.value;
    default:
      return value !== condition.value;
  }
}

/** Excel's General: up to 11 characters, 10 significant digits, exponent for very large or small. */
export function formatGeneral(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mantissa, exponent] = value.toExponential(5).split("e");
    const m = mantissa.replace(/\.?0+$/, "");
    const e = Number(exponent);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const intDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
  const decimals = Math.max(0, Math.min(10 - intDigits, 9));
  const text = roundFixed(abs, decimals).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  return value < 0 ? `-${text}` : text;
}

/** |x| rounded half away from zero to `decimals` places, as fixed text (Excel rounds at 15 significant digits first). */
function roundFixed(abs: number, decimals: number): string {
  const clean = Number(abs.toPrecision(15));
  const shifted = Math.round(Number(`${clean}e${decimals}`));
  const rounded = Number(`${shifted}e-${decimals}`);
  return rounded.toFixed(decimals);
}

function group(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Renders |value| with one section's tokens; the caller puts any minus sign in front, as Excel does ("-¥5"). */
function renderNumber(section: Section, abs: number): string {
  const tokens = section.tokens;
  if (section.date || tokens.some((t) => t.t === "general")) {
    const general = formatGeneral(abs);
    if (section.date) return general;
    return tokens.map((t) => (t.t === "general" ? general : t.t === "lit" ? t.s : "")).join("");
  }
  const digitIdx = tokens.map((t, i) => (t.t === "digit" ? i : -1)).filter((i) => i >= 0);
  if (digitIdx.length === 0) {
    // Only literals (e.g. "-" for zero): shown as they are.
    return tokens.map((t) => (t.t === "lit" ? t.s : t.t === "percent" ? "%" : "")).join("");
  }
  const firstDigit = digitIdx[0];
  const lastDigit = digitIdx[digitIdx.length - 1];
  const expIdx = tokens.findIndex((t) => t.t === "exp");
  const pointIdx = tokens.findIndex((t, i) => t.t === "point" && i > firstDigit - 1 && (expIdx < 0 || i < expIdx));

  let value = abs;
  const percents = tokens.filter((t) => t.t === "percent").length;
  value *= Math.pow(100, percents);
  // Commas right after the last digit placeholder (before any point) divide by 1000 each.
  let scaleCommas = 0;
  for (let i = lastDigit + 1; i < tokens.length && tokens[i].t === "comma"; i++) scaleCommas++;
  value /= Math.pow(1000, scaleCommas);
  const thousands = tokens.some((t, i) => t.t === "comma" && i > firstDigit && i < lastDigit && (pointIdx < 0 || i < pointIdx));

  const intEnd = pointIdx >= 0 ? pointIdx : expIdx >= 0 ? expIdx : lastDigit + 1;
  const fracEnd = expIdx >= 0 ? expIdx : tokens.length;
  const intPlaces = tokens.slice(0, intEnd).filter((t): t is Extract<Token, { t: "digit" }> => t.t === "digit").map((t) => t.c);
  const fracPlaces =
    pointIdx >= 0 ? tokens.slice(pointIdx + 1, fracEnd).filter((t): t is Extract<Token, { t: "digit" }> => t.t === "digit").map((t) => t.c) : [];
  const expPlaces = expIdx >= 0 ? tokens.slice(expIdx + 1).filter((t) => t.t === "digit").length : 0;

  let exponent = 0;
  if (expIdx >= 0 && value !== 0) {
    const intCount = Math.max(1, intPlaces.length);
    exponent = Math.floor(Math.log10(value)) - (intCount - 1);
    value /= Math.pow(10, exponent);
    if (Number(roundFixed(value, fracPlaces.length)) >= Math.pow(10, intCount)) {
      exponent++;
      value /= 10;
    }
  }

  const fixed = roundFixed(value, fracPlaces.length);
  const [rawInt, rawFrac = ""] = fixed.split(".");
  // Integer digits: at least as many as there are 0 placeholders; "#" alone shows nothing for 0.
  let intDigits = rawInt === "0" ? "" : rawInt;
  const zeros = intPlaces.filter((c) => c === "0").length;
  const questions = intPlaces.filter((c) => c === "?").length;
  if (intDigits.length < zeros) intDigits = intDigits.padStart(zeros, "0");
  if (thousands) intDigits = group(intDigits);
  if (intDigits.replace(/,/g, "").length < zeros + questions) intDigits = intDigits.padStart(zeros + questions, " ");
  // Fraction digits: 0 keeps, # drops trailing zeros, ? turns them into spaces.
  const fracChars = rawFrac.split("");
  for (let i = fracChars.length - 1; i >= 0; i--) {
    if (fracChars[i] !== "0" || fracPlaces[i] === "0") break;
    fracChars[i] = fracPlaces[i] === "?" ? " " : "";
  }
  const fracDigits = fracChars.join("");

  // Lay out: literals stay where they are; the number's parts go at their first placeholder.
  let out = "";
  let intDone = false;
  let fracDone = false;
  let expDone = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.t) {
      case "lit":
        out += t.s;
        break;
      case "percent":
        out += "%";
        break;
      case "text":
        break;
      case "comma":
        break;
      case "point":
        if (i === pointIdx) out += "."; // "0.#" shows 1 as "1.", as Excel does
        break;
      case "digit":
        if (expIdx >= 0 && i > expIdx) {
          if (!expDone) {
            const e = String(Math.abs(exponent)).padStart(expPlaces, "0");
            out += e;
            expDone = true;
          }
        } else if (pointIdx >= 0 && i > pointIdx) {
          if (!fracDone) {
            out += fracDigits;
            fracDone = true;
          }
        } else if (!intDone) {
          out += intDigits;
          intDone = true;
        }
        break;
      case "exp":
        out += `E${exponent < 0 ? "-" : t.sign === "+" ? "+" : ""}`;
        break;
      case "general":
        break;
    }
  }
  return out;
}

function renderText(section: Section | undefined, text: string): string {
  if (section === undefined || !section.tokens.some((t) => t.t === "text")) return text;
  return section.tokens.map((t) => (t.t === "text" ? text : t.t === "lit" ? t.s : "")).join("");
}

/**
 * The text Excel shows for `value` under `format` (the colour too, when the format sets one).
 * Errors are strings like "#DIV/0!" and show as they are; booleans as TRUE/FALSE.
 */
export function formatValue(value: FormatValue, format: string | undefined): Rendered {
  if (value === null || value === "") return { text: "" };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  const fmt = format === undefined || format.trim() === "" ? "General" : format;
  const sections = sectionsOf(fmt);
  if (typeof value === "string") {
    const textSection = sections.length >= 4 ? sections[3] : sections.find((s) => s.tokens.some((t) => t.t === "text"));
    const text = renderText(textSection, value);
    return textSection?.color !== undefined ? { text, color: textSection.color } : { text };
  }
  if (!Number.isFinite(value)) return { text: "#NUM!" };

  let section: Section;
  let signed = false;
  const numeric = sections.filter((_, i) => i < 3);
  if (numeric.some((s) => s.condition !== undefined)) {
    // [>=100]…;[<0]…;…: the first section whose condition holds, else the last numeric one.
    const match = numeric.find((s) => s.condition !== undefined && meets(s.condition, value));
    section = match ?? numeric.find((s) => s.condition === undefined) ?? numeric[numeric.length - 1];
    signed = value < 0 && (match === undefined || match.condition === undefined);
  } else if (value > 0 || numeric.length === 1) {
    section = numeric[0];
    signed = value < 0;
  } else if (value < 0) {
    section = numeric[1];
  } else {
    section = numeric.length >= 3 ? numeric[2] : numeric[0];
  }
  // A date: Excel shows a negative serial (or one past 9999-12-31) as ####.
  if (section.date && section.elapsed !== true) return { text: value < 0 || value >= 2_958_466 ? "#######" : renderDate(section, value) };
  // Like Excel, a negative that rounds to zero keeps its sign ("-0.0%").
  const text = (signed ? "-" : "") + renderNumber(section, Math.abs(value));
  return section.color !== undefined ? { text, color: section.color } : { text };
}

/** Excel's default horizontal alignment for a value: numbers right, text left, booleans and errors centred. */
export function defaultAlignment(value: FormatValue, isError: boolean): "left" | "right" | "center" {
  if (isError || typeof value === "boolean") return "center";
  return typeof value === "number" ? "right" : "left";
}
