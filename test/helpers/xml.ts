/**
 * A strict, namespace-aware XML reader for tests, built on saxes (a conformant,
 * non-validating parser already installed with exceljs). Any well-formedness or
 * namespace error throws, with line and column.
 */
import { SaxesParser } from "saxes";

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  /** Local name, e.g. "Image". */
  local: string;
  /** Namespace URI. */
  uri: string;
  /** Attributes by qualified name, e.g. "xsi:type". */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element (not of its descendants). */
  text: string;
  parent?: XmlElement;
}

export function parseXml(source: string, fileName = "xml"): XmlElement {
  const parser = new SaxesParser({ xmlns: true, fileName });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      text: "",
      parent: stack[stack.length - 1],
    };
    element.parent?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(source).close();

  if (!root) throw new Error(`${fileName}: no root element`);
  return root;
}

/** Every element below `root` (depth first, document order), `root` included. */
export function descendants(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(descendants)];
}

/** Elements with the given local name, in document order. */
export function elementsNamed(root: XmlElement, local: string): XmlElement[] {
  return descendants(root).filter((element) => element.local === local);
}

/** The path of local names from the root, e.g. "OfficeApp/VersionOverrides/Hosts". */
export function pathOf(element: XmlElement): string {
  const names: string[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) names.unshift(e.local);
  return names.join("/");
}
