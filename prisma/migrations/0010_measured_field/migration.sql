-- Field verifications (services/field-verification): a library defect's measured map records the
-- tool's magnetizing field, so a campaign can simulate the defect as it was measured.
ALTER TABLE "library_defects" ADD COLUMN "measured_field_ka_per_m" DOUBLE PRECISION;
