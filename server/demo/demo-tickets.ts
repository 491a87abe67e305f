import type { Services } from '../services.ts';
import { usersRepository } from '#modules/identity/identity.repository.ts';
import { loadActor } from '#modules/identity/actor.service.ts';
import type { Actor } from '#platform/auth/actor.ts';
import type { TicketInput } from '#modules/tickets/tickets.service.ts';

type Step = 'received' | 'handling' | 'approval' | 'return_visit' | 'closed' | 'reopened';

/** What the demo service desk holds: real subjects, at every stage of the complaint process. */
const DEMO: { input: Omit<TicketInput, 'customerId'>; upTo: Step; category?: string }[] = [
  { input: { type: 'complaint', channel: 'counter', priority: 'high', subject: '信用卡年费重复扣收', description: '客户反映本年度信用卡年费被扣收两次，要求退还。' }, upTo: 'closed', category: 'product.fees' },
  { input: { type: 'complaint', channel: 'phone', priority: 'normal', subject: '网点排队时间过长', description: '周六上午在网点等候超过一小时，只开了一个柜台。' }, upTo: 'handling', category: 'service.waiting' },
  { input: { type: 'complaint', channel: 'web', priority: 'urgent', subject: '手机银行转账失败但已扣款', description: '转账显示失败，账户余额却已减少 5,000 元。' }, upTo: 'approval', category: 'channel.app' },
  { input: { type: 'complaint', channel: 'social', priority: 'high', subject: '大堂经理服务态度差', description: '客户在微博投诉大堂经理态度生硬。' }, upTo: 'return_visit', category: 'service.attitude' },
  { input: { type: 'complaint', channel: 'email', priority: 'normal', subject: 'ATM 吞卡未及时处理', description: 'ATM 吞卡后两天仍未联系客户取卡。' }, upTo: 'reopened', category: 'channel.atm' },
  { input: { type: 'complaint', channel: 'phone', priority: 'high', subject: '疑似盗刷，要求冻结并退款', description: '客户称有三笔境外消费并非本人所为。' }, upTo: 'received', category: 'account.fraud' },
  { input: { type: 'suggestion', channel: 'web', priority: 'low', subject: '建议手机银行增加账单导出', description: '希望能导出 Excel 格式的月度账单。' }, upTo: 'received', category: 'channel.app' },
  { input: { type: 'request', channel: 'counter', priority: 'normal', subject: '补打近一年对账单', description: '办理贷款需要近一年的对账单。', serviceContent: '柜面补打对账单', serviceCharge: '20.00' }, upTo: 'closed' },
  { input: { type: 'inquiry', channel: 'phone', priority: 'low', subject: '咨询大额存单利率', description: '客户询问三年期大额存单利率及起存金额。' }, upTo: 'closed' },
  { input: { type: 'request', channel: 'counter', priority: 'normal', processKey: 'hookup', subject: '新建商铺用电报装', description: '商铺新装 380V 用电，申请容量 50kW。' }, upTo: 'handling' },
];

/**
 * Demo tickets on the first start, taken and moved by the demo's own staff through the real
 * services: the service agent takes them, the customer's manager handles them, his branch
 * manager approves. Customers are those of the agent's own unit, so everything is in reach.
 */
export async function generateDemoTickets(services: Services): Promise<number> {
  const actorOf = async (username: string): Promise<Actor | undefined> => {
    const user = await usersRepository.byUsername(services.db, username);
    return user ? loadActor(services.db, user) : undefined;
  };
  const agent = await actorOf('agent');
  if (!agent) return 0;
  const customers = await services.db.query<{ id: number; ownerId: number | null }>(
    `select c.id, c.owner_id as "ownerId" from customers c join org_units u on u.id = c.org_unit_id, org_units mine
      where mine.id = $1 and u.path like mine.path || '%' and c.owner_id is not null and c.deleted_at is null order by c.id limit $2`,
    [agent.orgUnitId, DEMO.length],
  );
  const categories = new Map((await services.tickets.categories()).map((c) => [c.code, c.id]));
  let made = 0;
  for (const [i, demo] of DEMO.entries()) {
    const customer = customers[i];
    if (!customer) break;
    const ticket = await services.tickets.create(agent, { ...demo.input, customerId: customer.id, categoryId: demo.category ? categories.get(demo.category) : null });
    made++;
    const manager = (await services.db.query<{ username: string; boss: string | null }>(
      `select u.username, b.username as boss from users u left join users b on b.id = u.manager_id where u.id = $1`,
      [customer.ownerId],
    ))[0]!;
    const cm = (await actorOf(manager.username))!;
    const bm = manager.boss ? await actorOf(manager.boss) : undefined;
    const step = async (who: Actor, transition: string, extra: { data?: Record<string, string>; assignee?: { userId: number }; comment?: string } = {}) => {
      const c = (await services.process.caseById(services.db, ticket.caseId))!;
      await services.process.act(who, ticket.caseId, { transition, expectedSeq: c.seq, ...extra });
    };
    const seq = async () => (await services.process.caseById(services.db, ticket.caseId))!.seq;
    if (demo.upTo === 'received') continue;
    if (demo.input.processKey === 'hookup') {
      await step(agent, 'accept', { assignee: { userId: cm.userId! } });
      continue;
    }
    if (demo.input.type !== 'complaint') {
      await step(agent, 'answer', { data: { resolution: '已按客户要求办理并告知结果。' } });
      if (demo.upTo === 'closed') await services.tickets.recordVisit(agent, ticket.id, { score: 5, comment: '满意', expectedSeq: await seq() });
      continue;
    }
    await step(agent, 'accept');
    await step(agent, 'assign', { data: { finding: '情况属实，需责任部门核实处理。' }, assignee: { userId: cm.userId! } });
    if (demo.upTo === 'handling') continue;
    await step(cm, 'propose', { data: { solution: '核实后向客户说明原因，退还相关费用并致歉。' } });
    if (demo.upTo === 'approval') continue;
    // Whoever the process asked (the nearest branch manager), not necessarily the manager's superior.
    const [approver] = await services.db.query<{ username: string }>(
      `select u.username from process_approvals a join users u on u.id = a.user_id where a.case_id = $1 and a.decision is null order by a.id limit 1`,
      [ticket.caseId],
    );
    const leader = approver ? await actorOf(approver.username) : bm;
    if (!leader) continue;
    await services.process.decide(leader, ticket.caseId, { approve: true, comment: '同意', expectedSeq: await seq() });
    await step(cm, 'resolve', { data: { resolution: '已退还费用，客户已知悉。' } });
    if (demo.upTo === 'return_visit') continue;
    await services.tickets.recordVisit(agent, ticket.id, { score: demo.upTo === 'reopened' ? 2 : 5, comment: demo.upTo === 'reopened' ? '处理太慢' : '满意', expectedSeq: await seq() });
  }
  const first = customers[0] && (await services.tickets.list(agent, { customerId: customers[0].id, limit: 1, status: 'closed' })).items[0];
  if (first) {
    await services.tickets.createArticle(agent, {
      ticketId: first.id,
      titleZh: '信用卡年费重复扣收的处理',
      titleEn: 'Card annual fee charged twice',
      bodyZh: '核实扣费记录；确认重复扣收后当日退还多扣年费，并向客户书面致歉。检查年费减免规则是否已正确设置。',
      bodyEn: 'Check the charges; when the fee was taken twice, refund it the same day and apologise in writing. Check that the fee waiver rules are set correctly.',
    });
  }
  return made;
}
