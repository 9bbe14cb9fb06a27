-- The POF 100 anomaly dimension class of each simulation's defect (services/campaign/defect-class.ts):
-- general, pitting, axial-grooving, circumferential-grooving, pinhole, axial-slotting or
-- circumferential-slotting, from its length, width and wall thickness. Derived from the defect,
-- so it is no part of the content hash. Simulations cataloged before classes were recorded keep NULL.

-- AlterTable
ALTER TABLE "simulations" ADD COLUMN     "defect_class" TEXT;
