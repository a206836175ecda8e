ALTER TABLE "assets" ADD COLUMN "parent_asset_id" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "source_content_type" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "parent_asset_id" text;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_parent_asset_id_assets_id_fk" FOREIGN KEY ("parent_asset_id") REFERENCES "public"."assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assets_parent_idx" ON "assets" USING btree ("parent_asset_id");