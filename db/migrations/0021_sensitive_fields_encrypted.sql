DROP INDEX "contacts_email_trgm";--> statement-breakpoint
DROP INDEX "contacts_phone_trgm";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "email_bidx" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_bidx" text;--> statement-breakpoint
CREATE INDEX "contacts_email_bidx" ON "contacts" USING btree ("workspace_id","email_bidx");--> statement-breakpoint
CREATE INDEX "contacts_phone_bidx" ON "contacts" USING btree ("workspace_id","phone_bidx");