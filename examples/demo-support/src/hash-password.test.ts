import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './hash-password.js';

describe('hashPassword', () => {
  it('verifies the right password and rejects a wrong one', () => {
    const stored = hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$4096\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(verifyPassword('correct horse', stored)).toBe(true);
    expect(verifyPassword('correct horsf', stored)).toBe(false);
  });

  it('salts each hash, and is repeatable for a given salt', () => {
    expect(hashPassword('pw')).not.toBe(hashPassword('pw'));
    const salt = Buffer.alloc(16, 1);
    expect(hashPassword('pw', salt)).toBe(hashPassword('pw', salt));
  });

  it('rejects a stored value of another scheme or shape', () => {
    expect(verifyPassword('pw', 'plain$pw')).toBe(false);
    expect(verifyPassword('pw', 'bcrypt$10$a$b')).toBe(false);
  });
});
