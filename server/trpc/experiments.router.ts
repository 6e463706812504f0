import { experimentIdInput, experimentInput, experimentUpdateInput } from '@/lib/contracts/experiments';
import { roleProcedure, router } from './trpc';

// Results are for the people who read dashboards; changing what customers see is for supervisors and admins.
const viewers = roleProcedure('executive', 'supervisor', 'admin');
const editors = roleProcedure('admin', 'supervisor');

/** A/B experiments on chat features (server/experiments). */
export const experimentsRouter = router({
  list: viewers.query(({ ctx }) => ctx.app.experiments.list(ctx.actor.workspaceId)),
  widgets: viewers.query(({ ctx }) => ctx.app.experiments.listWidgets(ctx.actor.workspaceId)),
  get: viewers.input(experimentIdInput).query(({ ctx, input }) => ctx.app.experiments.get(ctx.actor.workspaceId, input.id)),
  results: viewers.input(experimentIdInput).query(({ ctx, input }) => ctx.app.experiments.results(ctx.actor.workspaceId, input.id)),
  create: editors.input(experimentInput).mutation(({ ctx, input }) => ctx.app.experiments.create(ctx.actor, input)),
  update: editors.input(experimentUpdateInput).mutation(({ ctx, input }) => ctx.app.experiments.update(ctx.actor, input)),
  start: editors.input(experimentIdInput).mutation(({ ctx, input }) => ctx.app.experiments.start(ctx.actor.workspaceId, input.id)),
  stop: editors.input(experimentIdInput).mutation(({ ctx, input }) => ctx.app.experiments.stop(ctx.actor.workspaceId, input.id)),
});
