-- CreateTable
CREATE TABLE "pipeline_template_versions" (
    "template_id" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,

    CONSTRAINT "pipeline_template_versions_pkey" PRIMARY KEY ("template_id","digest")
);

-- CreateTable
CREATE TABLE "pipeline_template_tags" (
    "template_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "pipeline_template_tags_pkey" PRIMARY KEY ("template_id","tag")
);

-- AddForeignKey
ALTER TABLE "pipeline_template_tags" ADD CONSTRAINT "pipeline_template_tags_template_id_digest_fkey" FOREIGN KEY ("template_id", "digest") REFERENCES "pipeline_template_versions"("template_id", "digest") ON DELETE CASCADE ON UPDATE CASCADE;
