import { Client } from 'pg';
import type { LoadContext, Race } from './load';

export interface Persistence {
  acknowledgedUsers: number;
  acknowledgedRecords: number;
  /** When each lost row had been acknowledged (run clock). */
  lostAt: number[];
  lost: string[];
  duplicateUsernames: string[];
  /** Races whose rows disagree with their answers. */
  raceRows: string[];
}

/**
 * After the load: every user and record a client got a 201 for is in the database with
 * what the 201 said, no username exists twice (case-insensitively, as the unique index
 * says), and each raced username exists once if anyone got 201 or 409 for it (the row
 * of the 201 when there was one), at most once otherwise.
 */
export async function checkPersistence(
  url: string,
  recordsTable: string,
  context: LoadContext,
  races: readonly Race[],
): Promise<Persistence> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const users = new Map(
      (await client.query<{ id: number; username: string }>('SELECT id, username FROM public.users')).rows.map(
        (row) => [row.id, row.username],
      ),
    );
    const records = new Map(
      (
        await client.query<{ id: number; label: string; amount: number }>(
          `SELECT id, label, amount FROM ${recordsTable}`,
        )
      ).rows.map((row) => [row.id, row]),
    );
    const lost: string[] = [];
    const lostAt: number[] = [];
    for (const user of context.users.values()) {
      if (users.get(user.id) !== user.username) {
        lost.push(
          `user ${user.id} (${user.username}): ${users.has(user.id) ? `now ${users.get(user.id)}` : 'missing'}`,
        );
        lostAt.push(user.at);
      }
    }
    for (const record of context.records.values()) {
      const stored = records.get(record.id);
      if (!stored || stored.label !== record.label || stored.amount !== record.amount) {
        lost.push(`record ${record.id}: ${stored ? JSON.stringify(stored) : 'missing'}`);
        lostAt.push(record.at);
      }
    }
    const duplicateUsernames = (
      await client.query<{ name: string; n: number }>(
        'SELECT lower(username) AS name, count(*)::int AS n FROM public.users GROUP BY 1 HAVING count(*) > 1',
      )
    ).rows.map((row) => `${row.name} x${row.n}`);
    const byName = new Map<string, number[]>();
    for (const [id, username] of users)
      byName.set(username.toLowerCase(), [...(byName.get(username.toLowerCase()) ?? []), id]);
    const raceRows: string[] = [];
    for (const race of races) {
      const ids = byName.get(race.username.toLowerCase()) ?? [];
      const answeredTaken = race.statuses.some((status) => status === 201 || status === 409);
      if (
        ids.length > 1 ||
        (answeredTaken && ids.length !== 1) ||
        (race.created.length === 1 && ids[0] !== race.created[0])
      )
        raceRows.push(`${race.username}: answers ${race.statuses.join(',')}, rows ${ids.join(',') || 'none'}`);
    }
    return {
      acknowledgedUsers: context.users.size,
      acknowledgedRecords: context.records.size,
      lostAt,
      lost,
      duplicateUsernames,
      raceRows,
    };
  } finally {
    await client.end();
  }
}
