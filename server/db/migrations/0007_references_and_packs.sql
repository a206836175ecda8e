CREATE TABLE "packs" (
	"id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"brand_kit_id" text,
	"visibility" text NOT NULL,
	"subjects" jsonb NOT NULL,
	"pieces" jsonb NOT NULL,
	"status" text NOT NULL,
	"stop_code" text,
	"stop_message" text,
	"expanded_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packs_status_check" CHECK ("packs"."status" in ('running', 'completed', 'stopped', 'cancelled')),
	CONSTRAINT "packs_visibility_check" CHECK ("packs"."visibility" in ('public', 'private'))
);
--> statement-breakpoint
CREATE TABLE "reference_images" (
	"id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"brand_kit_id" text,
	"label" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "reference_image_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "pack_id" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "pack_piece" text;--> statement-breakpoint
ALTER TABLE "packs" ADD CONSTRAINT "packs_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_images" ADD CONSTRAINT "reference_images_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_images" ADD CONSTRAINT "reference_images_brand_kit_id_brand_kits_id_fk" FOREIGN KEY ("brand_kit_id") REFERENCES "public"."brand_kits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "packs_channel_created_idx" ON "packs" USING btree ("channel_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reference_images_channel_idx" ON "reference_images" USING btree ("channel_id","created_at");--> statement-breakpoint
CREATE INDEX "reference_images_brand_kit_idx" ON "reference_images" USING btree ("brand_kit_id");--> statement-breakpoint
CREATE INDEX "jobs_pack_idx" ON "jobs" USING btree ("pack_id");