import { describe, expect, it } from 'vitest';
import { detectPoolMode, withoutPoolerHint } from './pool-mode.js';

const REF = 'abcdefghijklmnopqrst';
const TRANSACTION_POOLER = `postgresql://postgres.${REF}:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres`;
const SESSION_POOLER = `postgresql://postgres.${REF}:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres`;
const DIRECT = `postgresql://postgres:pw@db.${REF}.supabase.co:5432/postgres`;

describe('detectPoolMode', () => {
  it("takes Supabase's port 6543 for its transaction pooler", () => {
    expect(detectPoolMode(TRANSACTION_POOLER)).toEqual({
      mode: 'transaction',
      because: "DATABASE_URL uses port 6543, Supabase's transaction pooler",
    });
  });

  it('takes pgbouncer=true for a transaction pooler on any port', () => {
    expect(detectPoolMode('postgres://u@pooler.example:7000/db?pgbouncer=true').mode).toBe('transaction');
    expect(detectPoolMode('postgres://u@pooler.example:7000/db?pgbouncer=false').mode).toBe('session');
  });

  it('takes the direct connection and the session pooler for sessions of their own', () => {
    expect(detectPoolMode(DIRECT).mode).toBe('session');
    expect(detectPoolMode(SESSION_POOLER).mode).toBe('session');
    expect(detectPoolMode('postgres://postgres@127.0.0.1/db').mode).toBe('session');
  });

  it('lets DATABASE_POOL_MODE overrule the URL either way', () => {
    expect(detectPoolMode(DIRECT, 'transaction')).toEqual({
      mode: 'transaction',
      because: 'DATABASE_POOL_MODE=transaction',
    });
    expect(detectPoolMode(TRANSACTION_POOLER, 'session').mode).toBe('session');
  });
});

describe('withoutPoolerHint', () => {
  it('drops pgbouncer=… and keeps every other parameter', () => {
    expect(withoutPoolerHint('postgres://u:p@h:6543/db?pgbouncer=true&sslmode=require')).toBe(
      'postgres://u:p@h:6543/db?sslmode=require',
    );
  });

  it('leaves a URL without the hint exactly as written', () => {
    expect(withoutPoolerHint(DIRECT)).toBe(DIRECT);
  });
});
