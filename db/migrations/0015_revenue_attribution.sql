CREATE TABLE "order_attributions" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"gap_seconds" real NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_requests" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"order_id" uuid
);
--> statement-breakpoint
ALTER TABLE "order_attributions" ADD CONSTRAINT "order_attributions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_attributions_conversation" ON "order_attributions" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "refund_requests_ws_started" ON "refund_requests" USING btree ("workspace_id","started_at");--> statement-breakpoint
-- An order is credited to the customer's latest conversation that started at or before it (ties: the larger id).
-- A contact belongs to one workspace, so the contact alone finds them (by its index, whatever the statistics).
CREATE FUNCTION "order_attribute"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM order_attributions WHERE order_id = NEW.id;
  INSERT INTO order_attributions (order_id, workspace_id, conversation_id, gap_seconds)
  SELECT NEW.id, NEW.workspace_id, c.id, extract(epoch FROM NEW.placed_at - c.created_at)
  FROM conversations c
  WHERE c.contact_id = NEW.contact_id AND c.created_at <= NEW.placed_at
  ORDER BY c.created_at DESC, c.id DESC
  LIMIT 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_attribution" AFTER INSERT OR UPDATE OF "contact_id", "placed_at" ON "orders" FOR EACH ROW EXECUTE FUNCTION "order_attribute"();
--> statement-breakpoint
-- A conversation that starts before orders already recorded (an import, history) takes the orders it now
-- precedes more closely than their current conversation does.
CREATE FUNCTION "conversation_attribute_orders"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_attributions AS a (order_id, workspace_id, conversation_id, gap_seconds)
  SELECT o.id, o.workspace_id, NEW.id, extract(epoch FROM o.placed_at - NEW.created_at)
  FROM orders o
  WHERE o.contact_id = NEW.contact_id AND o.placed_at >= NEW.created_at
  ON CONFLICT (order_id) DO UPDATE SET conversation_id = excluded.conversation_id, gap_seconds = excluded.gap_seconds
  WHERE a.gap_seconds > excluded.gap_seconds;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "conversations_order_attribution" AFTER INSERT ON "conversations" FOR EACH ROW EXECUTE FUNCTION "conversation_attribute_orders"();
--> statement-breakpoint
-- The order a refund, return or cancellation request is about: the one the conversation names, else the
-- customer's latest order placed before the conversation started.
CREATE FUNCTION "refund_request_order"(c conversations) RETURNS uuid LANGUAGE sql STABLE AS $$
  (SELECT o.id FROM orders o
    WHERE c.context->>'type' = 'order' AND o.workspace_id = c.workspace_id AND o.order_number = c.context->>'id' LIMIT 1)
  UNION ALL
  (SELECT o.id FROM orders o
    WHERE coalesce(c.context->>'type', '') <> 'order' AND o.contact_id = c.contact_id AND o.placed_at <= c.created_at
    ORDER BY o.placed_at DESC LIMIT 1)
  LIMIT 1
$$;
--> statement-breakpoint
-- The models' first reading of a conversation as a refund, return or cancellation request links it to its order.
CREATE FUNCTION "refund_requests_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO refund_requests (conversation_id, workspace_id, started_at, requested_at, order_id)
  SELECT DISTINCT ON (c.id) c.id, c.workspace_id, c.created_at, e.at, refund_request_order(c)
  FROM new_events e JOIN conversations c ON c.id = e.conversation_id
  WHERE e.name = 'classified' AND e.intent IN ('return_refund', 'cancel_order')
  ORDER BY c.id, e.at
  ON CONFLICT (conversation_id) DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "reporting_events_refund_requests" AFTER INSERT ON "reporting_events" REFERENCING NEW TABLE AS "new_events" FOR EACH STATEMENT EXECUTE FUNCTION "refund_requests_add"();
--> statement-breakpoint
-- The history so far.
INSERT INTO order_attributions (order_id, workspace_id, conversation_id, gap_seconds)
SELECT o.id, o.workspace_id, c.id, extract(epoch FROM o.placed_at - c.created_at)
FROM orders o
CROSS JOIN LATERAL (
  SELECT c.id, c.created_at FROM conversations c
  WHERE c.contact_id = o.contact_id AND c.created_at <= o.placed_at
  ORDER BY c.created_at DESC, c.id DESC LIMIT 1) c;
--> statement-breakpoint
INSERT INTO refund_requests (conversation_id, workspace_id, started_at, requested_at, order_id)
SELECT DISTINCT ON (c.id) c.id, c.workspace_id, c.created_at, e.at, refund_request_order(c)
FROM reporting_events e JOIN conversations c ON c.id = e.conversation_id
WHERE e.name = 'classified' AND e.intent IN ('return_refund', 'cancel_order')
ORDER BY c.id, e.at
ON CONFLICT (conversation_id) DO NOTHING;
