-- SLA attainment is read from reporting events (sla_met, sla_missed) and their per-hour totals, like every other
-- metric, instead of joining sla_events to conversations on every report. Clocks stopped before this migration
-- become events here, with the conversation's team, agent, vendor and channel as they are now, and the intent and
-- language of its first reading. The statement trigger adds them to reporting_hourly.
INSERT INTO reporting_events (workspace_id, conversation_id, name, at, agent_id, team_id, vendor_id, channel, intent, lang, wall_seconds, business_seconds, detail)
SELECT s.workspace_id, s.conversation_id, CASE WHEN s.event = 'met' THEN 'sla_met' ELSE 'sla_missed' END, s.at,
       c.assignee_id, c.team_id, c.vendor_id, c.channel::text, a.intent, a.lang, s.wall_seconds, s.business_seconds, s.kind::text
FROM sla_events s
JOIN conversations c ON c.id = s.conversation_id
LEFT JOIN LATERAL (SELECT e.intent, e.lang FROM reporting_events e WHERE e.conversation_id = s.conversation_id AND e.name = 'classified' ORDER BY e.id LIMIT 1) a ON true
WHERE s.event IN ('met', 'missed')
  AND NOT EXISTS (SELECT 1 FROM reporting_events x WHERE x.conversation_id = s.conversation_id AND x.name IN ('sla_met', 'sla_missed') AND x.at = s.at AND x.detail = s.kind::text);
--> statement-breakpoint
-- Labels become a dimension of the per-hour totals (dim 'label', key: the label), by the labels a conversation
-- has NOW, as the desk shows them: each event counts under every label of its conversation when it is written,
-- and when a conversation's labels change, its events' totals move from the labels it lost to the ones it gained.
-- A label report then reads its own rows like every other dimension instead of joining events to conversations.
CREATE OR REPLACE FUNCTION "reporting_hourly_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each event counts once per dimension: in total, by agent, team, vendor, channel, intent and language; and
  -- once under each label of its conversation.
  INSERT INTO reporting_hourly AS h (workspace_id, hour, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
  SELECT x.workspace_id, x.hour, x.name, x.dim, x.key, x.detail, count(*), coalesce(sum(x.wall_seconds), 0), coalesce(sum(x.business_seconds), 0), coalesce(sum(x.value), 0)
  FROM (
    SELECT e.workspace_id, date_trunc('hour', e.at) AS hour, e.name, d.dim, d.key, e.detail, e.wall_seconds, e.business_seconds, e.value
    FROM new_events e
    CROSS JOIN LATERAL (VALUES ('all', NULL::text), ('agent', e.agent_id::text), ('team', e.team_id::text), ('vendor', e.vendor_id::text),
                               ('channel', e.channel), ('intent', e.intent), ('language', e.lang)) AS d(dim, key)
    UNION ALL
    SELECT e.workspace_id, date_trunc('hour', e.at), e.name, 'label', l.label, e.detail, e.wall_seconds, e.business_seconds, e.value
    FROM new_events e JOIN conversations c ON c.id = e.conversation_id CROSS JOIN LATERAL unnest(c.labels) AS l(label)
  ) x
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT reporting_hourly_key DO UPDATE SET
    count = h.count + excluded.count,
    wall_sum = h.wall_sum + excluded.wall_sum,
    business_sum = h.business_sum + excluded.business_sum,
    value_sum = h.value_sum + excluded.value_sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "reporting_labels_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- +1 per event under each label gained, -1 under each label lost (rows left at zero are harmless: reports sum).
  INSERT INTO reporting_hourly AS h (workspace_id, hour, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
  SELECT e.workspace_id, date_trunc('hour', e.at), e.name, 'label', l.label, e.detail,
         sum(l.sign)::int, coalesce(sum(l.sign * e.wall_seconds), 0), coalesce(sum(l.sign * e.business_seconds), 0), coalesce(sum(l.sign * e.value), 0)
  FROM reporting_events e
  CROSS JOIN (
    SELECT g.label, 1 AS sign FROM unnest(NEW.labels) AS g(label) WHERE NOT (g.label = ANY(OLD.labels))
    UNION ALL
    SELECT r.label, -1 FROM unnest(OLD.labels) AS r(label) WHERE NOT (r.label = ANY(NEW.labels))
  ) l
  WHERE e.conversation_id = NEW.id
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT reporting_hourly_key DO UPDATE SET
    count = h.count + excluded.count,
    wall_sum = h.wall_sum + excluded.wall_sum,
    business_sum = h.business_sum + excluded.business_sum,
    value_sum = h.value_sum + excluded.value_sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "conversations_labels_reporting" AFTER UPDATE OF "labels" ON "conversations" FOR EACH ROW WHEN (OLD.labels IS DISTINCT FROM NEW.labels) EXECUTE FUNCTION "reporting_labels_moved"();
--> statement-breakpoint
-- The label totals of the history so far.
INSERT INTO reporting_hourly AS h (workspace_id, hour, name, dim, key, detail, count, wall_sum, business_sum, value_sum)
SELECT e.workspace_id, date_trunc('hour', e.at), e.name, 'label', l.label, e.detail,
       count(*), coalesce(sum(e.wall_seconds), 0), coalesce(sum(e.business_seconds), 0), coalesce(sum(e.value), 0)
FROM reporting_events e JOIN conversations c ON c.id = e.conversation_id CROSS JOIN LATERAL unnest(c.labels) AS l(label)
GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT ON CONSTRAINT reporting_hourly_key DO UPDATE SET
  count = h.count + excluded.count,
  wall_sum = h.wall_sum + excluded.wall_sum,
  business_sum = h.business_sum + excluded.business_sum,
  value_sum = h.value_sum + excluded.value_sum;
