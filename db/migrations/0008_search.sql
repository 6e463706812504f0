-- Search (server/search): trigram indexes need pg_trgm, which PGlite loads as an extension (db/client.ts) and
-- Postgres ships in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_trgm" ON "contacts" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_trgm" ON "contacts" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "conversations_context_trgm" ON "conversations" USING gin ((coalesce("context" ->> 'title', '') || ' ' || coalesce("context" ->> 'id', '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "messages_body_fts" ON "messages" USING gin (to_tsvector('simple', "body"));--> statement-breakpoint
CREATE INDEX "messages_body_trgm" ON "messages" USING gin ("body" gin_trgm_ops);