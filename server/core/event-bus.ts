import { EventEmitter } from 'node:events';
import type { ConversationSummary, MessageDto, NotificationDto, QueueEvent, RoutingDecisionDto } from '@/lib/contracts/chat';
import type { MessageAnnotation } from '@/lib/contracts/ai';
import type { ReasonDetail } from '@/lib/reasons';

// Domain events. Domains react to each other through these, never by reaching into each other's tables.
export type DomainEvents = {
  'message.created': { workspaceId: string; conversation: ConversationSummary; message: MessageDto };
  // One event per batch the models read (under load, per-message events would cost one socket write each).
  // at: when the message was written, for readings of stored messages (absent: just now).
  'messages.annotated': { items: { workspaceId: string; vendorId: string | null; conversationId: string; messageId: number; at?: string; annotation: MessageAnnotation }[] };
  'conversation.created': { workspaceId: string; conversation: ConversationSummary };
  'conversation.updated': { workspaceId: string; conversation: ConversationSummary };
  // A label was created, recoloured, renamed or deleted (a rename or delete changes the conversations carrying it
  // in one statement, without a conversation.updated each); vendorIds: the vendors whose conversations carry it
  // (their desks refetch too).
  'labels.changed': { workspaceId: string; vendorIds: string[] };
  'message.hidden': { workspaceId: string; vendorId: string | null; contactId: string; conversationId: string; messageId: number; hiddenAt: string; reason: string };
  // The customer rated a resolved conversation (server/chat submitCsat).
  'csat.submitted': { workspaceId: string; conversation: ConversationSummary; rating: number; comment: string | null };
  // Customer sentiment escalated a conversation (priority raised, flagged): supervisors are notified.
  'conversation.escalated': { workspaceId: string; conversation: ConversationSummary; reason: string; detail: ReasonDetail };
  // actorId: the person who decided by hand (none for routing, rules and models).
  'routing.decided': { workspaceId: string; vendorId: string | null; conversationId: string; decision: RoutingDecisionDto; actorId?: string | null };
  'notification.created': { workspaceId: string; userId: string; notification: NotificationDto };
  'conversation.receipt': {
    workspaceId: string;
    conversationId: string;
    side: 'contact' | 'agent';
    deliveredUpTo: number;
    readUpTo: number;
  };
  // A desk session ended (sign-out): sockets opened with it must close too.
  'session.ended': { userId: string; sessionHash: string };
  // An SLA clock reached 80% of its target (warning) or its target (breach) on this conversation.
  'sla.warning': { workspaceId: string; conversation: ConversationSummary; kind: 'first_response' | 'next_response' | 'resolution' };
  // An SLA clock stopped: within its target (met) or not. Seconds are the clock's, in business and wall-clock time.
  'sla.settled': { workspaceId: string; conversation: ConversationSummary; kind: 'first_response' | 'next_response' | 'resolution'; met: boolean; businessSeconds: number; wallSeconds: number; at: Date };
  'sla.breached': { workspaceId: string; conversation: ConversationSummary; kind: 'first_response' | 'next_response' | 'resolution'; previousPriority: string };
  // Where each customer waiting in a team's line stands now (position, estimated wait), after the queue moved.
  'queue.positions': { workspaceId: string; teamId: string; items: { contactId: string; event: QueueEvent }[] };
  // Reporting events were written (server/reporting): live dashboards of these workspaces may have changed.
  'reporting.recorded': { workspaceIds: string[]; names: string[] };
  'presence.changed': { workspaceId: string; userId: string; status: 'online' | 'away' | 'offline'; at: string };
};

type Handler<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

export class EventBus {
  private emitter = new EventEmitter({ captureRejections: false });
  constructor() {
    this.emitter.setMaxListeners(50);
  }
  on<K extends keyof DomainEvents>(event: K, handler: Handler<K>) {
    this.emitter.on(event, handler as (p: unknown) => void);
    return () => this.emitter.off(event, handler as (p: unknown) => void);
  }
  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]) {
    this.emitter.emit(event, payload);
  }
}
