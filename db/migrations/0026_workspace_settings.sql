ALTER TABLE "workspaces" ADD COLUMN "logo_data_url" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "default_locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "auto_resolve_hours" integer;