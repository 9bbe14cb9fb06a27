-- Campaign owners: the principal that submitted a campaign (the API token's name, or 'local' for
-- direct catalog access by the CLI). A submit-scope token steers only its own campaigns; an admin
-- token steers any. Campaigns cataloged before owners were recorded become 'local': through the
-- API only an admin token steers them.

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN     "owner" TEXT NOT NULL DEFAULT 'local';
