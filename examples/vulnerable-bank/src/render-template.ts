/**
 * A minimal template engine: `{{ expression }}` where expression is arithmetic over numbers (`+ - * / %`,
 * parentheses) or a dotted name looked up in `context`. It never calls `eval`; it exists so the demo has a
 * server-side template injection whose classic probe `{{7*7}}` renders `49`.
 */
export function renderTemplate(template: string, context: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{(.*?)\}\}/g, (whole, expression: string) => {
    const value = evaluateExpression(expression.trim(), context);
    return value === undefined ? whole : String(value);
  });
}

function evaluateExpression(source: string, context: Readonly<Record<string, unknown>>): unknown {
  if (/^[A-Za-z_][\w.]*$/.test(source)) {
    let value: unknown = context;
    for (const key of source.split('.')) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }
  const tokens = source.match(/\d+(?:\.\d+)?|[-+*/%()]/g);
  if (tokens === null || tokens.join('') !== source.replace(/\s+/g, '')) return undefined;
  let pos = 0;
  const factor = (): number => {
    const token = tokens[pos++];
    if (token === '(') {
      const value = sum();
      pos++;
      return value;
    }
    if (token === '-') return -factor();
    return Number(token);
  };
  const product = (): number => {
    let value = factor();
    while (tokens[pos] === '*' || tokens[pos] === '/' || tokens[pos] === '%') {
      const op = tokens[pos++];
      const right = factor();
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (tokens[pos] === '+' || tokens[pos] === '-') {
      const op = tokens[pos++];
      const right = product();
      value = op === '+' ? value + right : value - right;
    }
    return value;
  };
  const result = sum();
  return Number.isFinite(result) ? result : undefined;
}
