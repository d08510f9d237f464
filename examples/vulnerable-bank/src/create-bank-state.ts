import { hashPassword } from '@rampart/example-demo-support';

export type Role = 'customer' | 'admin';

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string;
  phone: string;
  ssn: string;
  dateOfBirth: string;
  role: Role;
  passwordHash: string;
  referralCode: string;
  kycStatus: 'none' | 'pending' | 'approved' | 'rejected';
  avatar: { url: string; size: number; contentType: string } | null;
  createdAt: string;
}

export interface Account {
  id: number;
  ownerId: number;
  number: string;
  currency: 'EUR' | 'USD';
  type: 'checking' | 'savings';
  nickname: string;
  balance: number;
}

export interface Card {
  id: number;
  ownerId: number;
  accountId: number;
  brand: 'VISA' | 'MASTERCARD';
  last4: string;
  expiry: string;
  frozen: boolean;
  dailyLimit: number;
  status: 'active' | 'cancelled';
}

export interface Transaction {
  id: number;
  accountId: number;
  ownerId: number;
  date: string;
  merchant: string;
  amount: number;
  currency: string;
  memo: string;
}

export interface Transfer {
  id: number;
  ownerId: number;
  fromAccountId: number;
  toAccountId: number;
  amount: number;
  currency: string;
  memo: string;
  createdAt: string;
}

export interface Webhook {
  id: number;
  ownerId: number;
  url: string;
  events: string[];
  secret: string;
}

/** The whole bank, in memory. */
export interface BankState {
  users: Map<number, User>;
  accounts: Map<number, Account>;
  cards: Map<number, Card>;
  transactions: Map<number, Transaction>;
  transfers: Map<number, Transfer>;
  webhooks: Map<number, Webhook>;
  nextId: { transaction: number; transfer: number; webhook: number };
}

/** Seeded logins, documented in the README. */
export const SEED_USERS = Object.freeze({
  admin: { id: 1, username: 'admin', password: 'Admin-Vault-2024!' },
  alice: { id: 2, username: 'alice', password: 'Alice-Wonder-2024' },
  bob: { id: 3, username: 'bob', password: 'Bob-Builder-2024' },
});

/** The seeded admin API key (a static credential, as real back offices have). */
export const ADMIN_API_KEY = 'rbk_live_admin_7c1f3e9a5b2d4e60';

/** Welcome coupon every new customer may redeem once. */
export const WELCOME_COUPON = { code: 'WELCOME50', amount: 50 } as const;

const MERCHANTS = [
  'Cafe Central',
  'Grocer & Co',
  'Metro Transit',
  'Bookshop Babel',
  'Online Store',
  'Pharmacy Plus',
  'Fuel Station',
  'Streaming Plus',
];

let seededHashes: Record<string, string> | undefined;

// scrypt is deliberately slow; the seed hashes are made once per process and shared by every instance.
function seedHash(username: keyof typeof SEED_USERS): string {
  seededHashes ??= Object.fromEntries(
    Object.entries(SEED_USERS).map(([name, user]) => [name, hashPassword(user.password)]),
  );
  return seededHashes[username]!;
}

/** Builds a fresh, deterministic bank: admin, alice and bob with accounts, cards and transactions. */
export function createBankState(): BankState {
  const users = new Map<number, User>();
  const addUser = (name: keyof typeof SEED_USERS, extra: Omit<User, 'id' | 'username' | 'passwordHash'>) => {
    const seed = SEED_USERS[name];
    users.set(seed.id, { id: seed.id, username: seed.username, passwordHash: seedHash(name), ...extra });
  };
  addUser('admin', {
    displayName: 'Bank Operator',
    email: 'ops@vulnerable-bank.example',
    phone: '+31 20 555 0100',
    ssn: '078-05-1120',
    dateOfBirth: '1975-03-14',
    role: 'admin',
    referralCode: 'REF-ADMIN-01',
    kycStatus: 'approved',
    avatar: null,
    createdAt: '2023-01-02T09:00:00.000Z',
  });
  addUser('alice', {
    displayName: 'Alice Liddell',
    email: 'alice@example.com',
    phone: '+31 20 555 0142',
    ssn: '219-09-9999',
    dateOfBirth: '1990-07-04',
    role: 'customer',
    referralCode: 'REF-ALICE-42',
    kycStatus: 'approved',
    avatar: null,
    createdAt: '2023-02-10T10:30:00.000Z',
  });
  addUser('bob', {
    displayName: 'Bob Builder',
    email: 'bob@example.com',
    phone: '+31 20 555 0177',
    ssn: '457-55-5462',
    dateOfBirth: '1988-11-23',
    role: 'customer',
    referralCode: 'REF-BOB-77',
    kycStatus: 'none',
    avatar: null,
    createdAt: '2023-05-21T14:05:00.000Z',
  });

  const accounts = new Map<number, Account>();
  for (const account of [
    [1001, 1, 'NL02BANK0000001001', 'EUR', 'checking', 'Operations', 50_000],
    [1002, 2, 'NL02BANK0000001002', 'EUR', 'checking', 'Everyday', 25_000],
    [1003, 2, 'NL02BANK0000001003', 'USD', 'savings', 'Travel', 3_000],
    [1004, 3, 'NL02BANK0000001004', 'EUR', 'checking', 'Main', 1_200],
  ] as const) {
    const [id, ownerId, number, currency, type, nickname, balance] = account;
    accounts.set(id, { id, ownerId, number, currency, type, nickname, balance });
  }

  const cards = new Map<number, Card>();
  for (const [id, ownerId, accountId, brand, last4] of [
    [5001, 1, 1001, 'VISA', '4821'],
    [5002, 2, 1002, 'VISA', '1337'],
    [5003, 3, 1004, 'MASTERCARD', '9044'],
  ] as const) {
    cards.set(id, {
      id,
      ownerId,
      accountId,
      brand,
      last4,
      expiry: '09/28',
      frozen: false,
      dailyLimit: 1000,
      status: 'active',
    });
  }

  const transactions = new Map<number, Transaction>();
  let nextTransaction = 70_001;
  const addTransactions = (accountId: number, count: number) => {
    const account = accounts.get(accountId)!;
    for (let i = 0; i < count; i++) {
      const id = nextTransaction++;
      const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000 * 0.5);
      transactions.set(id, {
        id,
        accountId,
        ownerId: account.ownerId,
        date: day.toISOString(),
        merchant: MERCHANTS[(id * 7) % MERCHANTS.length]!,
        amount: -Math.round(((id * 37) % 9000) + 100) / 100,
        currency: account.currency,
        memo: '',
      });
    }
  };
  addTransactions(1001, 5);
  addTransactions(1002, 150);
  addTransactions(1003, 12);
  addTransactions(1004, 20);

  return {
    users,
    accounts,
    cards,
    transactions,
    transfers: new Map([
      [
        9001,
        {
          id: 9001,
          ownerId: 2,
          fromAccountId: 1002,
          toAccountId: 1004,
          amount: 120,
          currency: 'EUR',
          memo: 'Concert tickets',
          createdAt: '2024-03-02T18:20:00.000Z',
        },
      ],
      [
        9002,
        {
          id: 9002,
          ownerId: 3,
          fromAccountId: 1004,
          toAccountId: 1002,
          amount: 35,
          currency: 'EUR',
          memo: 'Pizza',
          createdAt: '2024-03-05T20:00:00.000Z',
        },
      ],
    ]),
    webhooks: new Map(),
    nextId: { transaction: nextTransaction, transfer: 9003, webhook: 1 },
  };
}
