DROP INDEX "canned_workspace_code";--> statement-breakpoint
CREATE UNIQUE INDEX "canned_workspace_code_lang" ON "canned_responses" USING btree ("workspace_id","short_code",coalesce("lang", ''));