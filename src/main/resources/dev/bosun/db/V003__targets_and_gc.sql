-- SSH target details, disk samples and doctor results; what the GC did with each checkout and why.

ALTER TABLE targets ADD COLUMN identity_file TEXT NOT NULL DEFAULT '';
ALTER TABLE targets ADD COLUMN labels TEXT NOT NULL DEFAULT '';
ALTER TABLE targets ADD COLUMN free_disk_mb INTEGER;
ALTER TABLE targets ADD COLUMN disk_checked_at INTEGER;
ALTER TABLE targets ADD COLUMN doctor_report TEXT NOT NULL DEFAULT '';

ALTER TABLE workspaces ADD COLUMN gc_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN bytes_freed INTEGER;
ALTER TABLE workspaces ADD COLUMN gc_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN gc_error TEXT NOT NULL DEFAULT '';
