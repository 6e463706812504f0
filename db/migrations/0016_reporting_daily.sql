CREATE TABLE "reporting_daily" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	"dim" text NOT NULL,
	"key" text,
	"detail" text,
	"count" integer NOT NULL,
	"wall_sum" double precision DEFAULT 0 NOT NULL,
	"business_sum" double precision DEFAULT 0 NOT NULL,
	"value_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "reporting_daily_key" UNIQUE NULLS NOT DISTINCT("workspace_id","name","dim","day","key","detail")
);
--> statement-breakpoint
CREATE TABLE "reporting_daily_timezones" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"timezone" text NOT NULL
);
--> statement-breakpoint
-- Per-day totals are kept beside the per-hour ones, by the same triggers, in the days of the workspace's default
-- business calendar (an hour belongs to the day it starts in). reporting_daily_timezones records the timezone
-- the days were counted in; when the default calendar's timezone changes, the days are rebuilt from the hours.
CREATE FUNCTION "workspace_calendar_timezone"(ws uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT c.timezone FROM business_calendars c WHERE c.workspace_id = ws AND c.is_default LIMIT 1), 'Asia/Dhaka')
$$;
--> statement-breakpoint
CREATE FUNCTION "reporting_daily_timezone"(ws uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT t.timezone FROM reporting_daily_timezones t WHERE t.workspace_id = ws), workspace_calendar_timezone(ws))
$$;
--> statement-breakpoint
CREATE FUNCTION "reporting_daily_rebuild"(ws uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text := workspace_calendar_timezone(ws);
BEGIN
  DELETE FROM reporting_daily WHERE workspace_id = ws;
  INSERT INTO reporting_daily (workspace_id, day, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
  SELECT workspace_id, (hour AT TIME ZONE tz)::date, name, dim, key, detail, sum(count), sum(wall_sum), sum(business_sum), sum(value_sum)
  FROM reporting_hourly WHERE workspace_id = ws
  GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO reporting_daily_timezones (workspace_id, timezone) VALUES (ws, tz)
  ON CONFLICT (workspace_id) DO UPDATE SET timezone = excluded.timezone;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "reporting_calendar_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.workspace_id ELSE NEW.workspace_id END;
BEGIN
  IF workspace_calendar_timezone(ws) IS DISTINCT FROM (SELECT t.timezone FROM reporting_daily_timezones t WHERE t.workspace_id = ws) THEN
    PERFORM reporting_daily_rebuild(ws);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "business_calendars_reporting_days" AFTER INSERT OR DELETE OR UPDATE OF "timezone", "is_default" ON "business_calendars" FOR EACH ROW EXECUTE FUNCTION "reporting_calendar_changed"();
--> statement-breakpoint
-- Events: each counts once per dimension (in total, by agent, team, vendor, channel, intent and language, and once
-- under each label of its conversation), per hour and per day.
CREATE OR REPLACE FUNCTION "reporting_hourly_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH x AS (
    SELECT y.workspace_id, y.hour, y.name, y.dim, y.key, y.detail, count(*)::int AS n,
           coalesce(sum(y.wall_seconds), 0) AS w, coalesce(sum(y.business_seconds), 0) AS b, coalesce(sum(y.value), 0) AS v
    FROM (
      SELECT e.workspace_id, date_trunc('hour', e.at) AS hour, e.name, d.dim, d.key, e.detail, e.wall_seconds, e.business_seconds, e.value
      FROM new_events e
      CROSS JOIN LATERAL (VALUES ('all', NULL::text), ('agent', e.agent_id::text), ('team', e.team_id::text), ('vendor', e.vendor_id::text),
                                 ('channel', e.channel), ('intent', e.intent), ('language', e.lang)) AS d(dim, key)
      UNION ALL
      SELECT e.workspace_id, date_trunc('hour', e.at), e.name, 'label', l.label, e.detail, e.wall_seconds, e.business_seconds, e.value
      FROM new_events e JOIN conversations c ON c.id = e.conversation_id CROSS JOIN LATERAL unnest(c.labels) AS l(label)
    ) y
    GROUP BY 1, 2, 3, 4, 5, 6
  ), hourly AS (
    INSERT INTO reporting_hourly AS h (workspace_id, hour, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
    SELECT workspace_id, hour, name, dim, key, detail, n, w, b, v FROM x
    ON CONFLICT ON CONSTRAINT reporting_hourly_key DO UPDATE SET
      count = h.count + excluded.count,
      wall_sum = h.wall_sum + excluded.wall_sum,
      business_sum = h.business_sum + excluded.business_sum,
      value_sum = h.value_sum + excluded.value_sum
  )
  INSERT INTO reporting_daily AS d (workspace_id, day, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
  SELECT x.workspace_id, (x.hour AT TIME ZONE z.tz)::date, x.name, x.dim, x.key, x.detail, sum(x.n), sum(x.w), sum(x.b), sum(x.v)
  FROM x JOIN (SELECT w.ws, reporting_daily_timezone(w.ws) AS tz FROM (SELECT DISTINCT workspace_id AS ws FROM x) w) z ON z.ws = x.workspace_id
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT reporting_daily_key DO UPDATE SET
    count = d.count + excluded.count,
    wall_sum = d.wall_sum + excluded.wall_sum,
    business_sum = d.business_sum + excluded.business_sum,
    value_sum = d.value_sum + excluded.value_sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "reporting_labels_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- +1 per event under each label gained, -1 under each label lost (rows left at zero are harmless: reports sum).
  WITH x AS (
    SELECT e.workspace_id, date_trunc('hour', e.at) AS hour, e.name, 'label' AS dim, l.label AS key, e.detail,
           sum(l.sign)::int AS n, coalesce(sum(l.sign * e.wall_seconds), 0) AS w, coalesce(sum(l.sign * e.business_seconds), 0) AS b,
           coalesce(sum(l.sign * e.value), 0) AS v
    FROM reporting_events e
    CROSS JOIN (
      SELECT g.label, 1 AS sign FROM unnest(NEW.labels) AS g(label) WHERE NOT (g.label = ANY(OLD.labels))
      UNION ALL
      SELECT r.label, -1 FROM unnest(OLD.labels) AS r(label) WHERE NOT (r.label = ANY(NEW.labels))
    ) l
    WHERE e.conversation_id = NEW.id
    GROUP BY 1, 2, 3, 4, 5, 6
  ), hourly AS (
    INSERT INTO reporting_hourly AS h (workspace_id, hour, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
    SELECT workspace_id, hour, name, dim, key, detail, n, w, b, v FROM x
    ON CONFLICT ON CONSTRAINT reporting_hourly_key DO UPDATE SET
      count = h.count + excluded.count,
      wall_sum = h.wall_sum + excluded.wall_sum,
      business_sum = h.business_sum + excluded.business_sum,
      value_sum = h.value_sum + excluded.value_sum
  )
  INSERT INTO reporting_daily AS d (workspace_id, day, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
  SELECT x.workspace_id, (x.hour AT TIME ZONE reporting_daily_timezone(NEW.workspace_id))::date, x.name, x.dim, x.key, x.detail, sum(x.n), sum(x.w), sum(x.b), sum(x.v)
  FROM x
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT reporting_daily_key DO UPDATE SET
    count = d.count + excluded.count,
    wall_sum = d.wall_sum + excluded.wall_sum,
    business_sum = d.business_sum + excluded.business_sum,
    value_sum = d.value_sum + excluded.value_sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The days of the history so far.
SELECT reporting_daily_rebuild(w.id) FROM workspaces w;
