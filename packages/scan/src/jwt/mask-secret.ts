/** `secret1` → `se*****`: enough for the developer to recognise it, not enough to copy from a report. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 2)}${'*'.repeat(Math.max(3, secret.length - 2))}`;
}
