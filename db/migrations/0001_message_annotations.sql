CREATE TABLE "message_annotations" (
	"message_id" bigint PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"sentiment" text NOT NULL,
	"sentiment_scores" jsonb NOT NULL,
	"intent" text NOT NULL,
	"intent_confidence" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_annotations" ADD CONSTRAINT "message_annotations_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_annotations" ADD CONSTRAINT "message_annotations_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_annotations_conversation" ON "message_annotations" USING btree ("conversation_id","message_id");