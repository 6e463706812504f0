ALTER TABLE "conversations" ADD COLUMN "escalation_detail" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD COLUMN "detail" jsonb;