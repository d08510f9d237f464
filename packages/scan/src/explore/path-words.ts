/** Literal words of a path, for name inference (`/users/{id}/orders` → `users`, `orders`). */
export function pathWords(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '' && !s.includes('{'))
    .flatMap((s) => s.split(/[^a-zA-Z0-9]+/))
    .filter((s) => s.length > 1);
}
