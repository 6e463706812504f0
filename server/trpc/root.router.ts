import { accountRouter } from './account.router';
import { adminRouter, inviteRouter } from './admin.router';
import { setupRouter } from './setup.router';
import { analyticsRouter } from './analytics.router';
import { auditRouter } from './audit.router';
import { authRouter } from './auth.router';
import { automationRouter } from './automation.router';
import { deskRouter } from './desk.router';
import { experimentsRouter } from './experiments.router';
import { privacyRouter } from './privacy.router';
import { routingRouter } from './routing.router';
import { searchRouter } from './search.router';
import { slaRouter } from './sla.router';
import { ticketsRouter } from './tickets.router';
import { createCallerFactory, router } from './trpc';
import { widgetRouter } from './widget.router';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  invite: inviteRouter,
  setup: setupRouter,
  widget: widgetRouter,
  desk: deskRouter,
  routing: routingRouter,
  sla: slaRouter,
  automation: automationRouter,
  search: searchRouter,
  tickets: ticketsRouter,
  analytics: analyticsRouter,
  experiments: experimentsRouter,
  audit: auditRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
