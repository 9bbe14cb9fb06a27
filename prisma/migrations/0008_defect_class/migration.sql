-- The POF 100 anomaly dimension class of each simulation's defect (services/campaign/defect-class.ts):
-- general, pitting, axial-grooving, circumferential-grooving, pinhole, axial-slotting or
-- circumferential-slotting, from its length, width and wall thickness. Derived from the defect,
-- so it is no part of the content hash. Simulations cataloged before classes were recorded keep NULL.
-- The index serves the class mix of one campaign (`campaign status`, the manifest) from the index alone.

-- AlterTable
ALTER TABLE "simulations" ADD COLUMN     "defect_class" TEXT;

-- CreateIndex
CREATE INDEX "simulations_campaign_id_defect_class_idx" ON "simulations"("campaign_id", "defect_class");
