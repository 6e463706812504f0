ALTER TABLE "products" ADD COLUMN "image_url" text;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD COLUMN "idle_minutes" integer;