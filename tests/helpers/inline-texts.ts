/**
 * Finds words written inline in a component's source, where a catalogue key should be: JSX text,
 * a string shown as a JSX child or as a text attribute (aria-label, title, placeholder, label…),
 * and elsewhere any string that reads as words (two of them, a capitalised one, or a sentence's
 * end), as the fallbacks handed to failureMessage or the announcements are.
 */
import ts from 'typescript';

/** Attributes and props whose value is text a person sees or hears, whatever its shape. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
  'title',
  'alt',
  'placeholder',
  'label',
  // The dashboard's components' props that are shown as they are.
  'message',
  'notice',
  'submitLabel',
  'tryAgain',
]);

/** Attributes that hold lists of words that are not text: class names, link relations. */
const NOT_TEXT_ATTRIBUTES = new Set(['class', 'className', 'rel']);

/** Strings that read as words but are names of keys, compared with `KeyboardEvent.key`. */
const NON_WORDS = new Set(['Enter', 'Escape']);

export interface InlineText {
  line: number;
  text: string;
}

/** True when a string other than shown text reads as words a person would be shown. */
function readsAsWords(text: string): boolean {
  const trimmed = text.trim();
  if (NON_WORDS.has(trimmed) || !/\p{L}/u.test(trimmed)) return false;
  return (
    /\p{L}[\p{L}'’]*\s+[\p{L}“"(]/u.test(trimmed) ||
    /^\p{Lu}\p{Ll}/u.test(trimmed) ||
    /\p{L}[.!?…:]$/u.test(trimmed)
  );
}

/** A literal's text, with `{}` where a template puts a value in. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  }
  return null;
}

/**
 * Where a literal's value ends up: a JSX child, the named attribute, or nowhere in the markup
 * (an argument, a comparison, a variable). It is followed up through the expressions that hand
 * a value on as it is: parentheses, the branches of `?:`, the right of `&&` and `||`, arrays and
 * the values of templates.
 */
function destination(node: ts.Node): { child: true } | { attribute: string } | null {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return null;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isTemplateSpan(parent) ||
      ts.isTemplateExpression(parent) ||
      ts.isAsExpression(parent) ||
      (ts.isConditionalExpression(parent) && current !== parent.condition) ||
      (ts.isBinaryExpression(parent) &&
        current === parent.right &&
        [
          ts.SyntaxKind.AmpersandAmpersandToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.QuestionQuestionToken,
        ].includes(parent.operatorToken.kind))
    ) {
      current = parent;
      continue;
    }
    if (ts.isJsxExpression(parent)) {
      current = parent;
      continue;
    }
    if (ts.isJsxAttribute(parent)) return { attribute: parent.name.getText() };
    if (ts.isJsxElement(parent) || ts.isJsxFragment(parent)) {
      return ts.isJsxExpression(current) ? { child: true } : null;
    }
    return null;
  }
}

/** True for an argument of `console.error(…)` and the like: words for a developer. */
function isConsoleArgument(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (ts.isCallExpression(current) && current.expression.getText().startsWith('console.')) {
      return true;
    }
  }
  return false;
}

/** The inline texts of one source file (`name` ends in .ts or .tsx). */
export function findInlineTexts(name: string, source: string): InlineText[] {
  const kind = name.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true, kind);
  const found: InlineText[] = [];
  const report = (node: ts.Node, text: string) =>
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isTypeNode(node)) {
      return;
    }
    if (ts.isJsxText(node)) {
      const text = node.text.replace(/\s+/g, ' ').trim();
      if (/\p{L}/u.test(text)) report(node, text);
      return;
    }
    const text = literalText(node);
    if (text !== null) {
      const to = destination(node);
      const shown =
        to && 'child' in to
          ? /\p{L}/u.test(text)
          : to && TEXT_ATTRIBUTES.has(to.attribute)
            ? /\p{L}/u.test(text)
            : to && NOT_TEXT_ATTRIBUTES.has(to.attribute)
              ? false
              : readsAsWords(text) && !isConsoleArgument(node);
      if (shown) report(node, text);
      // A template's own values may hold literals of their own, e.g. `${a ? 'x' : 'y'}`.
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
