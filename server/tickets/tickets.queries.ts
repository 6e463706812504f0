import { and, asc, desc, eq, inArray, isNull, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contacts, orders, tickets, users } from '@/db/schema';

export type TicketRow = typeof tickets.$inferSelect;

const withNames = {
  t: tickets,
  contactName: contacts.name,
  orderNumber: orders.orderNumber,
  assigneeName: users.name,
};

function joined(db: Db) {
  return db
    .select(withNames)
    .from(tickets)
    .leftJoin(contacts, eq(contacts.id, tickets.contactId))
    .leftJoin(orders, eq(orders.id, tickets.orderId))
    .leftJoin(users, eq(users.id, tickets.assigneeId));
}
export type TicketJoined = Awaited<ReturnType<ReturnType<typeof joined>['execute']>>[number];

export async function findTicket(db: Db, workspaceId: string, id: string) {
  const rows = await joined(db)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findTicketByNumber(db: Db, workspaceId: string, number: number) {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.number, number)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findTicketOfConversation(db: Db, conversationId: string) {
  const rows = await joined(db)
    .where(and(eq(tickets.conversationId, conversationId), notInArray(tickets.status, ['merged'])))
    .orderBy(desc(tickets.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

export async function numbersOf(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.id, ids));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/**
 * Inserts with the workspace's next number. Creators in one workspace take turns (a transaction-level advisory
 * lock, released at commit), so tickets opened at the same moment (offline messages left together) never clash
 * on a number: retrying a clash after the fact ran out of tries with a dozen at once on Postgres.
 */
export async function insertTicket(db: Db, row: Omit<typeof tickets.$inferInsert, 'number'>) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tickets:${row.workspaceId}`}))`);
    const [next] = await tx
      .select({ n: sql<number>`coalesce(max(${tickets.number}), 0)::int + 1` })
      .from(tickets)
      .where(eq(tickets.workspaceId, row.workspaceId));
    return (await tx
      .insert(tickets)
      .values({ ...row, number: next!.n })
      .returning())[0]!;
  });
}

export async function updateTicket(db: Db, workspaceId: string, id: string, set: Partial<typeof tickets.$inferInsert>) {
  const rows = await db
    .update(tickets)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
    .returning();
  return rows[0] ?? null;
}

export function listTickets(
  db: Db,
  workspaceId: string,
  f: { statuses: string[]; priority?: string; assigneeId?: string | null; overdueAt?: Date; limit: number },
) {
  const conds: SQL[] = [eq(tickets.workspaceId, workspaceId), inArray(tickets.status, f.statuses)];
  if (f.priority) conds.push(eq(tickets.priority, f.priority));
  if (f.assigneeId === null) conds.push(isNull(tickets.assigneeId));
  else if (f.assigneeId) conds.push(eq(tickets.assigneeId, f.assigneeId));
  if (f.overdueAt) conds.push(lte(tickets.dueAt, f.overdueAt));
  return joined(db)
    .where(and(...conds))
    .orderBy(sql`${tickets.dueAt} asc nulls last`, desc(tickets.updatedAt))
    .limit(f.limit);
}

export function dueReminders(db: Db, now: Date, limit: number) {
  return db
    .select()
    .from(tickets)
    .where(and(lte(tickets.remindAt, now), isNull(tickets.remindedAt), notInArray(tickets.status, ['solved', 'closed', 'merged'])))
    .orderBy(asc(tickets.remindAt))
    .limit(limit);
}

export async function findOrderOfContact(db: Db, workspaceId: string, orderId: string) {
  const rows = await db
    .select({ id: orders.id, contactId: orders.contactId })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)))
    .limit(1);
  return rows[0] ?? null;
}
