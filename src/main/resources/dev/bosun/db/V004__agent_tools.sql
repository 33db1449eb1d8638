-- What a worker reported through its report_result tool; it is the session's result when its process ends.
ALTER TABLE sessions ADD COLUMN reported_result TEXT;
-- A pull request's description, as its manager wrote it.
ALTER TABLE pull_requests ADD COLUMN body TEXT NOT NULL DEFAULT '';
-- What a session's agent used, summed over its turns (as its CLI reports it).
ALTER TABLE sessions ADD COLUMN tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0;
-- How much a checkout takes on its target's disk, sampled with the free space.
ALTER TABLE workspaces ADD COLUMN size_kb INTEGER;
-- A pull request's state as Bosun last computed it (the local forge) or read it (a hosted one).
ALTER TABLE pull_requests ADD COLUMN mergeable TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE pull_requests ADD COLUMN commits INTEGER;
ALTER TABLE pull_requests ADD COLUMN diff_stat TEXT NOT NULL DEFAULT '';
ALTER TABLE pull_requests ADD COLUMN conflict_files TEXT NOT NULL DEFAULT '';
