CREATE TABLE "generation_budget_days" (
	"channel_id" text NOT NULL,
	"day" date NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "generation_budget_days_channel_id_day_pk" PRIMARY KEY("channel_id","day"),
	CONSTRAINT "generation_budget_days_used_check" CHECK ("generation_budget_days"."used" >= 0)
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "daily_generation_budget_set" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "daily_generation_budget" integer;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "budget_day" date;--> statement-breakpoint
CREATE INDEX "generation_budget_days_day_idx" ON "generation_budget_days" USING btree ("day");--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_daily_generation_budget_check" CHECK ("channels"."daily_generation_budget" >= 0);