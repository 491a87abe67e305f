import { describe, it, expect, afterAll } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { buildTestApp, body } from '#test/test-app.ts';
import { buildOrgUnit, buildUser, login, withAdmin } from '#test/factories.ts';
import { smtpMailer } from '#platform/mail.ts';

/** A local SMTP server that keeps what it receives: the edge of the world, captured. */
async function smtpCapture() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The text of a single-part message, whichever transfer encoding the sender chose. */
function decodeBody(head: string, text: string): string {
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(text, 'base64').toString('utf8').trimEnd();
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n').trimEnd();
  }
  return text.replace(/\r\n/g, '\n').trimEnd();
}

describe('notifications', async () => {
  const smtp = await smtpCapture();
  afterAll(() => smtp.close());
  const t = await buildTestApp({ mailer: smtpMailer(smtp.url, 'Guanxi <crm@example.com>', 'https://crm.example.com') });
  const { hq, client: admin } = await withAdmin(t);
  const branch = await buildOrgUnit(t, hq);
  const agentUser = await buildUser(t, { role: 'service_agent', orgUnit: branch, locale: 'zh-CN' });
  await t.db.query(`update users set email = 'agent@example.com' where id = $1`, [agentUser.id]);

  it('tells the person a case was handed to, in the app and by e-mail in his language, once', async () => {
    const agent = await login(t, agentUser);
    const customer = body(await admin.post('/api/v1/customers', { kind: 'individual', name: '通知客户', orgUnitId: branch.id }));
    const ticket = body(await admin.post('/api/v1/tickets', { type: 'request', customerId: customer.id, channel: 'phone', subject: '补发对账单' }));
    // The service desk pool gets it first; the agent claims it, then it is handed to him by name.
    const v = body(await admin.get(`/api/v1/tickets/${ticket.id}`));
    await admin.post(`/api/v1/tickets/${ticket.id}/steps`, { transition: 'assign', expectedSeq: v.case.seq, assignee: { userId: agentUser.id } });
    const list = body(await agent.get('/api/v1/notifications'));
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'notify.case_assigned', link: `/tickets/${ticket.id}`, readAt: null });
    expect(list.items[0].text).toBe(`${ticket.number} 补发对账单：已转由您办理（处理中）`);

    expect(await t.app.services.notifications.sendMail()).toBe(1);
    expect(await t.app.services.notifications.sendMail()).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['agent@example.com']);
    const raw = smtp.received[0]!.raw;
    const [head, text] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)];
    expect(decodeBody(head, text)).toBe(`${ticket.number} 补发对账单：已转由您办理（处理中）\n\nhttps://crm.example.com/tickets/${ticket.id}`);

    await agent.post(`/api/v1/notifications/${list.items[0].id}/read`);
    expect(body(await agent.get('/api/v1/notifications?unread=true'))).toEqual({ unread: 0, items: [] });
    // Someone else's notice is not his to mark.
    expect((await admin.post(`/api/v1/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
  });
});
