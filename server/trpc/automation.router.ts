import { z } from 'zod';
import { dryRunInput, macroInput, ruleInput } from '@/lib/contracts/automation';
import { uuidSchema } from '@/lib/contracts/chat';
import { roleProcedure, router } from './trpc';

const supervisors = roleProcedure('admin', 'supervisor');
const desk = roleProcedure('admin', 'supervisor', 'agent');

/** Automation rules (supervisors, admins) and macros (edited by supervisors and admins, run by the desk). */
export const automationRouter = router({
  rules: supervisors.query(({ ctx }) => ctx.app.automation.listRules(ctx.actor.workspaceId)),
  saveRule: supervisors
    .input(z.object({ id: uuidSchema.optional(), rule: ruleInput }))
    .mutation(({ ctx, input }) => ctx.app.automation.saveRule(ctx.actor, input.id ?? null, input.rule)),
  setEnabled: supervisors
    .input(z.object({ id: uuidSchema, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.app.automation.setEnabled(ctx.actor, input.id, input.enabled)),
  deleteRule: supervisors.input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => ctx.app.automation.deleteRule(ctx.actor, input.id)),
  dryRun: supervisors.input(dryRunInput).mutation(({ ctx, input }) => ctx.app.automation.dryRun(ctx.actor.workspaceId, input)),
  runs: desk.input(z.object({ conversationId: uuidSchema })).query(({ ctx, input }) => ctx.app.automation.listRuns(ctx.actor, input.conversationId)),

  macros: desk.query(({ ctx }) => ctx.app.automation.listMacros(ctx.actor.workspaceId)),
  saveMacro: supervisors
    .input(z.object({ id: uuidSchema.optional(), macro: macroInput }))
    .mutation(({ ctx, input }) => ctx.app.automation.saveMacro(ctx.actor, input.id ?? null, input.macro)),
  deleteMacro: supervisors.input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => ctx.app.automation.deleteMacro(ctx.actor, input.id)),
  runMacro: desk
    .input(z.object({ id: uuidSchema, conversationId: uuidSchema }))
    .mutation(({ ctx, input }) => ctx.app.automation.runMacro(ctx.actor, input.id, input.conversationId)),
});
