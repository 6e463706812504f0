-- Search indexing leaves the message write path (server/search/indexer.ts). The two GIN indexes on
-- messages.body cost a customer's message most of its write time, and their pending-list flushes stalled a
-- write for 60-160 ms every few thousand messages. Bodies are now indexed in message_search, filled in the
-- background from message_search_queue; search reads queued messages directly until they are indexed.
CREATE TABLE "message_search" (
	"message_id" bigint PRIMARY KEY NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_search_queue" (
	"message_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "messages_body_fts";--> statement-breakpoint
DROP INDEX "messages_body_trgm";--> statement-breakpoint
ALTER TABLE "message_search" ADD CONSTRAINT "message_search_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Existing history is copied before the indexes exist: one bulk index build is far cheaper than row by row.
INSERT INTO "message_search" ("message_id", "body") SELECT "id", "body" FROM "messages" WHERE "kind" <> 'event';--> statement-breakpoint
-- A smaller pending list than the 4 MB default: the indexer's insert that flushes it blocks PGlite (one
-- process) for about 60 ms instead of 150-200 ms.
CREATE INDEX "message_search_fts" ON "message_search" USING gin (to_tsvector('simple', "body")) WITH (gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "message_search_trgm" ON "message_search" USING gin ("body" gin_trgm_ops) WITH (gin_pending_list_limit = 1024);--> statement-breakpoint
-- One statement-level trigger: one call per INSERT, however many messages it writes (ON CONFLICT skips are not
-- in the transition table). Events are never searched.
CREATE FUNCTION "message_search_enqueue"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO message_search_queue (message_id) SELECT id FROM new_messages WHERE kind <> 'event';
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_search_enqueue" AFTER INSERT ON "messages" REFERENCING NEW TABLE AS "new_messages" FOR EACH STATEMENT EXECUTE FUNCTION "message_search_enqueue"();
