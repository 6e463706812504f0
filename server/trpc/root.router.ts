import { authRouter } from './auth.router';
import { deskRouter } from './desk.router';
import { routingRouter } from './routing.router';
import { createCallerFactory, router } from './trpc';
import { widgetRouter } from './widget.router';

export const appRouter = router({
  auth: authRouter,
  widget: widgetRouter,
  desk: deskRouter,
  routing: routingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
