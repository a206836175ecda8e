CREATE TABLE "chat_cooldowns" (
	"channel_id" text NOT NULL,
	"twitch_user_id" text NOT NULL,
	"last_started_at" timestamp (3) with time zone,
	"last_notice_at" timestamp (3) with time zone,
	CONSTRAINT "chat_cooldowns_channel_id_twitch_user_id_pk" PRIMARY KEY("channel_id","twitch_user_id")
);
--> statement-breakpoint
CREATE TABLE "chat_settings" (
	"channel_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"prefix" text NOT NULL,
	"aliases" jsonb NOT NULL,
	"who" text NOT NULL,
	"user_cooldown_seconds" integer NOT NULL,
	"channel_cooldown_seconds" integer NOT NULL,
	"publish_at_once" boolean NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "chat_settings_cooldowns_check" CHECK ("chat_settings"."user_cooldown_seconds" >= 0 and "chat_settings"."channel_cooldown_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "twitch_receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "twitch_rewards" (
	"id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"twitch_reward_id" text,
	"asset_type" text NOT NULL,
	"title" text NOT NULL,
	"cost" integer NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "twitch_rewards_status_check" CHECK ("twitch_rewards"."status" in ('pending', 'active', 'deleting', 'failed')),
	CONSTRAINT "twitch_rewards_cost_check" CHECK ("twitch_rewards"."cost" >= 1)
);
--> statement-breakpoint
CREATE TABLE "twitch_triggers" (
	"job_id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"kind" text NOT NULL,
	"broadcaster_id" text NOT NULL,
	"twitch_user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"message_id" text,
	"reward_id" text,
	"redemption_id" text,
	"settled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "twitch_triggers_kind_check" CHECK ("twitch_triggers"."kind" in ('chat', 'redemption'))
);
--> statement-breakpoint
ALTER TABLE "chat_settings" ADD CONSTRAINT "chat_settings_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twitch_rewards" ADD CONSTRAINT "twitch_rewards_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twitch_triggers" ADD CONSTRAINT "twitch_triggers_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "twitch_receipts_received_idx" ON "twitch_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "twitch_rewards_channel_idx" ON "twitch_rewards" USING btree ("channel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "twitch_rewards_twitch_id_idx" ON "twitch_rewards" USING btree ("twitch_reward_id");--> statement-breakpoint
CREATE INDEX "twitch_triggers_unsettled_idx" ON "twitch_triggers" USING btree ("created_at") WHERE "twitch_triggers"."settled_at" is null;