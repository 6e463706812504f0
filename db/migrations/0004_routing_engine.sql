ALTER TABLE "teams" ADD COLUMN "routing_strategy" text DEFAULT 'round_robin' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "reassign_after_seconds" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "overflow_after_seconds" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "overflow_team_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "max_concurrent_chats" integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assigned_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queued_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "overflowed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_overflow_team_id_teams_id_fk" FOREIGN KEY ("overflow_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_waiting" ON "conversations" USING btree ("team_id","status") WHERE assignee_id is null;--> statement-breakpoint
-- Conversations from before: assigned ones count from their first answer (or start), waiting ones from their start.
UPDATE "conversations" SET "assigned_at" = coalesce("first_response_at", "created_at") WHERE "assignee_id" IS NOT NULL;--> statement-breakpoint
UPDATE "conversations" SET "queued_at" = "created_at" WHERE "assignee_id" IS NULL;
