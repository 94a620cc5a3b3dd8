-- CreateTable
CREATE TABLE "canary_configs" (
    "id" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "canary_configs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "canary_configs_application_name_key" ON "canary_configs"("application", "name");

-- AddForeignKey
ALTER TABLE "canary_configs" ADD CONSTRAINT "canary_configs_application_fkey" FOREIGN KEY ("application") REFERENCES "applications"("name") ON DELETE CASCADE ON UPDATE CASCADE;
