import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relaxedDurabilityTransaction } from '../../src/server/db/relaxed-durability.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld } from '../helpers/world.js';

/** What the database promises about a commit's durability right now, in its own words. */
async function durability(t: TestApp, executor: TestApp['db'] | Parameters<Parameters<typeof relaxedDurabilityTransaction>[2]>[0]): Promise<string> {
  if (t.dbKind === 'postgres') return (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(executor)).rows[0]!.synchronous_commit;
  const { synchronous } = (await sql<{ synchronous: number }>`pragma synchronous`.execute(executor)).rows[0]!;
  return ({ 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' } as Record<number, string>)[synchronous]!;
}

describe('relaxed-durability transactions (technician positions)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });


  it('commit without waiting for the disk, and leave every other transaction waiting for it', async () => {
    const ordinary = t.dbKind === 'postgres' ? 'on' : 'FULL';
    const insideRelaxed = t.dbKind === 'postgres' ? 'off' : 'NORMAL';
    expect(await durability(t, t.db)).toBe(ordinary);
    const seen = await relaxedDurabilityTransaction(t.db, t.dbKind, (trx) => durability(t, trx));
    expect(seen).toBe(insideRelaxed);
    expect(await durability(t, t.db)).toBe(ordinary);
    expect(await t.db.transaction().execute((trx) => durability(t, trx))).toBe(ordinary);
  });

  it('roll back entirely when the work fails, and still restore the ordinary setting', async () => {
    const w = await createWorld(t, 'relaxed');
    const name = `Written then rolled back ${Date.now()}`;
    const failing = relaxedDurabilityTransaction(t.db, t.dbKind, async (trx) => {
      await trx
        .insertInto('service_categories')
        .values({ id: randomUUID(), company_id: w.companyId, name, description: null, default_duration_minutes: 60, required_skills: '[]', sla_minutes: '{}', active: 1, created_at: new Date().toISOString() })
        .execute();
      expect(await trx.selectFrom('service_categories').select('id').where('name', '=', name).execute()).toHaveLength(1);
      throw new Error('the work failed');
    });
    await expect(failing).rejects.toThrow('the work failed');
    expect(await t.db.selectFrom('service_categories').select('id').where('name', '=', name).execute()).toEqual([]);
    expect(await durability(t, t.db)).toBe(t.dbKind === 'postgres' ? 'on' : 'FULL');
  });
});
