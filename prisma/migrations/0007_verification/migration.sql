-- Verification samples: per campaign, the simulations whose content hash falls below the spec's
-- verification fraction are solved again by a reference solver pool; each gets one row with both
-- maps' figures, their differences and correlations, and the reference solver's name and version.

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "verification_samples" (
    "campaign_id" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "batch_index" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "status" "VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "pool" TEXT NOT NULL,
    "reference_mesh" TEXT NOT NULL,
    "reference_solver" TEXT,
    "reference_version" TEXT,
    "bz_peak_to_peak_mt" DOUBLE PRECISION,
    "bx_peak_mt" DOUBLE PRECISION,
    "reference_bz_peak_to_peak_mt" DOUBLE PRECISION,
    "reference_bx_peak_mt" DOUBLE PRECISION,
    "bz_peak_to_peak_diff_percent" DOUBLE PRECISION,
    "bx_peak_diff_percent" DOUBLE PRECISION,
    "correlation_bx" DOUBLE PRECISION,
    "correlation_by" DOUBLE PRECISION,
    "correlation_bz" DOUBLE PRECISION,
    "reference_solve_ms" DOUBLE PRECISION,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_samples_pkey" PRIMARY KEY ("campaign_id","index")
);

-- CreateIndex
CREATE INDEX "verification_samples_campaign_id_status_idx" ON "verification_samples"("campaign_id", "status");

-- AddForeignKey
ALTER TABLE "verification_samples" ADD CONSTRAINT "verification_samples_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

