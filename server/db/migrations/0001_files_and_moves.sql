CREATE TABLE "asset_moves" (
	"asset_id" text PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_moves_target_check" CHECK ("asset_moves"."target" in ('public', 'private'))
);
--> statement-breakpoint
CREATE TABLE "orphan_files" (
	"storage_key" text PRIMARY KEY NOT NULL,
	"visibility" text,
	"job_id" text,
	"lease_holder" text,
	"sweep_after" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orphan_files_visibility_check" CHECK ("orphan_files"."visibility" in ('public', 'private'))
);
--> statement-breakpoint
ALTER TABLE "asset_moves" ADD CONSTRAINT "asset_moves_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orphan_files_sweep_idx" ON "orphan_files" USING btree ("sweep_after");