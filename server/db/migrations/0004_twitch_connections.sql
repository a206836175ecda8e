CREATE TABLE "twitch_connections" (
	"channel_id" text PRIMARY KEY NOT NULL,
	"twitch_user_id" text NOT NULL,
	"twitch_login" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"access_token" text NOT NULL,
	"refresh_token" text NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"obtained_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"broken_reason" text,
	"connected_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "twitch_connections_status_check" CHECK ("twitch_connections"."status" in ('connected', 'broken'))
);
--> statement-breakpoint
CREATE TABLE "twitch_oauth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"principal" text NOT NULL,
	"role" text NOT NULL,
	"via" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "twitch_connections_user_idx" ON "twitch_connections" USING btree ("twitch_user_id");--> statement-breakpoint
CREATE INDEX "twitch_oauth_states_expires_idx" ON "twitch_oauth_states" USING btree ("expires_at");