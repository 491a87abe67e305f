import { describe, it, expect } from 'vitest';
import { buildTestApp } from '#test/test-app.ts';
import { generateDemo } from './demo-data.ts';
import { generateDemoTickets } from './demo-tickets.ts';

describe('demo service desk', async () => {
  const t = await buildTestApp();

  it('takes and moves the demo tickets through the real processes, by the demo staff', async () => {
    await generateDemo(t.db, { customers: 200, seed: 5 });
    expect(await generateDemoTickets(t.app.services)).toBe(10);
    const states = await t.db.query<{ subject: string; state: string; reopenCount: number }>(
      `select t.subject, c.state, t.reopen_count as "reopenCount" from tickets t join process_cases c on c.subject_type = 'ticket' and c.subject_id = t.id order by t.id`,
    );
    expect(states.map((s) => s.state)).toEqual(['closed', 'handling', 'approval', 'return_visit', 'handling', 'received', 'received', 'closed', 'closed', 'survey']);
    expect(states[4]!.reopenCount).toBe(1);
    const [{ n }] = (await t.db.query<{ n: number }>(`select count(*)::int as n from kb_articles`)) as [{ n: number }];
    expect(n).toBe(1);
  });
});
