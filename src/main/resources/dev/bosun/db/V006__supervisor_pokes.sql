-- Pokes the supervisor gave an objective's manager since the objective last made progress (a session created, a PR
-- published or updated, a question asked, the operator acting); past supervisor.max.pokes the operator is asked.
ALTER TABLE objectives ADD COLUMN supervisor_pokes INTEGER NOT NULL DEFAULT 0;
-- Why a manager discarded a succeeded worker's unpublished work (discard_work); an objective cannot end while a
-- succeeded worker holds commits that are in no pull request, unless they were discarded with a reason.
ALTER TABLE sessions ADD COLUMN discarded_reason TEXT;
