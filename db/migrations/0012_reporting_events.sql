CREATE TABLE "reporting_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid,
	"name" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"agent_id" uuid,
	"team_id" uuid,
	"vendor_id" uuid,
	"channel" text,
	"intent" text,
	"lang" text,
	"wall_seconds" real,
	"business_seconds" real,
	"value" real,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "reporting_hourly" (
	"workspace_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"dim" text NOT NULL,
	"key" text,
	"detail" text,
	"count" integer NOT NULL,
	"wall_sum" double precision DEFAULT 0 NOT NULL,
	"business_sum" double precision DEFAULT 0 NOT NULL,
	"value_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "reporting_hourly_key" UNIQUE NULLS NOT DISTINCT("workspace_id","name","dim","hour","key","detail")
);
--> statement-breakpoint
ALTER TABLE "reporting_events" ADD CONSTRAINT "reporting_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reporting_events_ws_name_at" ON "reporting_events" USING btree ("workspace_id","name","at");--> statement-breakpoint
CREATE INDEX "reporting_events_conversation" ON "reporting_events" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "conversations_ws_status" ON "conversations" USING btree ("workspace_id","status");--> statement-breakpoint
-- Per-hour totals follow every insert into reporting_events (one statement-level call per INSERT, however many
-- rows it writes), so the hourly and daily charts never aggregate raw events. Existing history is added by
-- `npm run reporting:backfill` (the demo seed runs it).
CREATE FUNCTION "reporting_hourly_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each event counts once per dimension: in total, by agent, team, vendor, channel, intent and language.
  INSERT INTO reporting_hourly AS h (workspace_id, hour, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
  SELECT e.workspace_id, date_trunc('hour', e.at), e.name, d.dim, d.key, e.detail,
         count(*), coalesce(sum(e.wall_seconds), 0), coalesce(sum(e.business_seconds), 0), coalesce(sum(e.value), 0)
  FROM new_events e
  CROSS JOIN LATERAL (VALUES ('all', NULL::text), ('agent', e.agent_id::text), ('team', e.team_id::text), ('vendor', e.vendor_id::text),
                             ('channel', e.channel), ('intent', e.intent), ('language', e.lang)) AS d(dim, key)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT reporting_hourly_key DO UPDATE SET
    count = h.count + excluded.count,
    wall_sum = h.wall_sum + excluded.wall_sum,
    business_sum = h.business_sum + excluded.business_sum,
    value_sum = h.value_sum + excluded.value_sum;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "reporting_events_hourly" AFTER INSERT ON "reporting_events" REFERENCING NEW TABLE AS "new_events" FOR EACH STATEMENT EXECUTE FUNCTION "reporting_hourly_add"();
