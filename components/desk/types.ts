import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root.router';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type ConversationItem = RouterOutputs['desk']['listConversations']['items'][number];
export type ConversationDetail = RouterOutputs['desk']['conversation'];
export type Me = RouterOutputs['auth']['me'];
export type Directory = RouterOutputs['desk']['directory'];
export type ListFilter = {
  view: 'unassigned' | 'mine' | 'teams' | 'all';
  statuses: ('open' | 'pending' | 'snoozed' | 'resolved')[];
  priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  label?: string;
  channel?: string;
};
