ALTER TABLE "widgets" ADD COLUMN "consent_notice_en" text;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "consent_notice_bn" text;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "privacy_url" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "retention_days" integer;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "retention_action" text DEFAULT 'anonymise' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "redacted_at" timestamp with time zone;