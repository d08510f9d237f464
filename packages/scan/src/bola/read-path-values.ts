/**
 * The path parameter values of a request URL for a path template (`/accounts/{accountId}/transactions` and
 * `http://h/base/accounts/1002/transactions?x=1` → `{ accountId: "1002" }`), ignoring any base path before the
 * template. Undefined when the URL does not match the template.
 */
export function readPathValues(template: string, url: string): Record<string, string> | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  const match = new RegExp(`${source}$`).exec(pathname);
  if (match === null) return undefined;
  const out: Record<string, string> = {};
  try {
    names.forEach((name, index) => {
      out[name] = decodeURIComponent(match[index + 1]!);
    });
  } catch {
    return undefined;
  }
  return out;
}
