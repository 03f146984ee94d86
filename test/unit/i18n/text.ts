/** Shared checks of the i18n tests: what counts as Chinese, what must survive translation. */

/** CJK ideographs (the unified blocks and the compatibility block). */
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function hasChinese(text: string): boolean {
  return HAN.test(text);
}

/**
 * What a translation must carry over unchanged from the English: numbers, quoted literals
 * ("zh-CN", "meets"), COLLECT.X references, parameter names written in snake_case, and the
 * Excel error values. A default that changes in the English (Default 3 → 4) and not in the
 * Chinese is a stale translation.
 */
export function invariantTokens(english: string, parameterNames: readonly string[] = []): string[] {
  const tokens = new Set<string>();
  // Chinese text inside the English (a metric's zh name in parentheses) is not a token.
  const text = english.replace(/[（(][^()（）]*[\u4e00-\u9fff][^()（）]*[)）]/g, " ");
  for (const m of text.matchAll(/"[^"]+"/g)) tokens.add(m[0]);
  for (const m of text.matchAll(/COLLECT\.[A-Z]+/g)) tokens.add(m[0]);
  for (const m of text.matchAll(/#[A-Z/0!?]+/g)) tokens.add(m[0].replace(/[.]$/, ""));
  for (const m of text.matchAll(/\d+(?:[.:]\d+)?/g)) tokens.add(m[0]);
  for (const name of parameterNames) if (name.includes("_") && new RegExp(`\\b${name}\\b`).test(text)) tokens.add(name);
  return [...tokens];
}
