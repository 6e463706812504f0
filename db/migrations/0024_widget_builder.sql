ALTER TABLE "widgets" ADD COLUMN "calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "offline_text_en" text;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "offline_text_bn" text;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "prechat_fields" text[] DEFAULT '{name,phone,email}'::text[] NOT NULL;