-- Defect libraries (services/library): depth maps of defects as found, each library a Zarr v3
-- group in object storage under store_prefix. One row per library (its content hash over every
-- defect's metadata, depths and measured map, and the STAND-IN flag) and one per defect (its index
-- in the stored arrays, metadata, content hash and extent). Replacing a library deletes its
-- defect rows with it (ON DELETE CASCADE) in the transaction that writes the new ones.

-- CreateTable
CREATE TABLE "defect_libraries" (
    "name" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "store_prefix" TEXT NOT NULL,
    "defect_count" INTEGER NOT NULL,
    "stand_in" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "defect_libraries_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "library_defects" (
    "library_name" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "defect_id" TEXT NOT NULL,
    "wall_thickness_mm" DOUBLE PRECISION NOT NULL,
    "axial_pitch_mm" DOUBLE PRECISION NOT NULL,
    "circumferential_pitch_mm" DOUBLE PRECISION NOT NULL,
    "axial_count" INTEGER NOT NULL,
    "circumferential_count" INTEGER NOT NULL,
    "side" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "max_depth_mm" DOUBLE PRECISION NOT NULL,
    "loss_length_mm" DOUBLE PRECISION NOT NULL,
    "loss_width_mm" DOUBLE PRECISION NOT NULL,
    "has_measured" BOOLEAN NOT NULL DEFAULT false,
    "measured_grid" JSONB,

    CONSTRAINT "library_defects_pkey" PRIMARY KEY ("library_name","index")
);

-- CreateIndex
CREATE UNIQUE INDEX "library_defects_library_name_defect_id_key" ON "library_defects"("library_name", "defect_id");

-- AddForeignKey
ALTER TABLE "library_defects" ADD CONSTRAINT "library_defects_library_name_fkey" FOREIGN KEY ("library_name") REFERENCES "defect_libraries"("name") ON DELETE CASCADE ON UPDATE CASCADE;
